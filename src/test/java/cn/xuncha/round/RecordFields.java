package cn.xuncha.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Map;
import java.util.Optional;

/**
 * A step's typed record as its form's fields, for seeding and checking records in step tests:
 * dates as {@code 2022-04-18}, texts as they are.
 */
public final class RecordFields {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private RecordFields() {
  }

  /** The stored record of the unit as field name → value, or empty when none is stored. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> find(UnitRecords records, long unitId, Class<? extends Record> type) {
    return records.find(unitId, type).map(record -> (Map<String, Object>) JSON.convertValue(record, Map.class));
  }

  /** A record of {@code type} with these fields (the others empty). */
  public static <R extends Record> R of(Class<R> type, Map<String, ?> fields) {
    return JSON.convertValue(fields, type);
  }
}

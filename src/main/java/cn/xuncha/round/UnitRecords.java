package cn.xuncha.round;

import cn.xuncha.system.FormSubmission;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a step records for one inspected unit, one typed record per {@link Kind} (e.g.
 * {@code cn.xuncha.feedback.Feedback}), stored as JSON in xc_unit_record with the version of the
 * record's shape; a later submission of the same kind replaces the earlier one. A record is checked
 * against its {@link cn.xuncha.system.FormField} declarations when written and again when read, and
 * a stored row of another version or with unknown fields is refused rather than half read: a change
 * of a record's shape comes with a Flyway migration that converts the rows and raises the version.
 * JSON, not columns, because the records are only ever read whole, by unit and kind; what is queried
 * (problems, rectification items, clues, villages, reviews) has its own tables, and the dates that
 * deadlines count from travel as process variables.
 */
@Repository
public class UnitRecords {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final JdbcClient jdbc;

  UnitRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores the record of the unit, replacing an earlier one of its kind. Refuses (with an
   * IllegalArgumentException: a listener must have refused the submission first) a record whose
   * fields break their declarations.
   */
  public void save(long unitId, Record record, String actor, Instant at) {
    Stored stored = stored(record.getClass());
    List<String> problems = FormSubmission.problemsOf(record);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + record.getClass().getSimpleName() + ": " + problems);
    }
    String json;
    try {
      json = JSON.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Record cannot be written as JSON", e);
    }
    jdbc.sql("delete from xc_unit_record where unit_id = ? and kind = ?").params(unitId, stored.value().name()).update();
    jdbc.sql("""
            insert into xc_unit_record (unit_id, kind, record_version, content, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(unitId, stored.value().name(), stored.version(), json, actor, Timestamp.from(at)).update();
  }

  /**
   * The unit's record of the type's kind, empty when the step has not recorded it yet. A stored row
   * of another version, with fields the type lacks or breaking the type's declarations is a fault of
   * the data (an IllegalStateException naming unit, kind and problem), never shown to a user as data.
   */
  public <R extends Record> Optional<R> find(long unitId, Class<R> type) {
    Stored stored = stored(type);
    return jdbc.sql("select record_version, content from xc_unit_record where unit_id = ? and kind = ?")
        .params(unitId, stored.value().name())
        .query((rs, row) -> read(unitId, stored, type, rs.getInt("record_version"), rs.getString("content")))
        .optional();
  }

  private static <R extends Record> R read(long unitId, Stored stored, Class<R> type, int version, String json) {
    String row = stored.value() + " of unit " + unitId;
    if (version != stored.version()) {
      throw new IllegalStateException(row + " is stored as version " + version + ", " + type.getSimpleName()
          + " is version " + stored.version() + ": a migration must convert it");
    }
    R record;
    try {
      record = JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(row + " does not read as " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
    List<String> problems = FormSubmission.problemsOf(record);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(row + " is not valid: " + problems);
    }
    return record;
  }

  private static Stored stored(Class<?> type) {
    Stored stored = type.getAnnotation(Stored.class);
    if (stored == null) {
      throw new IllegalArgumentException(type.getName() + " is not a unit record (no @UnitRecords.Stored)");
    }
    return stored;
  }

  /** On a step's record type: the kind of record it is and the version of its shape (raise it with a migration). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface Stored {

    Kind value();

    int version();
  }

  public enum Kind {
    /** 分析研判: individual talks and the key persons, matters and problems */
    TEAM_ANALYSIS,
    /** 巡察组工作方案 */
    TEAM_PLAN,
    /** 巡察公告、巡察通知、进驻工作安排、信访渠道 */
    ANNOUNCEMENT,
    /** the unit's acknowledgement of the written notice */
    NOTICE_ACK,
    /** 进驻动员会 */
    ENTRY_MEETING,
    /** 巡察情况报告、谈话情况报告、问题线索报告 and the lists that are not derived from the papers */
    REPORT,
    /** 书记专题会: when it heard the report and what it decided */
    SECRETARY_MEETING,
    /** 反馈意见: the feedback meeting and the rectification demands */
    FEEDBACK,
    /** the unit's confirmation that it received the feedback (starts D4 and D5) */
    FEEDBACK_ACK,
    /** 整改方案 */
    RECTIFICATION_PLAN,
    /** 整改落实情况报告 */
    RECTIFICATION_REPORT,
    /** 结果公开 */
    PUBLICATION
  }
}

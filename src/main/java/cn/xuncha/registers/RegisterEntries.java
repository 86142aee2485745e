package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * How every register entry is read and stored, once: an entry is a record whose
 * {@link cn.xuncha.system.FormField} components {@link FormSubmission} reads (all problems at once,
 * in Chinese), accepted only during the unit's {@link Stay} and after the register's own checks,
 * and stored as a row of the unit with who recorded it and when.
 */
@Component
class RegisterEntries {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  RegisterEntries(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.events = events;
  }

  /** The register's own checks of an entry already read; problems go to {@code form}. */
  @FunctionalInterface
  interface Checks<R> {
    void check(R entry, FormSubmission form, LocalDate today);
  }

  LocalDate today() {
    return ChinaTime.today(clock);
  }

  /**
   * Reads {@code fields} (name → value, as the page's form or the JSON API sends them) as an entry of
   * {@code type} of the unit. Refuses, with every problem in Chinese, outside the stay, on any field
   * problem and on any problem {@code checks} finds.
   */
  <R extends Record> R read(UnitRef unit, Map<String, ?> fields, Class<R> type, Checks<R> checks) {
    LocalDate today = today();
    Stay.require(unit.round(), today);
    Map<String, ?> values = fields == null ? Map.of() : fields;
    FormSubmission form = new FormSubmission(values::get);
    R entry = form.read(type);
    checks.check(entry, form, today);
    form.check();
    return entry;
  }

  /**
   * Inserts {@code columns} (column → value; dates and times as such) as a row of the unit in
   * {@code table}; returns its id. Announces the new entry ({@link RegisterEntryRecorded}).
   */
  long insert(String table, UnitRef unit, String actor, Map<String, Object> columns) {
    Map<String, Object> row = new LinkedHashMap<>(columns);
    row.put("unit_id", unit.unitId());
    row.put("recorded_by", actor);
    row.put("recorded_at", Timestamp.from(clock.instant()));
    var id = new GeneratedKeyHolder();
    jdbc.sql("insert into " + table + " (" + String.join(", ", row.keySet()) + ") values ("
            + String.join(", ", Collections.nCopies(row.size(), "?")) + ")")
        .params(row.values().stream().map(RegisterEntries::sql).toList())
        .update(id, "id");
    changed(unit);
    return id.getKey().longValue();
  }

  /** Announces that the unit's registers changed in what a working paper may cite. */
  void changed(UnitRef unit) {
    events.publishEvent(new RegisterEntryRecorded(unit));
  }

  /** Column → value pairs in order, nulls allowed: {@code columns("post", post, "name", null)}. */
  static Map<String, Object> columns(Object... pairs) {
    Map<String, Object> columns = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      columns.put((String) pairs[i], pairs[i + 1]);
    }
    return columns;
  }

  /** A value as JDBC takes it: dates and times as {@code java.sql} types, null kept. */
  static Object sql(Object value) {
    if (value instanceof LocalDate date) {
      return java.sql.Date.valueOf(date);
    }
    if (value instanceof LocalTime time) {
      return java.sql.Time.valueOf(time);
    }
    return value;
  }

  Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}

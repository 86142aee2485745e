package cn.xuncha.calendar;

import java.util.LinkedHashMap;
import cn.xuncha.calendar.DeadlineTable.Entry;
import cn.xuncha.system.ChinaTime;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * The procedure's deadlines by name, as the deadline table ({@code processes/deadlines.yaml},
 * {@link DeadlineTable}) defines them, computed by {@link DeadlineService}'s arithmetic: day 0 is the
 * day of the start, a deadline ends at the end of its day in Asia/Shanghai, and a year with no
 * schedule yet gives a provisional date. BPMN names a deadline, never its length:
 * {@code ${deadlineTable.due('D2', execution)}}, and an activity with the extension property
 * {@code deadline} gets its due date, reminder and escalation from here (cn.xuncha.escalation).
 *
 * <p>The table is read once, when the application starts; an invalid table stops the start with a
 * Chinese message naming the line and the entry ({@link DeadlineTable.InvalidTableException}).
 */
@Component("deadlineTable")
public class Deadlines {

  /** A process variable naming what a process's deadline timers watch; the calendar page shows it with them. */
  public static final String SUBJECT = "deadlineSubject";
  /** A process variable naming the deadline (an id of the table) a process's timers keep; the calendar page names it. */
  public static final String WATCHED_DEADLINE = "deadlineId";

  private final DeadlineTable table;
  private final DeadlineService arithmetic;
  private final Map<String, Expression> starts = new ConcurrentHashMap<>();

  // Lazy: the engine's parse listeners need the table while the engine, which the arithmetic's
  // schedule requests use, is still being built.
  Deadlines(@Lazy DeadlineService arithmetic, @Value("${xuncha.deadlines.table:classpath:processes/deadlines.yaml}") Resource file) {
    this.arithmetic = arithmetic;
    try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
      this.table = DeadlineTable.parse(reader, file.getFilename());
    } catch (IOException e) {
      throw new UncheckedIOException("期限表 " + file.getDescription() + " 无法读取", e);
    }
  }

  /** The deadline's Chinese name (报送整改方案和整改台账), or empty for an id the table does not define. */
  public Optional<String> name(String id) {
    return id == null ? Optional.empty() : table.find(id).map(Entry::name);
  }

  /** The table's entry; refuses an id the table does not define. */
  public Entry entry(String id) {
    return table.get(id);
  }

  /**
   * How long deadline {@code id} is, as forms and documents say it after what it counts from:
   * “10个工作日内”, “7日内”, “1个月内”, “当日”, “之前” — from the table, so that a changed length is
   * changed everywhere it is read.
   */
  public String within(String id) {
    DeadlineTable.Length length = entry(id).length();
    return switch (length.unit()) {
      case WORKDAYS -> length.count() + "个工作日内";
      case DAYS -> length.count() + "日内";
      case MONTHS -> length.count() + "个月内";
      case END_OF_DAY -> "当日";
      case START_OF_DAY -> "之前";
    };
  }

  /**
   * {@link #within} of each deadline as the form variable {@code within<id>} (e.g. {@code withinD4}),
   * which a form's text shows as {@code {{withinD4}}}.
   */
  public Map<String, Object> withinValues(String... ids) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String id : ids) {
      values.put("within" + id.replace("-", ""), within(id));
    }
    return values;
  }

  /**
   * The entries that count from the process variable {@code from}, in the order of the table: e.g.
   * for {@code transferredOn} every reply period a clue's receiver may be given (办法 第十九条), among
   * which the clue-routing table chooses per kind and receiver.
   */
  public java.util.List<Entry> countingFrom(String from) {
    return table.all().stream().filter(entry -> entry.from().equals("${" + from + "}")).toList();
  }

  /** Whether the table defines this id. */
  public boolean defines(String id) {
    return table.find(id).isPresent();
  }

  /** The deadline {@code id} of the work in {@code scope} (an execution or a task), counted from the entry's {@code from}. */
  public Date due(String id, VariableScope scope) {
    return dueFrom(id, from(id, scope));
  }

  /**
   * 00:00 of the day deadline {@code id} counts from (day 0), read from {@code scope} through the
   * entry's {@code from}: the value a watch keeps so that it can be computed again without the
   * watched process.
   */
  public Date from(String id, VariableScope scope) {
    Expression start = starts.computeIfAbsent(id,
        key -> Context.getProcessEngineConfiguration().getExpressionManager().createExpression(entry(key).from()));
    return DeadlineService.startOfDay(DeadlineService.day(start.getValue(scope), entry(id).name() + "的起算日期"));
  }

  /** The deadline {@code id} counted from {@code start} (any date value {@link DeadlineService} reads). */
  public Date dueFrom(String id, Object start) {
    Entry entry = entry(id);
    int count = entry.length().count();
    return switch (entry.length().unit()) {
      case WORKDAYS -> arithmetic.workdaysAfter(start, count);
      case DAYS -> arithmetic.daysAfter(start, count);
      case MONTHS -> arithmetic.monthsAfter(start, count);
      case END_OF_DAY -> arithmetic.endOf(start);
      case START_OF_DAY -> arithmetic.startOf(start);
    };
  }

  /**
   * The last day on which work due at {@code due} may be done, in Asia/Shanghai: the day of the
   * due time, or the day before for a deadline at 00:00 (“当日零时”). A form reads it from its task's
   * due date, states it and checks the date it asks for against it, so that the text, the check and
   * the due time Tasklist shows say the same, whatever the deadline table sets.
   */
  public static LocalDate lastDay(Date due) {
    return due.toInstant().minusMillis(1).atZone(ChinaTime.ZONE).toLocalDate();
  }

  /** Whether deadline {@code id} has a reminder. */
  public boolean reminds(String id) {
    return entry(id).remind() != null;
  }

  /** The reminder of deadline {@code id} counted from {@code start}; refuses an entry without a reminder. */
  public Date remindFrom(String id, Object start) {
    Entry entry = entry(id);
    if (entry.remind() == null) {
      throw new IllegalArgumentException("期限“" + id + "”在期限表中没有提醒");
    }
    return switch (entry.remind().kind()) {
      case WORKDAYS_BEFORE -> arithmetic.workdaysBefore(dueFrom(id, start), entry.remind().count());
      case DAY_AFTER -> arithmetic.daysAfter(start, entry.remind().count());
      case DUE_DAY -> arithmetic.startOf(dueFrom(id, start));
    };
  }

}

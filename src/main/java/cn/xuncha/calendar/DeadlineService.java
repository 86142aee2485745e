package cn.xuncha.calendar;

import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * Every deadline of the procedure (procedure.md §3), for BPMN timers ({@code timeDate}) and task due
 * dates: {@code ${deadlines.workdaysAfter(inspectionEnd, 10)}}.
 *
 * <p>Counting: the day of the triggering event is day 0, and a deadline ends at the end of its day,
 * which is 23:59:59.999 Asia/Shanghai. Arguments may be {@link Date}, {@link LocalDate},
 * {@link LocalDateTime}, {@link OffsetDateTime}, {@link ZonedDateTime}, {@link Instant} or ISO
 * strings ({@code 2022-04-21}, {@code 2022-04-21T09:00}, {@code 2022-04-21T09:00:00+08:00}); dates
 * and times without a zone are read in the county's zone ({@link ChinaTime#ZONE}), whatever the server's zone.
 *
 * <p>A computation that reaches a year with no schedule counts that year's weekends only and asks
 * the office to load the year's schedule; the task that shows such a due date is marked 暂定
 * (see {@link ProvisionalDeadlines}).
 */
@Component("deadlines")
public class DeadlineService {

  private static final ZoneId ZONE = ChinaTime.ZONE;
  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

  private final WorkingDayCalendar calendar;
  private final ScheduleRequests requests;
  private final boolean shiftToWorkingDay;

  DeadlineService(WorkingDayCalendar calendar, ScheduleRequests requests, CalendarProperties properties) {
    this.calendar = calendar;
    this.requests = requests;
    this.shiftToWorkingDay = properties.shiftToWorkingDay();
  }

  /** End of the {@code workdays}-th working day after the start's day (day 0). */
  public Date workdaysAfter(Object start, int workdays) {
    LocalDate day0 = day(start, "起算日期");
    return endOfDay(checked(day0, calendar.workdaysAfter(day0, count(workdays))));
  }

  /**
   * Where the window of the next {@code workdays} working days closes (exclusive): for "due within N
   * working days" queries, {@code dueBefore(windowEnd(now(), 3))}. See {@link WorkingDayCalendar#windowEnd}.
   */
  public Date windowEnd(Date now, int workdays) {
    return Date.from(calendar.windowEnd(now.toInstant(), count(workdays)));
  }

  /** End of the day {@code days} calendar days after the start's day, moved to the next working day if configured. */
  public Date daysAfter(Object start, int days) {
    LocalDate day0 = day(start, "起算日期");
    return endOfDay(checked(day0, shifted(day0.plusDays(count(days)))));
  }

  /** Like {@link #daysAfter}, in calendar months; a month after January 31 is the last day of February. */
  public Date monthsAfter(Object start, int months) {
    LocalDate day0 = day(start, "起算日期");
    return endOfDay(checked(day0, shifted(day0.plusMonths(count(months)))));
  }

  /** A fixed date's deadline: the end of that day. */
  public Date endOf(Object date) {
    LocalDate day = day(date, "日期");
    return endOfDay(checked(day, day));
  }

  /** A fixed date's beginning: 00:00 of that day. */
  public Date startOf(Object date) {
    LocalDate day = day(date, "日期");
    return startOfDay(checked(day, day));
  }

  /** 00:00 of the working day {@code workdays} working days before the deadline's day, for reminders. */
  public Date workdaysBefore(Object deadline, int workdays) {
    LocalDate last = day(deadline, "截止日期");
    LocalDate day = last;
    for (int counted = 0; counted < count(workdays); ) {
      day = day.minusDays(1);
      if (calendar.isWorkingDay(day)) {
        counted++;
      }
    }
    return startOfDay(checked(last, day));
  }

  /** The day, in Asia/Shanghai, of any date value BPMN may hand over. */
  static LocalDate day(Object value, String what) {
    if (value == null) {
      throw new InvalidInputException("计算期限缺少" + what);
    }
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof Date date) {
      return date.toInstant().atZone(ZONE).toLocalDate();
    }
    if (value instanceof Instant instant) {
      return instant.atZone(ZONE).toLocalDate();
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.atZoneSameInstant(ZONE).toLocalDate();
    }
    if (value instanceof ZonedDateTime dateTime) {
      return dateTime.withZoneSameInstant(ZONE).toLocalDate();
    }
    if (value instanceof CharSequence text) {
      return parse(text.toString().strip(), what);
    }
    throw new InvalidInputException(what + "不是日期：" + value);
  }

  private static LocalDate parse(String text, String what) {
    try {
      if (text.length() <= 10) {
        return LocalDate.parse(text);
      }
      try {
        return OffsetDateTime.parse(text).atZoneSameInstant(ZONE).toLocalDate();
      } catch (DateTimeParseException withoutOffset) {
        return LocalDateTime.parse(text).toLocalDate();
      }
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(what + "格式不正确：" + text + "（应为 年-月-日，例如 2022-04-21）");
    }
  }

  private static int count(int number) {
    if (number < 0) {
      throw new InvalidInputException("期限的天数或月数不能为负数：" + number);
    }
    return number;
  }

  private LocalDate shifted(LocalDate day) {
    LocalDate shifted = day;
    while (shiftToWorkingDay && !calendar.isWorkingDay(shifted)) {
      shifted = shifted.plusDays(1);
    }
    return shifted;
  }

  /** Asks the office for every schedule the computation from {@code from} to {@code to} lacked. */
  private LocalDate checked(LocalDate from, LocalDate to) {
    calendar.missingYears(from, to).forEach(requests::request);
    return to;
  }

  static Date startOfDay(LocalDate day) {
    return Date.from(day.atStartOfDay(ZONE).toInstant());
  }

  private static Date endOfDay(LocalDate day) {
    return Date.from(day.atTime(END_OF_DAY).atZone(ZONE).toInstant());
  }
}

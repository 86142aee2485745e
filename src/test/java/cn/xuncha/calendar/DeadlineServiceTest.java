package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import cn.xuncha.system.InvalidInputException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Deadlines over the real 2018–2026 schedules (bundled), without Spring. */
class DeadlineServiceTest {

  @TempDir
  Path dir;
  ScheduleRequests requests;
  DeadlineService deadlines;

  @BeforeEach
  void setUp() {
    requests = mock(ScheduleRequests.class);
    deadlines = service(true);
  }

  private DeadlineService service(boolean shift) {
    CalendarProperties properties = new CalendarProperties(dir, shift, Duration.ofMinutes(1));
    return new DeadlineService(new WorkingDayCalendar(properties, event -> { }), requests, properties);
  }

  /** 23:59:59.999 of that day in Asia/Shanghai. */
  private static Date endOf(String day) {
    return Date.from(OffsetDateTime.parse(day + "T23:59:59.999+08:00").toInstant());
  }

  private static Date startOf(String day) {
    return Date.from(OffsetDateTime.parse(day + "T00:00:00+08:00").toInstant());
  }

  @ParameterizedTest(name = "{2}: {0} + {1} working days = {3}")
  @CsvSource({
      "2022-06-10, 10, D2 example from the issue,                       2022-06-24",
      "2022-01-21, 10, Spring Festival 2022 with Sat/Sun 1-29/1-30 worked, 2022-02-09",
      "2024-02-02, 5,  Spring Festival 2024 with Sunday 2-4 worked,    2024-02-08",
      "2023-04-21, 10, Labour Day 2023 with 4-23 and 5-6 worked,       2023-05-08",
      "2025-09-26, 10, National Day 2025 with 9-28 and 10-11 worked,   2025-10-16",
      "2018-12-27, 3,  year boundary: 2018-12-29 worked per 2019 file, 2019-01-02",
      "2022-12-29, 2,  year boundary: New Year 2023 holiday on Monday, 2023-01-03",
      "2022-06-10, 0,  day 0 is the start's own day,                   2022-06-10"})
  void workdaysAfter(LocalDate start, int workdays, String why, String expected) {
    assertThat(deadlines.workdaysAfter(start, workdays)).isEqualTo(endOf(expected));
    verifyNoInteractions(requests);
  }

  @ParameterizedTest(name = "{2}: {0} + {1} days = {3}")
  @CsvSource({
      "2022-04-21, 7,  D1: entry + 7 days on a Thursday,                  2022-04-28",
      "2023-09-22, 10, ends on a National Day holiday: moved to Saturday 10-7 worked, 2023-10-07",
      "2022-06-01, 10, ends on Saturday 6-11: moved to Monday,            2022-06-13"})
  void daysAfter(LocalDate start, int days, String why, String expected) {
    assertThat(deadlines.daysAfter(start, days)).isEqualTo(endOf(expected));
  }

  @ParameterizedTest(name = "{2}: {0} + {1} months = {3}")
  @CsvSource({
      "2024-01-31, 1, leap year: end of February is the 29th, 2024-02-29",
      "2023-01-31, 1, common year: end of February is the 28th, 2023-02-28",
      "2025-08-31, 1, September has 30 days,                 2025-09-30",
      "2024-04-01, 1, ends on Labour Day: moved past the holiday, 2024-05-06",
      "2025-12-15, 1, across the year boundary,               2026-01-15"})
  void monthsAfter(LocalDate start, int months, String why, String expected) {
    assertThat(deadlines.monthsAfter(start, months)).isEqualTo(endOf(expected));
  }

  @Test
  void calendarPeriodsKeepARestDayWhenShiftingIsOff() {
    DeadlineService unshifted = service(false);
    assertThat(unshifted.daysAfter("2023-09-22", 10)).isEqualTo(endOf("2023-10-02"));
    assertThat(unshifted.monthsAfter("2024-04-01", 1)).isEqualTo(endOf("2024-05-01"));
  }

  @Test
  void fixedDatesAndReminders() {
    assertThat(deadlines.endOf("2022-04-22")).isEqualTo(endOf("2022-04-22"));
    assertThat(deadlines.startOf("2022-04-21")).isEqualTo(startOf("2022-04-21"));
    assertThat(deadlines.workdaysBefore(endOf("2022-06-24"), 3)).isEqualTo(startOf("2022-06-21"));
    assertThat(deadlines.workdaysBefore("2022-02-09", 3)).as("Sunday 1-30 was a working day").isEqualTo(startOf("2022-01-30"));
  }

  @Test
  void argumentsAreReadInShanghaiWhateverTheirForm() {
    Date expected = endOf("2022-06-24");
    assertThat(deadlines.workdaysAfter("2022-06-10", 10)).isEqualTo(expected);
    assertThat(deadlines.workdaysAfter("2022-06-10T09:30:00", 10)).isEqualTo(expected);
    assertThat(deadlines.workdaysAfter("2022-06-10T01:30:00Z", 10)).isEqualTo(expected);
    assertThat(deadlines.workdaysAfter(ZonedDateTime.parse("2022-06-10T08:00:00+08:00[Asia/Shanghai]"), 10)).isEqualTo(expected);
    // 17:00 UTC on Thursday 6-9 is already Friday 01:00 in Shanghai
    assertThat(deadlines.workdaysAfter(Date.from(OffsetDateTime.parse("2022-06-09T17:00:00Z").toInstant()), 10)).isEqualTo(expected);
  }

  @Test
  void endOfDayIsTheLastMillisecondOfTheDayInShanghai() {
    Date end = deadlines.endOf("2022-06-24");
    assertThat(end.getTime() + 1).isEqualTo(startOf("2022-06-25").getTime());
  }

  @Test
  void badArgumentsAreRefusedInChinese() {
    assertThatThrownBy(() -> deadlines.workdaysAfter(null, 10)).isInstanceOf(InvalidInputException.class).hasMessage("计算期限缺少起算日期");
    assertThatThrownBy(() -> deadlines.workdaysAfter("2022/06/10", 10)).isInstanceOf(InvalidInputException.class).hasMessageContaining("起算日期格式不正确：2022/06/10");
    assertThatThrownBy(() -> deadlines.daysAfter("2022-06-10", -1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("不能为负数");
    assertThatThrownBy(() -> deadlines.endOf(42)).isInstanceOf(InvalidInputException.class).hasMessageContaining("不是日期");
  }

  @Test
  void aDeadlineReaching2027IsCountedOnWeekendsAndAsksForTheSchedule() {
    assertThat(deadlines.workdaysAfter("2026-12-17", 10)).isEqualTo(endOf("2026-12-31"));
    verify(requests, never()).request(2027);

    // 2027-01-01 is a Friday: without a schedule it counts as a working day
    assertThat(deadlines.workdaysAfter("2026-12-24", 10)).isEqualTo(endOf("2027-01-07"));
    verify(requests).request(2027);
  }
}

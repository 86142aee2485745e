package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkingDayCalendarTest {

  @TempDir
  Path dir;
  List<Object> events = new ArrayList<>();
  WorkingDayCalendar calendar;

  @BeforeEach
  void setUp() {
    calendar = new WorkingDayCalendar(new CalendarProperties(dir, true, Duration.ofMinutes(1)), events::add);
  }

  /** 2027.json as the holiday-cn data set publishes it before the State Council notice exists. */
  static final String EMPTY_2027 = """
      {
          "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
          "$id": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json",
          "year": 2027,
          "papers": [],
          "days": []
      }
      """;

  static byte[] schedule2027() throws IOException {
    try (var in = WorkingDayCalendarTest.class.getResourceAsStream("2027.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void workingDaysFollowTheScheduleIncludingAdjustedWeekends() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 1, 29))).as("Saturday made a working day").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 2, 1))).as("Spring Festival").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 6, 11))).as("plain Saturday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2022, 6, 13))).as("plain Monday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2018, 12, 29))).as("listed in the 2019 file").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).as("no 2027 schedule: weekday").isTrue();
  }

  @Test
  void workdaysBetweenCountsAfterTheFirstDayUpToTheLast() {
    assertThat(calendar.workdaysBetween(LocalDate.of(2022, 1, 21), LocalDate.of(2022, 2, 9))).isEqualTo(10);
    assertThat(calendar.workdaysBetween(LocalDate.of(2022, 2, 9), LocalDate.of(2022, 1, 21))).isEqualTo(-10);
    assertThat(calendar.workdaysBetween(LocalDate.of(2022, 6, 10), LocalDate.of(2022, 6, 10))).isZero();
  }

  @Test
  void missingYearsAreReported() {
    assertThat(calendar.hasSchedule(2026)).isTrue();
    assertThat(calendar.hasSchedule(2027)).isFalse();
    assertThat(calendar.missingYears(LocalDate.of(2027, 1, 5), LocalDate.of(2025, 1, 1))).containsExactly(2027);
    WorkingDayCalendar.Overview overview = calendar.overview(2026);
    assertThat(overview.loaded()).extracting(WorkingDayCalendar.LoadedYear::year)
        .containsExactly(2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026);
    assertThat(overview.loaded().get(4).papers()).containsExactly("http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm");
    assertThat(overview.loaded().get(4).source()).isEqualTo("2022.json（内置）");
    assertThat(overview.missing()).containsExactly(2027);
  }

  @Test
  void aFileDroppedInTheFolderIsPickedUpAndAnnounced() throws IOException {
    Files.write(dir.resolve("2027.json"), schedule2027());
    calendar.reload();

    assertThat(calendar.hasSchedule(2027)).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).as("New Year 2027 in the file").isFalse();
    assertThat(events).containsExactly(new WorkingDayCalendar.ScheduleLoaded(2027));
    calendar.reload();
    assertThat(events).as("an unchanged file is not announced again").hasSize(1);
  }

  @Test
  void aBadFileIsRefusedAndThePreviousScheduleStaysInForce() throws IOException {
    Path file = dir.resolve("2027.json");
    Files.write(file, schedule2027());
    calendar.reload();

    Files.writeString(file, new String(schedule2027(), StandardCharsets.UTF_8).replace("\"2027-01-01\"", "\"2028-01-01\""));
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
    calendar.reload();

    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(calendar.overview(2026).refused()).singleElement().asString()
        .startsWith("2027.json 第").contains("2028-01-01 不在 2027 年安排的范围内");
    assertThat(events).hasSize(1);
  }

  @Test
  void anUploadIsWrittenToTheFolderUnderItsYear() throws IOException {
    assertThat(calendar.upload("国务院2027安排.json", schedule2027())).isEqualTo(2027);
    assertThat(dir.resolve("2027.json")).exists();
    assertThat(calendar.hasSchedule(2027)).isTrue();
    assertThat(calendar.overview(2026).loaded()).last().extracting(WorkingDayCalendar.LoadedYear::source)
        .asString().startsWith("2027.json（");
  }

  @Test
  void filesFoundAtStartAreAnnouncedOnceTheApplicationIsReady() throws IOException {
    Files.write(dir.resolve("2027.json"), schedule2027());
    WorkingDayCalendar started = new WorkingDayCalendar(new CalendarProperties(dir, true, Duration.ofMinutes(1)), events::add);
    assertThat(started.hasSchedule(2027)).isTrue();
    assertThat(events).as("nothing is announced while the context starts").isEmpty();

    started.announceExternalSchedules();
    assertThat(events).containsExactly(new WorkingDayCalendar.ScheduleLoaded(2027));
  }

  @ParameterizedTest
  @ValueSource(ints = {2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026})
  void eachBundledYearIsPlausiblyItsNotice(int year) throws IOException {
    try (var in = WorkingDayCalendar.class.getResourceAsStream("/calendar/" + year + ".json")) {
      HolidaySchedule schedule = WorkingDayCalendar.notice(year + ".json", "test", in.readAllBytes());
      assertThat(schedule.year()).isEqualTo(year);
      assertThat(schedule.gaps()).isEmpty();
      assertThat(schedule.holidays()).extracting(HolidaySchedule.Holiday::name).isNotEmpty();
    }
  }

  @Test
  void theDataSetsEmptyNextYearIsNotASchedule() throws IOException {
    Files.writeString(dir.resolve("2027.json"), EMPTY_2027);
    calendar.reload();

    assertThat(calendar.hasSchedule(2027)).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).as("still a provisional weekday, not a known working day").isTrue();
    assertThat(calendar.overview(2026).missing()).containsExactly(2027);
    assertThat(calendar.overview(2026).refused()).singleElement().asString()
        .startsWith("2027.json：不是完整的2027年节假日安排")
        .contains("papers 为空", "未列出法定节假日元旦、春节、清明节、劳动节、端午节、中秋节、国庆节的放假安排");
    assertThat(events).isEmpty();
    assertThatThrownBy(() -> calendar.upload("2027.json", EMPTY_2027.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ScheduleFileException.class).hasMessageContaining("不是完整的2027年节假日安排");
  }

  @Test
  void aFileWithoutEveryStatutoryHolidayDoesNotOverrideTheBundledYear() throws IOException {
    String withoutMidAutumn = Files.readString(Path.of("src/main/resources/calendar/2026.json"))
        .replace("\"name\": \"中秋节\"", "\"name\": \"国庆节\"");
    Files.writeString(dir.resolve("2026.json"), withoutMidAutumn);
    calendar.reload();

    assertThat(calendar.overview(2026).loaded()).filteredOn(year -> year.year() == 2026).singleElement()
        .extracting(WorkingDayCalendar.LoadedYear::source).isEqualTo("2026.json（内置）");
    assertThat(calendar.overview(2026).refused()).singleElement().asString().contains("未列出法定节假日中秋节");
    assertThat(events).isEmpty();
  }

  @Test
  void aNoticeWithoutPapersIsRefused() throws IOException {
    String unnamed = new String(schedule2027(), StandardCharsets.UTF_8)
        .replace("\"测试用虚构安排，并非国务院办公厅通知\"", "\" \"");
    assertThatThrownBy(() -> calendar.upload("2027.json", unnamed.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("2027.json：不是完整的2027年节假日安排，未注明所依据的国务院办公厅通知（papers 为空）。"
            + "请在国务院办公厅发布该年度通知后上传完整的安排文件，在此之前该年度的截止时间仍为暂定。");
    assertThat(dir.resolve("2027.json")).doesNotExist();
  }

  @Test
  void aWindowOfWorkingDaysEndsAfterItsLastDayHolidaysAndAdjustedWeekendsCounted() {
    // Thursday 2022-09-29; then 09-30, National Day 10-01..07 off, 调休 Saturday 10-08 and Sunday 10-09
    Instant now = OffsetDateTime.parse("2022-09-29T10:00:00+08:00").toInstant();
    assertThat(calendar.windowEnd(now, 3)).isEqualTo(OffsetDateTime.parse("2022-10-10T00:00:00+08:00").toInstant());
    assertThat(calendar.dueWithin(java.util.Date.from(OffsetDateTime.parse("2022-10-09T23:59:59.999+08:00").toInstant()), now, 3)).isTrue();
    assertThat(calendar.dueWithin(java.util.Date.from(OffsetDateTime.parse("2022-10-10T00:00:00+08:00").toInstant()), now, 3)).isFalse();
    assertThat(calendar.windowEnd(now, 0)).as("today only").isEqualTo(OffsetDateTime.parse("2022-09-30T00:00:00+08:00").toInstant());
  }
}

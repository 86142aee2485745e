package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingDayCalendarTest {

  @TempDir
  Path dir;
  List<Object> events = new ArrayList<>();
  WorkingDayCalendar calendar;

  @BeforeEach
  void setUp() {
    calendar = new WorkingDayCalendar(new CalendarProperties(dir, true, Duration.ofMinutes(1)), events::add);
  }

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
}

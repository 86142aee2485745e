package cn.xuncha.calendar;

import cn.xuncha.system.ChinaTime;
import static cn.xuncha.calendar.DeadlineTimerTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deadline in a year with no schedule → marked 暂定 → one office task → schedule file arrives →
 * timer and due date recomputed, mark removed, office task done.
 */
@XunchaSpringTest
class ProvisionalDeadlineTest {

  private static final int YEAR = 2027;

  @Autowired
  ProcessEngine engine;
  @Autowired
  WorkingDayCalendar calendar;
  @Autowired
  CalendarProperties properties;
  @Autowired
  ScheduleRequests requests;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void setUp() throws IOException {
    DeadlineTestProcess.deploy(engine);
    forget(YEAR);
  }

  @AfterEach
  void tearDown() throws IOException {
    ClockUtil.reset();
    forget(YEAR);
  }

  /** No schedule file, no request, no office task for the year: as on a fresh installation. */
  private void forget(int year) throws IOException {
    Files.deleteIfExists(properties.dir().resolve(year + ".json"));
    calendar.reload();
    jdbc.update("DELETE FROM xc_schedule_request WHERE schedule_year = ?", year);
    officeTasks(year).forEach(task -> engine.getRuntimeService().deleteProcessInstance(task.getProcessInstanceId(), "test clean-up"));
  }

  private List<Task> officeTasks(int year) {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(ScheduleRequests.PROCESS)
        .processInstanceBusinessKey(ScheduleRequests.businessKey(year)).list();
  }

  private ProcessInstance startOn(String now, String inspectionEnd) {
    ClockUtil.setCurrentTime(at(now));
    return engine.getRuntimeService().startProcessInstanceByKey(DeadlineTestProcess.KEY, Map.of("inspectionEnd", inspectionEnd));
  }

  private Task task(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private java.util.Date timerDue(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult().getDuedate();
  }

  @Test
  void provisionalDeadlineIsRecomputedWhenTheScheduleArrives() throws IOException {
    // 2027-01-01 (Friday) counts as a working day until the 2027 schedule says otherwise
    ProcessInstance first = startOn("2026-12-24T10:00:00+08:00", "2026-12-24");
    ProcessInstance second = startOn("2026-12-24T11:00:00+08:00", "2026-12-24");
    assertThat(task(first).getDueDate()).isEqualTo(at("2027-01-07T23:59:59.999+08:00"));
    assertThat(timerDue(first)).isEqualTo(at("2027-01-07T23:59:59.999+08:00"));
    assertThat(engine.getTaskService().getVariableLocal(task(first).getId(), ProvisionalDeadlines.VARIABLE)).isEqualTo(true);
    assertThat(task(first).getDescription()).startsWith(DeadlineTestProcess.DESCRIPTION).contains("截止时间暂定：2027年节假日安排尚未加载");

    List<Task> office = officeTasks(YEAR);
    assertThat(office).as("one office task for the year, however many deadlines reach it").singleElement()
        .satisfies(task -> assertThat(task.getName()).isEqualTo("加载2027年节假日安排"));
    assertThat(engine.getTaskService().getIdentityLinksForTask(office.get(0).getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("office"));
    assertThatThrownBy(() -> engine.getTaskService().complete(office.get(0).getId()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("2027年节假日安排尚未加载");

    Files.createDirectories(properties.dir());
    Files.writeString(properties.dir().resolve("2027.json"), WorkingDayCalendarTest.EMPTY_2027);
    calendar.reload();
    assertThat(calendar.hasSchedule(YEAR)).as("the data set's empty 2027.json is not the notice").isFalse();
    assertThat(task(first).getDueDate()).isEqualTo(at("2027-01-07T23:59:59.999+08:00"));
    assertThat(engine.getTaskService().getVariableLocal(task(first).getId(), ProvisionalDeadlines.VARIABLE)).isEqualTo(true);
    assertThat(officeTasks(YEAR)).as("the office's task stays open").hasSize(1);
    Files.delete(properties.dir().resolve("2027.json"));

    try (InputStream schedule = getClass().getResourceAsStream("2027.json")) {
      Files.copy(schedule, properties.dir().resolve("2027.json"));
    }
    calendar.reload();

    for (ProcessInstance instance : List.of(first, second)) {
      assertThat(timerDue(instance)).as("New Year holiday 2027-01-01 skipped").isEqualTo(at("2027-01-08T23:59:59.999+08:00"));
      assertThat(task(instance).getDueDate()).isEqualTo(at("2027-01-08T23:59:59.999+08:00"));
      assertThat(engine.getTaskService().getVariableLocal(task(instance).getId(), ProvisionalDeadlines.VARIABLE)).isNull();
      assertThat(task(instance).getDescription()).isEqualTo(DeadlineTestProcess.DESCRIPTION);
    }
    assertThat(officeTasks(YEAR)).isEmpty();
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(ScheduleRequests.PROCESS)
        .processInstanceBusinessKey(ScheduleRequests.businessKey(YEAR)).completed().count()).isEqualTo(1);

    ClockUtil.setCurrentTime(at("2027-01-08T23:00:00+08:00"));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(first.getId()).timers().executable().count()).isZero();
    ClockUtil.setCurrentTime(at("2027-01-09T00:00:00+08:00"));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(first.getId()).timers().executable().count()).isOne();
  }

  @Test
  void fromDecemberFirstAMissingNextYearRaisesTheOfficeTaskOnce() throws IOException {
    int nextYear = 2031;
    forget(nextYear);
    ZoneId shanghai = ChinaTime.ZONE;

    checkOn("2030-11-30T23:00:00+08:00", shanghai);
    assertThat(officeTasks(nextYear)).isEmpty();

    checkOn("2030-12-01T08:00:00+08:00", shanghai);
    checkOn("2030-12-02T08:00:00+08:00", shanghai);
    assertThat(officeTasks(nextYear)).singleElement().satisfies(task -> assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_LoadSchedule"));
    forget(nextYear);
  }

  @Test
  void noOfficeTaskWhenNextYearsScheduleIsLoaded() {
    new ScheduleRequests(calendar, engine.getRuntimeService(), engine.getTaskService(), jdbc,
        Clock.fixed(at("2025-12-01T08:00:00+08:00").toInstant(), ChinaTime.ZONE)).checkNextYear();
    assertThat(officeTasks(2026)).isEmpty();
  }

  private void checkOn(String now, ZoneId zone) {
    new ScheduleRequests(calendar, engine.getRuntimeService(), engine.getTaskService(), jdbc,
        Clock.fixed(at(now).toInstant(), zone)).checkNextYear();
  }
}

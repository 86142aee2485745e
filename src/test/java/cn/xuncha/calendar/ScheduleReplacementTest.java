package cn.xuncha.calendar;

import static cn.xuncha.calendar.DeadlineTimerTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 2019 notice was amended in March 2019: 劳动节 grew from one day (May 1) to four (May 1–4),
 * with Sunday April 28 and Sunday May 5 worked instead. Replacing the year's file moves every
 * deadline counted across those days, the task's due date and its timers alike, in every running
 * instance of every process and version, and the office can see each move.
 */
@XunchaSpringTest
class ScheduleReplacementTest {

  private static final String KEY = "schedule-replacement";
  private static final String DUE = "${deadlines.workdaysAfter(inspectionEnd, 10)}";
  private static final String REMINDER = "${deadlines.workdaysBefore(deadlines.workdaysAfter(inspectionEnd, 10), 2)}";

  @Autowired
  ProcessEngine engine;
  @Autowired
  WorkingDayCalendar calendar;
  @Autowired
  CalendarProperties properties;
  @Autowired
  RunningDeadlines running;
  @Autowired
  JdbcTemplate jdbc;
  @LocalServerPort
  int port;

  private final List<ProcessInstance> started = new ArrayList<>();

  @AfterEach
  void tearDown() throws IOException {
    Files.deleteIfExists(file());
    calendar.reload();
    started.forEach(instance -> engine.getRuntimeService().deleteProcessInstanceIfExists(instance.getId(), "test clean-up",
        true, true, true, true));
  }

  @Test
  void replacingAYearsFileMovesDueDatesAndTimersOfEveryProcessAndVersion() throws Exception {
    write(firstNotice2019(), Instant.now());
    calendar.reload();
    assertThat(calendar.isWorkingDay(java.time.LocalDate.of(2019, 5, 2))).as("first notice: May 2 worked").isTrue();

    ClockUtil.setCurrentTime(at("2019-04-25T10:00:00+08:00"));
    deploy("报送巡察报告");
    ProcessInstance version1 = start(KEY);
    deploy("报送巡察报告（修订）");
    ProcessInstance version2 = start(KEY);
    DeadlineTestProcess.deploy(engine);
    ProcessInstance otherProcess = start(DeadlineTestProcess.KEY);
    assertThat(engine.getRepositoryService().getProcessDefinition(version1.getProcessDefinitionId()).getVersion())
        .isLessThan(engine.getRepositoryService().getProcessDefinition(version2.getProcessDefinitionId()).getVersion());

    // inspection ended Tuesday April 30: 10 working days after it end on Wednesday May 15 under the first notice
    for (ProcessInstance instance : List.of(version1, version2, otherProcess)) {
      assertThat(taskDue(instance)).isEqualTo(at("2019-05-15T23:59:59.999+08:00"));
      assertThat(timerDue(instance, "Timer_ReportDue", "Timer_Overdue")).isEqualTo(at("2019-05-15T23:59:59.999+08:00"));
    }
    assertThat(timerDue(version1, "Timer_Reminder")).isEqualTo(at("2019-05-13T00:00:00+08:00"));
    assertThat(running.dependingOn(2019)).extracting(RunningDeadlines.Deadline::processInstanceId)
        .contains(version1.getId(), version2.getId(), otherProcess.getId());

    try (InputStream amended = WorkingDayCalendar.class.getResourceAsStream("/calendar/2019.json")) {
      write(amended.readAllBytes(), Instant.now().plusSeconds(60));
    }
    calendar.reload();

    // amended: May 1–4 off, Sunday May 5 worked → the 10th working day is Thursday May 16
    for (ProcessInstance instance : List.of(version1, version2, otherProcess)) {
      assertThat(taskDue(instance)).as("task due date").isEqualTo(at("2019-05-16T23:59:59.999+08:00"));
      assertThat(timerDue(instance, "Timer_ReportDue", "Timer_Overdue")).as("escalation timer, same instant as the due date")
          .isEqualTo(taskDue(instance));
    }
    assertThat(timerDue(version1, "Timer_Reminder")).isEqualTo(at("2019-05-14T00:00:00+08:00"));
    assertThat(timerDue(version2, "Timer_Reminder")).isEqualTo(at("2019-05-14T00:00:00+08:00"));

    List<Map<String, Object>> moves = jdbc.queryForList(
        "select kind, name, due_before, due_after from xc_deadline_move where schedule_year = 2019 and process_instance_id = ?",
        version2.getId());
    assertThat(moves).extracting(move -> move.get("KIND")).containsExactlyInAnyOrder("TASK", "TIMER", "TIMER");
    assertThat(moves).filteredOn(move -> "TASK".equals(move.get("KIND"))).singleElement()
        .satisfies(move -> {
          assertThat(move.get("NAME")).isEqualTo("报送巡察报告（修订）");
          assertThat(((Date) move.get("DUE_BEFORE")).getTime()).isEqualTo(at("2019-05-15T23:59:59.999+08:00").getTime());
          assertThat(((Date) move.get("DUE_AFTER")).getTime()).isEqualTo(at("2019-05-16T23:59:59.999+08:00").getTime());
        });

    // the office sees the deadlines that depend on 2019 and what moved, on the calendar page
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/calendar"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String year2019 = page.body().substring(page.body().indexOf("id=\"year-2019\""), page.body().indexOf("id=\"year-2020\""));
    assertThat(year2019).contains("取决于本年度安排的在办期限", "报送巡察报告（修订）", "2019-05-16 23:59");
    assertThat(year2019.substring(year2019.indexOf("期限变动")))
        .contains("任务期限", "定时器", "报送巡察报告（修订）", "2019-05-15 23:59", "2019-05-16 23:59", "2019-05-13 00:00", "2019-05-14 00:00");
  }

  @Test
  void anInstanceWhoseDeadlineNoLongerComputesKeepsItsDueDatesAndTheOthersStillMove() throws Exception {
    write(firstNotice2019(), Instant.now());
    calendar.reload();
    ClockUtil.setCurrentTime(at("2019-04-25T10:00:00+08:00"));
    deploy("报送巡察报告");
    ProcessInstance broken = start(KEY);
    ProcessInstance healthy = start(KEY);
    engine.getRuntimeService().removeVariable(broken.getId(), "inspectionEnd");

    try (InputStream amended = WorkingDayCalendar.class.getResourceAsStream("/calendar/2019.json")) {
      write(amended.readAllBytes(), Instant.now().plusSeconds(60));
    }
    calendar.reload();

    assertThat(taskDue(healthy)).isEqualTo(at("2019-05-16T23:59:59.999+08:00"));
    assertThat(timerDue(healthy, "Timer_Overdue")).isEqualTo(at("2019-05-16T23:59:59.999+08:00"));
    assertThat(taskDue(broken)).as("left as it was").isEqualTo(at("2019-05-15T23:59:59.999+08:00"));
    assertThat(timerDue(broken, "Timer_Overdue")).as("left as it was, with its task").isEqualTo(at("2019-05-15T23:59:59.999+08:00"));
    assertThat(jdbc.queryForList("select kind, due_after from xc_deadline_move where process_instance_id = ?", broken.getId()))
        .as("listed for the office, without a new due date").hasSize(3).allSatisfy(move -> assertThat(move.get("DUE_AFTER")).isNull());

    String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/calendar"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    assertThat(page.substring(page.indexOf("id=\"year-2019\""), page.indexOf("id=\"year-2020\"")))
        .contains(CalendarController.NOT_RECOMPUTED);
  }

  @Test
  void aDueDateSetByHandStandsWhenTheScheduleIsReplaced() throws Exception {
    write(firstNotice2019(), Instant.now());
    calendar.reload();
    ClockUtil.setCurrentTime(at("2019-04-25T10:00:00+08:00"));
    deploy("报送巡察报告");
    ProcessInstance extended = start(KEY);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(extended.getId()).singleResult();
    task.setDueDate(at("2019-05-31T23:59:59.999+08:00"));
    engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
    try {
      engine.getTaskService().saveTask(task);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    try (InputStream amended = WorkingDayCalendar.class.getResourceAsStream("/calendar/2019.json")) {
      write(amended.readAllBytes(), Instant.now().plusSeconds(60));
    }
    calendar.reload();

    assertThat(taskDue(extended)).as("the office's extension").isEqualTo(at("2019-05-31T23:59:59.999+08:00"));
  }

  @Test
  void theDeadlineMechanismsDueDatesAndWatchTimersMoveWithTheSchedule() throws Exception {
    write(firstNotice2019(), Instant.now());
    calendar.reload();
    ClockUtil.setCurrentTime(at("2019-04-25T10:00:00+08:00"));
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("deadline-watch-test").count() == 0) {
      engine.getRepositoryService().createDeployment().addClasspathResource("cn/xuncha/escalation/deadline-watch-test.bpmn").deploy();
    }
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("deadline-watch-test", "watched-2019",
        Map.of("entryDate", "2019-04-25", "withdrawalDate", "2019-04-30", "roundKey", "none"));
    started.add(instance);
    ProcessInstance watch = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("deadline-watch")
        .variableValueEquals("watchedInstanceId", instance.getId()).variableValueEquals("watchedActivityId", "Task_DeliverReport")
        .singleResult();
    Task report = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_DeliverReport")
        .singleResult();
    assertThat(report.getDueDate()).isEqualTo(at("2019-05-15T23:59:59.999+08:00"));
    assertThat(timerDue(watch, "Timer_RemindTime")).isEqualTo(at("2019-05-13T00:00:00+08:00"));

    try (InputStream amended = WorkingDayCalendar.class.getResourceAsStream("/calendar/2019.json")) {
      write(amended.readAllBytes(), Instant.now().plusSeconds(60));
    }
    calendar.reload();

    assertThat(engine.getTaskService().createTaskQuery().taskId(report.getId()).singleResult().getDueDate())
        .as("due date set by the deadline property").isEqualTo(at("2019-05-16T23:59:59.999+08:00"));
    assertThat(timerDue(watch, "Timer_RemindTime")).as("the watch's reminder").isEqualTo(at("2019-05-14T00:00:00+08:00"));
    assertThat(jdbc.queryForList("select kind, name, business_key from xc_deadline_move where process_instance_id = ?", watch.getId()))
        .singleElement().satisfies(move -> assertThat(move).containsEntry("KIND", "TIMER").containsEntry("NAME", "撰写巡察报告：提醒时间")
            .containsEntry("BUSINESS_KEY", "watched-2019#D2"));

    ClockUtil.setCurrentTime(at("2019-05-14T00:00:00+08:00"));
    engine.getManagementService().executeJob(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).singleResult().getId());
    assertThat(timerDue(watch, "Timer_Due")).as("the watch's escalation, created after the schedule arrived")
        .isEqualTo(at("2019-05-16T23:59:59.999+08:00"));
  }

  /** The notice of December 2018 (before the March 2019 amendment): 劳动节 is May 1 alone. */
  private static byte[] firstNotice2019() throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode notice;
    try (InputStream amended = WorkingDayCalendar.class.getResourceAsStream("/calendar/2019.json")) {
      notice = (ObjectNode) json.readTree(amended);
    }
    ((ArrayNode) notice.get("papers")).remove(1);
    ArrayNode days = (ArrayNode) notice.get("days");
    for (int i = days.size() - 1; i >= 0; i--) {
      if ("劳动节".equals(days.get(i).get("name").asText()) && !"2019-05-01".equals(days.get(i).get("date").asText())) {
        days.remove(i);
      }
    }
    return json.writeValueAsBytes(notice);
  }

  private Path file() {
    return properties.dir().resolve("2019.json");
  }

  private void write(byte[] content, Instant modified) throws IOException {
    Files.createDirectories(properties.dir());
    Files.write(file(), content);
    Files.setLastModifiedTime(file(), FileTime.from(modified));
  }

  private void deploy(String taskName) {
    var model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Report").name(taskName).camundaDueDate(DUE)
        .boundaryEvent("Timer_Reminder").cancelActivity(false).timerWithDate(REMINDER).endEvent("End_Reminded")
        .moveToActivity("Task_Report").boundaryEvent("Timer_Overdue").cancelActivity(false).timerWithDate(DUE).endEvent("End_Escalated")
        .moveToActivity("Task_Report").endEvent("End_Reported")
        .done();
    engine.getRepositoryService().createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model).deploy();
  }

  private ProcessInstance start(String key) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(key, Map.of("inspectionEnd", "2019-04-30"));
    started.add(instance);
    return instance;
  }

  private Date taskDue(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getDueDate();
  }

  private Date timerDue(ProcessInstance instance, String... activityIds) {
    List<String> ids = List.of(activityIds);
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
        .filter(job -> ids.contains(activity(job)))
        .map(Job::getDuedate).findFirst().orElseThrow();
  }

  private String activity(Job job) {
    return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId();
  }
}

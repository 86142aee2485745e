package cn.xuncha.system;

import cn.xuncha.XunchaApplication;
import cn.xuncha.calendar.DeadlineService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Run by {@link TimeZoneIndependenceIT} in a JVM of its own, with the default zone under test. It
 * starts the whole application on an H2 file database; in phase {@code write} it starts an
 * instance whose deadlines come from the calendar and lets the application write a record with a
 * timestamp, in phase {@code read} it reads the same data back. Either way it writes what it finds
 * (instants in epoch milliseconds, and the deadline as /overview shows it) to a properties file.
 */
public final class TimeZoneProbe {

  static final String KEY = "time-zone-probe";

  private TimeZoneProbe() {
  }

  public static void main(String[] args) throws IOException {
    String phase = args[0];
    String url = args[1];
    Path out = Path.of(args[2]);
    String zoneAtStart = TimeZone.getDefault().getID();
    Properties found = new Properties();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).run(
        "--spring.datasource.url=" + url, "--server.port=0", "--xuncha.calendar.dir=" + args[3],
        "--XUNCHA_ADMIN_PASSWORD=it-admin-secret", "--camunda.bpm.job-execution.enabled=false")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      String instance = "write".equals(phase) ? write(engine, app.getBean(DeadlineService.class)) : args[4];
      found.setProperty("processInstanceId", instance);
      var task = engine.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
      found.setProperty("taskDue", millis(task.getDueDate()));
      found.setProperty("taskDueShown", ChinaTime.format(task.getDueDate()));
      found.setProperty("taskCreated", millis(task.getCreateTime()));
      found.setProperty("entryTimer", millis(timer(engine, instance, "Timer_Entry").getDuedate()));
      found.setProperty("literalTimer", millis(timer(engine, instance, "Timer_Literal").getDuedate()));
      found.setProperty("instanceStarted", millis(engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(instance).singleResult().getStartTime()));
      found.setProperty("recordRequestedAt", millis(app.getBean(JdbcTemplate.class).queryForObject(
          "select requested_at from xc_schedule_request where schedule_year = 2031", java.sql.Timestamp.class)));
      ClockUtil.setCurrentTime(at("2022-04-20T23:59:59+08:00"));
      found.setProperty("entryTimerDueAtEveBeforeEntry", String.valueOf(executable(engine, instance)));
      ClockUtil.setCurrentTime(at("2022-04-21T00:00:00+08:00"));
      found.setProperty("entryTimerDueAtEntry", String.valueOf(executable(engine, instance)));
      ClockUtil.reset();
    }
    found.setProperty("jvmZoneAtStart", zoneAtStart);
    try (OutputStream file = Files.newOutputStream(out)) {
      found.store(file, phase);
    }
    System.exit(0);
  }

  /** An entry-day timer and a report due date, counted by the calendar on Monday 2022-04-18 10:00 Beijing time. */
  private static String write(ProcessEngine engine, DeadlineService deadlines) {
    engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Report").name("报送巡察报告").camundaDueDate("${deadlines.workdaysAfter(inspectionEnd, 10)}")
        .boundaryEvent("Timer_Entry").cancelActivity(false).timerWithDate("${deadlines.startOf(entryDate)}").endEvent()
        .moveToActivity("Task_Report").boundaryEvent("Timer_Literal").cancelActivity(false).timerWithDate("2022-04-21T09:00:00").endEvent()
        .moveToActivity("Task_Report").endEvent()
        .done()).deploy();
    ClockUtil.setCurrentTime(at("2022-04-18T10:00:00+08:00"));
    String instance = engine.getRuntimeService().startProcessInstanceByKey(KEY,
        Map.of("entryDate", "2022-04-21", "inspectionEnd", "2022-04-18")).getId();
    // a deadline reaching a year without schedule: the application records its request, with a timestamp
    deadlines.workdaysAfter("2030-12-30", 5);
    return instance;
  }

  private static Job timer(ProcessEngine engine, String instance, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance).timers().list().stream()
        .filter(job -> activityId.equals(engine.getManagementService().createJobDefinitionQuery()
            .jobDefinitionId(job.getJobDefinitionId()).singleResult().getActivityId()))
        .findFirst().orElseThrow();
  }

  private static long executable(ProcessEngine engine, String instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance).timers().executable().list().stream()
        .filter(job -> job.getId().equals(timer(engine, instance, "Timer_Entry").getId())).count();
  }

  private static String millis(Date date) {
    return String.valueOf(date.getTime());
  }

  private static Date at(String instant) {
    return Date.from(OffsetDateTime.parse(instant).toInstant());
  }
}

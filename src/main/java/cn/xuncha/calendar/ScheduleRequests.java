package cn.xuncha.calendar;

import cn.xuncha.system.ChinaTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The office's task to load a year's schedule: process {@code calendar-schedule}, business key
 * {@code schedule-<year>}, started once per year. Once-only holds across a cluster because the
 * request row's primary key refuses a second insert (that command rolls back; its retry sees the row).
 */
@Component
class ScheduleRequests {

  static final String PROCESS = "calendar-schedule";
  static final String YEAR = "scheduleYear";
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRequests.class);

  private final WorkingDayCalendar calendar;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ScheduleRequests(WorkingDayCalendar calendar, RuntimeService runtimeService, TaskService taskService,
      JdbcTemplate jdbc, Clock clock) {
    this.calendar = calendar;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  static String businessKey(int year) {
    return "schedule-" + year;
  }

  /** Starts the office task for {@code year} unless the year is loaded or was already asked for. */
  void request(int year) {
    if (calendar.hasSchedule(year)
        || jdbc.queryForObject("SELECT COUNT(*) FROM xc_schedule_request WHERE schedule_year = ?", Integer.class, year) > 0) {
      return;
    }
    jdbc.update("INSERT INTO xc_schedule_request (schedule_year, requested_at) VALUES (?, ?)",
        year, Timestamp.from(clock.instant()));
    runtimeService.startProcessInstanceByKey(PROCESS, businessKey(year), Map.of(YEAR, year));
    LOG.info("Asked the office to load the holiday schedule of {}", year);
  }

  /** From December 1 on, next year's schedule must be on its way. */
  @Scheduled(cron = "0 0 8 * * *", zone = ChinaTime.ZONE_ID)
  void checkNextYear() {
    LocalDate today = ChinaTime.today(clock);
    if (today.getMonthValue() == 12) {
      request(today.getYear() + 1);
    }
  }

  /** The schedule is there: the office's task for it is done. */
  @EventListener
  void scheduleLoaded(WorkingDayCalendar.ScheduleLoaded loaded) {
    taskService.createTaskQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(businessKey(loaded.year()))
        .list().forEach(task -> taskService.complete(task.getId()));
  }
}

package cn.xuncha.calendar;

import java.time.LocalDate;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a year's schedule arrives, every open timer and task due date that was counted without it is
 * computed again from its own expression, and each change is logged.
 */
@Component
class DeadlineRescheduler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineRescheduler.class);
  private static final String DATE_TIMER = "DATE:";

  private final ProcessEngine engine;
  private final WorkingDayCalendar calendar;

  DeadlineRescheduler(ProcessEngine engine, WorkingDayCalendar calendar) {
    this.engine = engine;
    this.calendar = calendar;
  }

  @EventListener
  void scheduleLoaded(WorkingDayCalendar.ScheduleLoaded loaded) {
    rescheduleTimers(loaded.year());
    rescheduleTasks();
  }

  /** Timers whose span from creation to due date touches the year (or the December a file may list). */
  private void rescheduleTimers(int year) {
    ManagementService management = engine.getManagementService();
    Date from = DeadlineService.startOfDay(LocalDate.of(year - 1, 12, 1));
    Date to = DeadlineService.startOfDay(LocalDate.of(year + 1, 1, 1));
    for (Job timer : management.createJobQuery().timers().active().duedateHigherThan(from).list()) {
      if (timer.getCreateTime() != null && !timer.getCreateTime().before(to) || !isDateTimer(management, timer)) {
        continue;
      }
      management.recalculateJobDuedate(timer.getId(), true);
      Date moved = management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate();
      if (!Objects.equals(moved, timer.getDuedate())) {
        LOG.info("Timer {} of process instance {} rescheduled with the {} holiday schedule: {} -> {}",
            timer.getId(), timer.getProcessInstanceId(), year, timer.getDuedate(), moved);
      }
    }
  }

  private static boolean isDateTimer(ManagementService management, Job timer) {
    JobDefinition definition = timer.getJobDefinitionId() == null ? null
        : management.createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId()).singleResult();
    return definition != null && definition.getJobConfiguration() != null
        && definition.getJobConfiguration().startsWith(DATE_TIMER);
  }

  private void rescheduleTasks() {
    TaskService tasks = engine.getTaskService();
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    tasks.createTaskQuery().taskVariableValueEquals(ProvisionalDeadlines.VARIABLE, true).list()
        .forEach(provisional -> configuration.getCommandExecutorTxRequired().execute(context -> {
          TaskEntity task = context.getTaskManager().findTaskById(provisional.getId());
          Expression dueDate = task.getTaskDefinition() == null ? null : task.getTaskDefinition().getDueDateExpression();
          Date before = task.getDueDate();
          if (dueDate != null && task.getExecution() != null) {
            task.setDueDate(toDate(dueDate.getValue(task.getExecution())));
          }
          ProvisionalDeadlines.mark(task, calendar);
          LOG.info("Task {} ({}) of process instance {} due date recomputed: {} -> {}",
              task.getId(), task.getName(), task.getProcessInstanceId(), before, task.getDueDate());
          return null;
        }));
  }

  private static Date toDate(Object value) {
    if (value instanceof Date date) {
      return date;
    }
    return value == null ? null : new DueDateBusinessCalendar().resolveDuedate(value.toString());
  }
}

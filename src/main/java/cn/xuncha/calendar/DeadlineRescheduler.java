package cn.xuncha.calendar;

import cn.xuncha.calendar.RunningDeadlines.Deadline;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a year's schedule arrives or is replaced (as the 2019 and 2020 notices were amended), every
 * running deadline it decides ({@link RunningDeadlines}) is computed again from its own BPMN
 * expression: the reminder, escalation and date timers ({@code timeDate}) and the due dates of the
 * tasks they watch, in one transaction, so that no task shows a due date its timers disagree with.
 * Each change is logged and kept in {@code xc_deadline_move} for the calendar page.
 */
@Component
class DeadlineRescheduler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineRescheduler.class);

  private final ProcessEngine engine;
  private final WorkingDayCalendar calendar;
  private final RunningDeadlines running;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  DeadlineRescheduler(ProcessEngine engine, WorkingDayCalendar calendar, RunningDeadlines running, JdbcTemplate jdbc, Clock clock) {
    this.engine = engine;
    this.calendar = calendar;
    this.running = running;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @EventListener
  void scheduleLoaded(WorkingDayCalendar.ScheduleLoaded loaded) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
      recompute(loaded.year(), context);
      return null;
    }));
  }

  private void recompute(int year, CommandContext context) {
    List<Object[]> moves = new ArrayList<>();
    Timestamp now = Timestamp.from(clock.instant());
    for (Deadline deadline : running.dependingOn(year)) {
      Date after = RunningDeadlines.TIMER.equals(deadline.kind()) ? recomputeTimer(deadline) : recomputeTask(deadline, context);
      if (!Objects.equals(after, deadline.due())) {
        LOG.info("Holiday schedule {}: {} '{}' ({}) of process instance {} ({}) moved {} -> {}", year, deadline.kind(),
            deadline.name(), deadline.id(), deadline.processInstanceId(), deadline.businessKey(), instant(deadline.due()), instant(after));
        moves.add(new Object[] {year, now, deadline.kind(), deadline.processInstanceId(), deadline.businessKey(),
            deadline.name(), timestamp(deadline.due()), timestamp(after)});
      }
    }
    if (!moves.isEmpty()) {
      jdbc.batchUpdate("""
        insert into xc_deadline_move (schedule_year, moved_at, kind, process_instance_id, business_key, name, due_before, due_after)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", moves);
    }
    LOG.info("Holiday schedule {}: {} running deadline(s) moved", year, moves.size());
  }

  private Date recomputeTimer(Deadline timer) {
    engine.getManagementService().recalculateJobDuedate(timer.id(), true);
    return engine.getManagementService().createJobQuery().jobId(timer.id()).singleResult().getDuedate();
  }

  /** A task's due date from its definition's expression, evaluated on its execution as at creation. */
  private Date recomputeTask(Deadline deadline, CommandContext context) {
    TaskEntity task = context.getTaskManager().findTaskById(deadline.id());
    Date dueBefore = task.getDueDate();
    String descriptionBefore = task.getDescription();
    Expression dueDate = task.getTaskDefinition() == null ? null : task.getTaskDefinition().getDueDateExpression();
    if (dueDate != null && task.getExecution() != null) {
      task.setDueDate(toDate(dueDate.getValue(task.getExecution())));
    }
    ProvisionalDeadlines.mark(task, calendar);
    if (!Objects.equals(dueBefore, task.getDueDate()) || !Objects.equals(descriptionBefore, task.getDescription())) {
      task.triggerUpdateEvent();
    }
    return task.getDueDate();
  }

  private static Date toDate(Object value) {
    if (value instanceof Date date) {
      return date;
    }
    return value == null ? null : new DueDateBusinessCalendar().resolveDuedate(value.toString());
  }

  private static Object instant(Date date) {
    return date == null ? "none" : date.toInstant();
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}

package cn.xuncha.calendar;

import cn.xuncha.calendar.RunningDeadlines.Deadline;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
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
 * tasks they watch, one transaction per process instance, so that no task shows a due date its
 * timers disagree with. Each change, and each deadline that could not be computed again, is logged
 * and kept in {@code xc_deadline_move} for the calendar page.
 */
@Component
class DeadlineRescheduler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadlineRescheduler.class);

  private final ProcessEngine engine;
  private final RunningDeadlines running;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final TaskDeadlines taskDeadlines;

  DeadlineRescheduler(ProcessEngine engine, RunningDeadlines running, JdbcTemplate jdbc, Clock clock, TaskDeadlines taskDeadlines) {
    this.engine = engine;
    this.running = running;
    this.jdbc = jdbc;
    this.clock = clock;
    this.taskDeadlines = taskDeadlines;
  }

  /**
   * Recomputes, instance by instance, each in its own transaction: a task and the timers watching it
   * move together, and an instance whose deadline cannot be computed any more (a variable removed, an
   * expression that fails) keeps its old due dates, is logged and listed on the calendar page without
   * keeping every other instance on the replaced schedule. The schedule itself is in force already,
   * so a failure that escaped here would leave the other deadlines wrong with no later attempt.
   */
  @EventListener
  void scheduleLoaded(WorkingDayCalendar.ScheduleLoaded loaded) {
    int year = loaded.year();
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Map<String, List<Deadline>> byInstance = running.dependingOn(year).stream()
        .collect(Collectors.groupingBy(Deadline::processInstanceId, LinkedHashMap::new, Collectors.toList()));
    int moved = 0;
    int failed = 0;
    for (List<Deadline> deadlines : byInstance.values()) {
      try {
        moved += configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
            () -> recompute(year, deadlines, context)));
      } catch (RuntimeException e) {
        failed += deadlines.size();
        LOG.error("Holiday schedule {}: the deadlines of process instance {} ({}) could not be recomputed and keep their due dates",
            year, deadlines.get(0).processInstanceId(), deadlines.get(0).businessKey(), e);
        record(deadlines.stream().map(deadline -> move(year, deadline, null)).toList());
      }
    }
    LOG.info("Holiday schedule {}: {} running deadline(s) moved, {} could not be recomputed", year, moved, failed);
  }

  private int recompute(int year, List<Deadline> deadlines, CommandContext context) {
    List<Object[]> moves = new ArrayList<>();
    for (Deadline deadline : deadlines) {
      Optional<Date> after = RunningDeadlines.TIMER.equals(deadline.kind()) ? recomputeTimer(deadline) : recomputeTask(deadline, context);
      if (after.isPresent() && !Objects.equals(after.get(), deadline.due())) {
        LOG.info("Holiday schedule {}: {} '{}' ({}) of process instance {} ({}) moved {} -> {}", year, deadline.kind(),
            deadline.name(), deadline.id(), deadline.processInstanceId(), deadline.businessKey(), instant(deadline.due()),
            instant(after.get()));
        moves.add(move(year, deadline, after.get()));
      }
    }
    record(moves);
    return moves.size();
  }

  /** A row of {@code xc_deadline_move}; no new due date ({@code due_after} null) records a deadline that could not be recomputed. */
  private Object[] move(int year, Deadline deadline, Date after) {
    return new Object[] {year, Timestamp.from(clock.instant()), deadline.kind(), deadline.processInstanceId(), deadline.businessKey(),
        deadline.name(), timestamp(deadline.due()), timestamp(after)};
  }

  private void record(List<Object[]> moves) {
    if (!moves.isEmpty()) {
      jdbc.batchUpdate("""
        insert into xc_deadline_move (schedule_year, moved_at, kind, process_instance_id, business_key, name, due_before, due_after)
          values (?, ?, ?, ?, ?, ?, ?, ?)""", moves);
    }
  }

  /** The timer's new due date; empty when it fired or was removed since the deadlines were listed. */
  private Optional<Date> recomputeTimer(Deadline timer) {
    if (engine.getManagementService().createJobQuery().jobId(timer.id()).count() == 0) {
      return Optional.empty();
    }
    engine.getManagementService().recalculateJobDuedate(timer.id(), true);
    return Optional.of(engine.getManagementService().createJobQuery().jobId(timer.id()).singleResult().getDuedate());
  }

  /** The task's due date computed again; empty when it was completed since the deadlines were listed, or set by hand. */
  private Optional<Date> recomputeTask(Deadline deadline, CommandContext context) {
    TaskEntity task = context.getTaskManager().findTaskById(deadline.id());
    return task == null ? Optional.empty() : taskDeadlines.recompute(task);
  }

  private static Object instant(Date date) {
    return date == null ? "none" : date.toInstant();
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }
}

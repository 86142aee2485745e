package cn.xuncha.calendar;

import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A running task's due date computed again from its definition's expression, evaluated on its
 * execution as at creation, with the 暂定 note set or cleared ({@link ProvisionalDeadlines}): after a
 * holiday schedule arrives ({@link DeadlineRescheduler}) and after the task's instance was migrated to
 * a new version of its process, whose expression may differ (cn.xuncha.migration). Camunda computes a
 * task's due date only when it creates the task.
 */
@Component
public class TaskDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(TaskDeadlines.class);

  private final HistoryService history;
  private final WorkingDayCalendar calendar;

  TaskDeadlines(HistoryService history, WorkingDayCalendar calendar) {
    this.history = history;
    this.calendar = calendar;
  }

  /**
   * Sets the task's due date from its definition's expression (run inside a command, on a task
   * entity of that command) and fires the task's update event when the due date or the note changed.
   *
   * @return the due date; empty when a user set it by hand (an extension the office granted, found in
   *     the engine's user operation log): that date stands until the user changes it again
   */
  public Optional<Date> recompute(TaskEntity task) {
    if (history.createUserOperationLogQuery().taskId(task.getId()).property("dueDate").count() > 0) {
      LOG.info("Task '{}' ({}) keeps the due date {} a user set by hand", task.getName(), task.getId(),
          task.getDueDate() == null ? "none" : task.getDueDate().toInstant());
      return Optional.empty();
    }
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
    return Optional.ofNullable(task.getDueDate());
  }

  private static Date toDate(Object value) {
    if (value instanceof Date date) {
      return date;
    }
    return value == null ? null : new DueDateBusinessCalendar().resolveDuedate(value.toString());
  }
}

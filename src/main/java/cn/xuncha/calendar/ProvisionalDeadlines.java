package cn.xuncha.calendar;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Date;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * 暂定 (provisional): a due date that reaches a year with no schedule was counted on weekends alone.
 * A task shows it in its description and a task-local variable until the schedule arrives and the due
 * date is recomputed. Whether a due date is provisional is judged over the days from the task's (or
 * timer's) creation to its due date: the days a deadline counted lie there.
 */
final class ProvisionalDeadlines {

  /** Task-local variable, true while the task's due date is provisional. */
  static final String VARIABLE = "deadlineProvisional";
  private static final String NOTE_START = "【截止时间暂定：";
  private static final String NOTE_END = "年节假日安排尚未加载，暂按周末推算，安排加载后自动重新计算。】";

  private ProvisionalDeadlines() {
  }

  /** Marks or unmarks the task according to its current due date. */
  static void mark(DelegateTask task, WorkingDayCalendar calendar) {
    String description = withoutNote(task.getDescription());
    SortedSet<Integer> missing = task.getDueDate() == null
        ? Collections.emptySortedSet()
        : calendar.missingYears(day(task.getCreateTime()), day(task.getDueDate()));
    if (missing.isEmpty()) {
      task.removeVariableLocal(VARIABLE);
      task.setDescription(description);
    } else {
      task.setVariableLocal(VARIABLE, true);
      String note = NOTE_START + missing.stream().map(String::valueOf).collect(Collectors.joining("、")) + NOTE_END;
      task.setDescription(description == null || description.isBlank() ? note : description + "\n" + note);
    }
  }

  private static String withoutNote(String description) {
    if (description == null) {
      return null;
    }
    int start = description.indexOf(NOTE_START);
    int end = description.indexOf(NOTE_END, Math.max(start, 0));
    if (start < 0 || end < 0) {
      return description;
    }
    String rest = (description.substring(0, start) + description.substring(end + NOTE_END.length())).strip();
    return rest.isEmpty() ? null : rest;
  }

  private static LocalDate day(Date date) {
    return DeadlineService.day(date == null ? ClockUtil.getCurrentTime() : date, "日期");
  }
}

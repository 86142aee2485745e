package cn.xuncha.escalation;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 逾期督办: when a deadline passes, the office gets this task listing what is overdue and who holds
 * it, and records what it did. Nothing is cancelled: the overdue work stays open and marked overdue.
 */
@Component("overdueEscalation")
class OverdueTask extends FormTask {

  private final WatchedTasks watched;
  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  OverdueTask(WatchedTasks watched, RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.watched = watched;
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    List<Task> overdue = watched.of(task.getExecution());
    StringBuilder md = new StringBuilder("**").append(escape(watched.subject(task.getExecution()))).append("** 已超过期限。\n\n");
    Object unitGroup = task.getVariable(RoundVariables.UNIT_GROUP);
    if (unitGroup != null) {
      var unit = rounds.unitOf(task);
      md.append(escape(unit.team().name())).append(" · ").append(escape(unit.unit().name())).append("\n\n");
    }
    if (overdue.isEmpty()) {
      md.append("相关任务已在督办前办结。");
    }
    for (Task open : overdue) {
      md.append("- ").append(escape(open.getName())).append("：截止 ").append(open.getDueDate() == null ? "未设定" : ChinaTime.format(open.getDueDate()))
          .append("，办理人 ").append(open.getAssignee() == null ? "尚未认领" : escape(open.getAssignee())).append("\n");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("overdue", md.toString());
    values.put("actionTaken", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String action = form.requiredText("actionTaken", "督办情况", 2000);
    form.check();
    Date due = watched.of(task.getExecution()).stream().map(Task::getDueDate).filter(d -> d != null).min(Date::compareTo)
        .orElse(task.getCreateTime());
    Object unitGroup = task.getVariable(RoundVariables.UNIT_GROUP);
    String roundKey = (String) task.getVariable(RoundVariables.ROUND_KEY);
    jdbc.sql("""
            insert into xc_escalation (round_id, unit_id, subject, due_at, action_taken, handled_by, handled_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(rounds.roundId(roundKey), unitGroup == null ? null : rounds.unitOf(task).unitId(),
            watched.subject(task.getExecution()), new Timestamp(due.getTime()), action, Actors.of(task),
            Timestamp.from(clock.instant()))
        .update();
  }
}

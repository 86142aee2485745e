package cn.xuncha.round;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Step 2 (人员培训): the office records the training of all team members before the inspection.
 * 办法 第十八条(二) names what it must cover; every one of those topics must be ticked.
 */
@Component("trainingRecord")
class TrainingTask extends FormTask {

  /**
   * Shown on the form: the last day of the task's due date (the BPMN sets it from the deadline table,
   * before the entry day), on which the training may still be held.
   */
  static final String LAST_DAY = "lastDay";
  /** The topics of 办法 第十八条(二), in its order. */
  static final Map<String, String> TOPICS = topics();

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  TrainingTask(RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String field : List.of("trainingDate", "trainingPlace", "attendees", "trainingContent")) {
      values.put(field, null);
    }
    values.put("topics", FormValues.json(List.of()));
    values.put(LAST_DAY, Deadlines.lastDay(task.getDueDate()).toString());
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String roundKey = (String) task.getVariable(RoundVariables.ROUND_KEY);
    RoundPlan plan = rounds.plan(roundKey);
    LocalDate date = form.date("trainingDate", "培训日期");
    String place = form.requiredText("trainingPlace", "培训地点", 200);
    String attendees = form.requiredText("attendees", "参训人员", 2000);
    List<String> topics = form.selection("topics", "培训内容");
    String content = form.requiredText("trainingContent", "培训情况", 4000);
    LocalDate lastDay = Deadlines.lastDay(task.getDueDate());
    if (date != null) {
      form.requireThat(!date.isAfter(lastDay), "培训日期：巡察前培训最晚于 " + lastDay + " 举行（进驻日期 " + plan.entryDate() + "）");
    }
    for (String topic : topics) {
      form.requireThat(TOPICS.containsKey(topic), "培训内容：“" + topic + "”不是可选项");
    }
    List<String> missing = TOPICS.entrySet().stream().filter(t -> !topics.contains(t.getKey())).map(Map.Entry::getValue).toList();
    form.requireThat(missing.isEmpty(), "培训内容：按照办法第十八条，培训还须包括" + String.join("、", missing));
    form.check();
    long roundId = rounds.roundId(roundKey);
    jdbc.sql("delete from xc_training where round_id = ?").param(roundId).update();
    jdbc.sql("""
            insert into xc_training (round_id, held_on, place, attendees, topics, content, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(roundId, date, place, attendees, String.join(",", topics), content, Actors.of(task),
            java.sql.Timestamp.from(clock.instant()))
        .update();
  }

  private static Map<String, String> topics() {
    Map<String, String> topics = new LinkedHashMap<>();
    topics.put("goals", "目标任务");
    topics.put("steps", "基本步骤");
    topics.put("methods", "方式方法");
    topics.put("arrangements", "具体安排");
    topics.put("discipline", "工作纪律");
    topics.put("secrecy", "保密纪律");
    return topics;
  }
}

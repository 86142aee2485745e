package cn.xuncha.feedback;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Step 8 (巡察反馈): with the leading group's approval the team gives feedback to the unit's
 * principal and leadership team and states the rectification demands (办法 第十八条(八)).
 */
@Component("feedback")
class FeedbackTask extends FormTask {


  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  FeedbackTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", rounds.unitOf(task).unit().name());
    values.put("feedbackOn", null);
    values.put("attendees", null);
    values.put("demands", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    LocalDate approved = LocalDate.parse((String) task.getVariable(RoundVariables.REPORT_HEARD_ON));
    LocalDate held = form.dateBetween("feedbackOn", "反馈日期", approved, ChinaTime.today(clock), "领导小组同意（" + approved + "）之后、今天之前");
    String attendees = form.requiredText("attendees", "参加人员", 2000);
    String demands = form.requiredText("demands", "反馈意见和整改要求", 20000);
    form.check();
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("feedbackOn", held.toString());
    content.put("attendees", attendees);
    content.put("demands", demands);
    records.save(unit.unitId(), UnitRecords.Kind.FEEDBACK, content, Actors.of(task), clock.instant());
  }
}

package cn.xuncha.feedback;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
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
    values.putAll(FormValues.of(Feedback.class, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    LocalDate approved = LocalDate.parse((String) task.getVariable(RoundVariables.REPORT_HEARD_ON));
    Feedback feedback = form.read(Feedback.class);
    form.requireBetween(feedback.feedbackOn(), "反馈日期", approved, ChinaTime.today(clock), "领导小组同意（" + approved + "）之后、今天之前");
    form.check();
    records.save(unit.unitId(), feedback, Actors.of(task), clock.instant());
  }
}

package cn.xuncha.feedback;

import cn.xuncha.calendar.Deadlines;
import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
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
 * The unit confirms it received the feedback. The date it gives ({@code feedbackReceivedOn}) starts
 * the 10 working days for the rectification plan and the month for the rectification report.
 */
@Component("feedbackReceipt")
class FeedbackReceiptTask extends FormTask {

  static final String RECEIVED_ON = "feedbackReceivedOn";

  private final Deadlines deadlines;
  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  FeedbackReceiptTask(RoundUnits rounds, UnitRecords records, Clock clock, Deadlines deadlines) {
    this.deadlines = deadlines;
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Feedback feedback = records.find(unit.unitId(), Feedback.class).orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("feedback", "**" + escape(unit.team().name()) + "反馈意见**（" + feedback.feedbackOn() + "）\n\n"
        + escape(feedback.demands()));
    values.putAll(FormValues.of(FeedbackReceipt.class, null));
    values.putAll(deadlines.withinValues("D4", "D5"));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    LocalDate given = records.find(unit.unitId(), Feedback.class).orElseThrow().feedbackOn();
    FeedbackReceipt receipt = form.read(FeedbackReceipt.class);
    form.requireBetween(receipt.receivedOn(), "收到日期", given, ChinaTime.today(clock), "反馈日期（" + given + "）之后、今天之前");
    form.check();
    records.save(unit.unitId(), receipt, Actors.of(task), clock.instant());
    task.getExecution().setVariable(RECEIVED_ON, receipt.receivedOn().toString());
  }
}

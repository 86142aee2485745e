package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The leading group answers a major problem a team reported. */
@Component("majorProblemAnswer")
class MajorProblemAnswerTask extends FormTask {

  private final MajorReports reports;
  private final RoundUnits rounds;

  MajorProblemAnswerTask(MajorReports reports, RoundUnits rounds) {
    this.reports = reports;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    MajorReports.Report report = reports.assignToAnswer(unit, task.getId());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("report", "**" + escape(unit.team().name()) + " · " + escape(unit.unit().name()) + "：" + escape(report.subject())
        + "**\n\n" + escape(report.content()) + "\n\n报告人：" + escape(report.reportedBy()));
    values.put("answer", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String answer = form.requiredText("answer", "领导小组意见", 8000);
    form.check();
    reports.answer(task.getId(), answer, Actors.of(task));
  }
}

package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The team reports a major problem to the leading group (办法 第十七条). The task stands open for the
 * whole stay; reporting never interrupts the inspection.
 */
@Component("majorProblemReport")
class MajorProblemTask extends FormTask {

  private final MajorReports reports;
  private final RoundUnits rounds;

  MajorProblemTask(MajorReports reports, RoundUnits rounds) {
    this.reports = reports;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("subject", null);
    values.put("content", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String subject = form.requiredText("subject", "事项", 200);
    String content = form.requiredText("content", "情况报告", 8000);
    form.check();
    reports.report(rounds.unitOf(task), subject, content, Actors.of(task));
  }
}

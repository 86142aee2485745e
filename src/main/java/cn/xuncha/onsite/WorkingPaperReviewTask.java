package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The team leader confirms a working paper, or rejects it with the reason. */
@Component("workingPaperConfirm")
class WorkingPaperReviewTask extends FormTask {

  private final WorkingPapers papers;
  private final RoundUnits rounds;

  WorkingPaperReviewTask(WorkingPapers papers, RoundUnits rounds) {
    this.papers = papers;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    WorkingPapers.Paper paper = papers.assignToReview(rounds.unitOf(task), task.getId());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("paper", "**" + escape(paper.place()) + " · " + WorkingPapers.CATEGORIES.get(paper.category()) + "**\n\n"
        + "问题事实：" + escape(paper.fact()) + "\n\n证据材料：" + escape(paper.evidence()) + "\n\n"
        + "问题来源：" + WorkingPapers.SOURCES.get(paper.source()) + "　登记人：" + escape(paper.recordedBy()));
    values.put("paperDecision", null);
    values.put("paperComment", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String decision = form.choice("paperDecision", "确认意见", List.of("confirm", "reject"));
    String comment = form.text("paperComment", "意见", false, 2000);
    form.check();
    papers.review(task.getId(), "confirm".equals(decision), comment, Actors.of(task));
  }
}

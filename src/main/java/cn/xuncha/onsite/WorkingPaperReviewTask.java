package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.registers.RegisterCitations;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Markdown;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The team leader confirms a working paper, or rejects it with the reason (a return, in the review's
 * terms); the paper shows the register entries it cites.
 */
@Component("workingPaperConfirm")
class WorkingPaperReviewTask extends ReviewTask {

  private final WorkingPapers papers;
  private final RoundUnits rounds;
  private final RegisterCitations citations;

  WorkingPaperReviewTask(WorkingPapers papers, RoundUnits rounds, Reviews reviews, RegisterCitations citations) {
    super(reviews);
    this.papers = papers;
    this.rounds = rounds;
    this.citations = citations;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    WorkingPapers.Paper paper = papers.assignToReview(unit, task.getId());
    List<String> cited = citations.citedBy(unit, paper.id());
    return Map.of("paper", "**" + escape(paper.place()) + " · " + WorkingPapers.CATEGORIES.get(paper.category()) + "**\n\n"
        + "问题事实：" + escape(paper.fact()) + "\n\n证据材料：" + escape(paper.evidence()) + "\n\n"
        + (cited.isEmpty() ? "" : "依据的现场登记：" + String.join("；", cited.stream().map(Markdown::escape).toList()) + "\n\n")
        + "问题来源：" + WorkingPapers.SOURCES.get(paper.source()) + "　登记人：" + escape(paper.recordedBy()));
  }

  @Override
  protected Subject subject(DelegateTask task) {
    return Subject.record(rounds.unitOf(task), papers.byReviewTask(task.getId()).id());
  }

  @Override
  protected void apply(DelegateTask task, Review review) {
    papers.review(task.getId(), review.outcome() == ReviewOutcome.APPROVE);
  }
}

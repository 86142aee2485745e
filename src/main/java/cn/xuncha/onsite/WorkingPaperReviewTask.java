package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The team leader confirms a working paper, or rejects it with the reason (a return, in the review's terms). */
@Component("workingPaperConfirm")
class WorkingPaperReviewTask extends ReviewTask {

  private final WorkingPapers papers;
  private final RoundUnits rounds;

  WorkingPaperReviewTask(WorkingPapers papers, RoundUnits rounds, Reviews reviews) {
    super(reviews);
    this.papers = papers;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
    WorkingPapers.Paper paper = papers.assignToReview(rounds.unitOf(task), task.getId());
    return Map.of("paper", "**" + escape(paper.place()) + " · " + WorkingPapers.CATEGORIES.get(paper.category()) + "**\n\n"
        + "问题事实：" + escape(paper.fact()) + "\n\n证据材料：" + escape(paper.evidence()) + "\n\n"
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

package cn.xuncha.round;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The reviews of the leading group (审议) and the county committee (审批, 办法 第十八条(一)): they read the
 * plan under a heading that names their decision and approve or return it.
 */
@Component("roundPlanReview")
class RoundPlanReviewListener extends ReviewTask {

  private final RoundPlanService plans;

  RoundPlanReviewListener(RoundPlanService plans, Reviews reviews) {
    super(reviews);
    this.plans = plans;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
    String heading = ReviewKind.of(task.getTaskDefinitionKey()) == ReviewKind.ROUND_PLAN_APPROVAL ? "县委审批" : "领导小组审议";
    return Map.of(RoundVariables.REVIEW_HEADING, heading,
        RoundVariables.PLAN_SUMMARY, plans.summary(task.getExecution().getProcessBusinessKey()));
  }

  @Override
  protected Subject subject(DelegateTask task) {
    return plans.reviewSubject(task.getExecution().getProcessBusinessKey());
  }

  @Override
  protected void apply(DelegateTask task, Review review) {
    plans.reviewed(task.getExecution().getProcessBusinessKey(), review);
  }
}

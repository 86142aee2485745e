package cn.xuncha.round;

import cn.xuncha.round.PlanReview.Stage;
import cn.xuncha.system.Actors;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The reviews of the leading group and the county committee: show the plan, record the decision. */
@Component("roundPlanReview")
class RoundPlanReviewListener implements TaskListener {

  private static final Map<String, Stage> STAGES = Map.of(
      "Task_ReviewRoundPlan", Stage.LEADING_GROUP,
      "Task_ApproveRoundPlan", Stage.COMMITTEE);

  private final RoundPlanService plans;

  RoundPlanReviewListener(RoundPlanService plans) {
    this.plans = plans;
  }

  @Override
  public void notify(DelegateTask task) {
    String businessKey = task.getExecution().getProcessBusinessKey();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariableLocal(RoundVariables.PLAN_SUMMARY, plans.summary(businessKey));
      // Local, so that each review must be answered afresh and an earlier decision is never reused.
      task.setVariableLocal(RoundVariables.PLAN_DECISION, Variables.stringValue(null));
      task.setVariableLocal(RoundVariables.REVIEW_COMMENT, Variables.stringValue(null));
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      Stage stage = STAGES.get(task.getTaskDefinitionKey());
      if (stage == null) {
        throw new IllegalStateException("roundPlanReview is not meant for task " + task.getTaskDefinitionKey());
      }
      Object decision = task.getVariable(RoundVariables.PLAN_DECISION);
      Object comment = task.getVariable(RoundVariables.REVIEW_COMMENT);
      plans.review(businessKey, stage, decision == null ? null : decision.toString(),
          comment == null ? null : comment.toString(), Actors.of(task));
      task.getExecution().setVariable(RoundVariables.PLAN_DECISION, decision);
    }
  }
}

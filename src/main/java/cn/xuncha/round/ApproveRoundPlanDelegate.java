package cn.xuncha.round;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Marks the plan approved once the county committee has agreed. */
@Component("approveRoundPlan")
class ApproveRoundPlanDelegate implements JavaDelegate {

  private final RoundPlanService plans;

  ApproveRoundPlanDelegate(RoundPlanService plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    plans.approve(execution.getProcessBusinessKey());
  }
}

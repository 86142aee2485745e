package cn.xuncha.round;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Marks the plan approved once the county committee has agreed, and hands the later steps what
 * their routing and timers need: the round's key and its dates (ISO strings, as forms send dates).
 */
@Component("approveRoundPlan")
class ApproveRoundPlanDelegate implements JavaDelegate {

  private final RoundPlanService plans;

  ApproveRoundPlanDelegate(RoundPlanService plans) {
    this.plans = plans;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RoundPlan plan = plans.approve(execution.getProcessBusinessKey());
    execution.setVariable(RoundVariables.ROUND_KEY, execution.getProcessBusinessKey());
    execution.setVariable(RoundVariables.ENTRY_DATE, plan.entryDate().toString());
    execution.setVariable(RoundVariables.WITHDRAWAL_DATE, plan.withdrawalDate().toString());
    execution.setVariable(RoundVariables.PLAN_FILING_DATE, plan.planFilingDate().toString());
  }
}

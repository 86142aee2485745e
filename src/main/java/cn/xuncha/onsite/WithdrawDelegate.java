package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 撤回: the stay ends at the withdrawal date; the report's 10 working days start. */
@Component("withdraw")
class WithdrawDelegate implements JavaDelegate {

  private final OnSiteService onSite;
  private final RoundUnits rounds;

  WithdrawDelegate(OnSiteService onSite, RoundUnits rounds) {
    this.onSite = onSite;
    this.rounds = rounds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onSite.withdraw(rounds.unitOf(execution));
  }
}

package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 公告机动巡察村: the villages the leading group approved join the inspection. */
@Component("announceMobileVillages")
class AnnounceMobileVillagesDelegate implements JavaDelegate {

  private final OnSiteService onSite;
  private final RoundUnits rounds;

  AnnounceMobileVillagesDelegate(OnSiteService onSite, RoundUnits rounds) {
    this.onSite = onSite;
    this.rounds = rounds;
  }

  @Override
  public void execute(DelegateExecution execution) {
    onSite.announceApproved(rounds.unitOf(execution));
  }
}

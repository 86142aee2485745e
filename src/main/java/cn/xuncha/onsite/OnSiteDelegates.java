package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the on-site inspection: each hands its unit to one method of {@link OnSiteService}. */
@Configuration(proxyBeanMethods = false)
class OnSiteDelegates {

  /** 公告机动巡察村: the approved villages join the inspection. */
  @Bean
  JavaDelegate announceMobileVillages(OnSiteService onSite, RoundUnits rounds) {
    return execution -> onSite.announceApproved(rounds.unitOf(execution));
  }

  /** 撤回: the stay ends at the withdrawal date. */
  @Bean
  JavaDelegate withdraw(OnSiteService onSite, RoundUnits rounds) {
    return execution -> onSite.withdraw(rounds.unitOf(execution));
  }
}

package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The leading group approves and authorises the mobile-inspection villages, or returns the list. */
@Component("mobileVillagesApproval")
class MobileVillagesApprovalTask extends ReviewTask {

  private final OnSiteService onSite;
  private final RoundUnits rounds;

  MobileVillagesApprovalTask(OnSiteService onSite, RoundUnits rounds, Reviews reviews) {
    super(reviews);
    this.onSite = onSite;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    OnSiteService.MobileProposal proposal = onSite.lastProposal(unit).orElseThrow();
    return Map.of("proposal", "**" + escape(unit.team().name()) + " · " + escape(unit.unit().name()) + "**\n\n"
        + "已在巡察：" + escape(String.join("、", onSite.inspectedVillages(unit))) + "\n\n"
        + "拟机动巡察：" + escape(String.join("、", proposal.villages())) + "\n\n"
        + "理由：" + escape(proposal.reason()));
  }

  @Override
  protected Subject subject(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    return Subject.record(unit, onSite.openProposal(unit).id());
  }

  @Override
  protected void apply(DelegateTask task, Review review) {
    onSite.decide(rounds.unitOf(task), review.outcome() == ReviewOutcome.APPROVE);
  }
}

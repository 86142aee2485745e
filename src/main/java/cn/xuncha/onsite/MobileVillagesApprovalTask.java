package cn.xuncha.onsite;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The leading group approves and authorises the mobile-inspection villages, or returns the list. */
@Component("mobileVillagesApproval")
class MobileVillagesApprovalTask extends FormTask {

  static final String DECISION = "mobileDecision";

  private final OnSiteService onSite;
  private final RoundUnits rounds;

  MobileVillagesApprovalTask(OnSiteService onSite, RoundUnits rounds) {
    this.onSite = onSite;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    OnSiteService.MobileProposal proposal = onSite.lastProposal(unit).orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("proposal", "**" + escape(unit.team().name()) + " · " + escape(unit.unit().name()) + "**\n\n"
        + "已在巡察：" + escape(String.join("、", onSite.inspectedVillages(unit))) + "\n\n"
        + "拟机动巡察：" + escape(String.join("、", proposal.villages())) + "\n\n"
        + "理由：" + escape(proposal.reason()));
    values.put(DECISION, null);
    values.put("mobileComment", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String decision = form.choice(DECISION, "审批意见", List.of("approve", "return"));
    String comment = form.text("mobileComment", "意见", false, 2000);
    form.check();
    onSite.decide(rounds.unitOf(task), "approve".equals(decision), comment, Actors.of(task));
    task.getExecution().setVariable(DECISION, decision);
  }
}

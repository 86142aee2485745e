package cn.xuncha.onsite;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Within 7 days of entry the team names the further villages for mobile inspection (机动式巡察),
 * as many as the plan says, from the unit's villages not yet inspected.
 */
@Component("mobileVillagesProposal")
class MobileVillagesProposalTask extends FormTask {

  private final Deadlines deadlines;
  private final OnSiteService onSite;
  private final RoundUnits rounds;
  private final Reviews reviews;

  MobileVillagesProposalTask(OnSiteService onSite, RoundUnits rounds, Reviews reviews, Deadlines deadlines) {
    this.deadlines = deadlines;
    this.onSite = onSite;
    this.rounds = rounds;
    this.reviews = reviews;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.put("mobileCount", unit.unit().mobileVillages());
    values.put("inspected", String.join("、", onSite.inspectedVillages(unit)));
    values.put("villageOptions", FormValues.options(onSite.remainingVillages(unit)));
    values.put("returnComment", onSite.lastProposal(unit).filter(p -> p.status().equals("RETURNED"))
        .flatMap(p -> reviews.lastReturnComment(Subject.record(unit, p.id()), ReviewKind.MOBILE_VILLAGES)).orElse(null));
    values.put("mobileVillages", FormValues.json(List.of()));
    values.put("mobileReason", null);
    values.putAll(deadlines.withinValues("D1"));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    List<String> villages = form.selection("mobileVillages", "机动巡察的村（社区）");
    String reason = form.requiredText("mobileReason", "确定理由", 2000);
    List<String> inspected = onSite.inspectedVillages(unit);
    for (String village : villages) {
      if (!unit.unit().villages().contains(village)) {
        form.problem("机动巡察的村（社区）：" + village + " 不是" + unit.unit().name() + "所辖的村（社区）");
      } else if (inspected.contains(village)) {
        form.problem("机动巡察的村（社区）：" + village + " 已在巡察范围内");
      }
    }
    form.requireThat(villages.size() == unit.unit().mobileVillages(),
        "机动巡察的村（社区）：按巡察工作方案须确定 " + unit.unit().mobileVillages() + " 个，现选择了 " + villages.size() + " 个");
    form.check();
    onSite.propose(unit, villages, reason, Actors.of(task));
  }
}

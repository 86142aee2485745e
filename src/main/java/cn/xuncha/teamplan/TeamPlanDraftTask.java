package cn.xuncha.teamplan;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The team drafts (or, after a return, revises) its work plan for the unit. */
@Component("teamPlanDraft")
class TeamPlanDraftTask extends FormTask {

  private final Deadlines deadlines;
  private final TeamPlanService plans;
  private final RoundUnits rounds;

  TeamPlanDraftTask(TeamPlanService plans, RoundUnits rounds, Deadlines deadlines) {
    this.deadlines = deadlines;
    this.plans = plans;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.put("partial", unit.unit().coverage() == Coverage.PARTIAL);
    values.put("initialCount", unit.unit().initialVillages());
    values.put("villageOptions", FormValues.options(unit.unit().villages()));
    values.put("returnComment", plans.lastReturnComment(unit).orElse(null));
    values.putAll(FormValues.of(TeamPlan.class, plans.lastSubmitted(unit).orElse(null)));
    values.putAll(deadlines.withinValues("D1"));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    plans.submit(rounds.unitOf(task), form, Actors.of(task));
  }
}

package cn.xuncha.teamplan;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormRecords;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The office reads the team's plan, sees whether it came late, and files it or returns it. */
@Component("teamPlanFiling")
class TeamPlanFilingTask extends FormTask {

  static final String DECISION = "teamPlanDecision";

  private final TeamPlanService plans;
  private final RoundUnits rounds;

  TeamPlanFilingTask(TeamPlanService plans, RoundUnits rounds) {
    this.plans = plans;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    TeamPlan plan = plans.lastSubmitted(unit).orElseThrow();
    StringBuilder md = new StringBuilder("**").append(escape(unit.team().name())).append(" · ")
        .append(escape(unit.unit().name())).append("**\n\n");
    FormRecords.labelled(plan).forEach((label, value) -> {
      if (value instanceof String text) {
        md.append("**").append(label).append("**：").append(escape(text)).append("\n\n");
      } else if (value instanceof List<?> list && !list.isEmpty()) {
        md.append("**").append(label).append("**：").append(escape(String.join("、", list.stream().map(Object::toString).toList())));
      }
    });
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("teamPlan", md.toString());
    values.put("late", plan.late());
    values.put("filingDate", unit.round().planFilingDate().toString());
    values.put(DECISION, null);
    values.put("filingComment", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String decision = form.choice(DECISION, "备案意见", List.of("file", "return"));
    String comment = form.text("filingComment", "意见", false, 2000);
    form.check();
    plans.decide(rounds.unitOf(task), decision, comment, Actors.of(task));
    task.getExecution().setVariable(DECISION, decision);
  }
}

package cn.xuncha.teamplan;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.FormRecords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The office reads the team's plan, sees whether it came late, and files it or returns it. */
@Component("teamPlanFiling")
class TeamPlanFilingTask extends ReviewTask {

  private final TeamPlanService plans;
  private final RoundUnits rounds;

  TeamPlanFilingTask(TeamPlanService plans, RoundUnits rounds, Reviews reviews) {
    super(reviews);
    this.plans = plans;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
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
    return values;
  }

  @Override
  protected Subject subject(DelegateTask task) {
    return Subject.unit(rounds.unitOf(task));
  }

  @Override
  protected void apply(DelegateTask task, Review review) {
    if (review.outcome() == ReviewOutcome.APPROVE) {
      plans.filed(rounds.unitOf(task));
    }
  }
}

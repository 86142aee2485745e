package cn.xuncha.round;

import cn.xuncha.round.PlanReview.Decision;
import cn.xuncha.round.PlanReview.Stage;
import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.system.Unrestricted;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/** Step 1 (组织部署): the office drafts the round plan, the leading group proposes it, the county committee approves it. */
@Service
public class RoundPlanService {

  private final RoundRepository rounds;
  private final RoundPlanValidator validator;
  private final Clock clock;
  private final WorkingDayCalendar calendar;

  RoundPlanService(RoundRepository rounds, IdentityService identityService, Clock clock, WorkingDayCalendar calendar) {
    this.rounds = rounds;
    this.calendar = calendar;
    this.validator = new RoundPlanValidator(id -> Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(id).count()) > 0);
    this.clock = clock;
  }

  /**
   * What the office edits: the plan as last submitted, else the sample round dated from today if
   * asked for, else a blank plan.
   */
  Draft draft(String businessKey, boolean samplePreset) {
    return rounds.find(businessKey)
        .map(round -> new Draft(rounds.findPlan(businessKey).orElseThrow(),
            round.status() == RoundStatus.RETURNED ? lastReturnComment(businessKey) : null))
        .orElseGet(() -> new Draft(samplePreset ? SampleRound.datedFrom(ChinaTime.today(clock), calendar) : RoundPlan.blank(), null));
  }

  /** Checks the plan against every rule and stores it for review; a plan with any problem is refused whole. */
  void submit(String businessKey, RoundPlan plan, String actor) {
    List<String> problems = validator.validate(plan);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    rounds.saveSubmitted(businessKey, plan, actor, clock.instant());
  }

  /** Records a review; returning the plan requires a comment, which the office will see. */
  void review(String businessKey, Stage stage, String decision, String comment, String actor) {
    Decision parsed = parseDecision(decision);
    String trimmed = comment == null ? "" : comment.strip();
    if (parsed == Decision.RETURN && trimmed.isEmpty()) {
      throw new InvalidInputException("审议意见：退回修改时必须填写意见");
    }
    if (trimmed.length() > 2000) {
      throw new InvalidInputException("审议意见：过长（最多 2000 字）");
    }
    RoundRecord round = rounds.find(businessKey)
        .orElseThrow(() -> new IllegalStateException("No round plan stored for " + businessKey));
    rounds.recordReview(round.id(),
        new PlanReview(stage, parsed, trimmed.isEmpty() ? null : trimmed, actor, clock.instant()));
    if (parsed == Decision.RETURN) {
      rounds.updateStatus(businessKey, RoundStatus.RETURNED);
    } else if (stage == Stage.LEADING_GROUP) {
      rounds.updateStatus(businessKey, RoundStatus.PROPOSED);
    }
  }

  RoundPlan approve(String businessKey) {
    rounds.markApproved(businessKey, clock.instant());
    return rounds.findPlan(businessKey).orElseThrow();
  }



  String summary(String businessKey) {
    return RoundPlanSummary.markdown(rounds.findPlan(businessKey).orElseThrow());
  }

  private String lastReturnComment(String businessKey) {
    List<PlanReview> reviews = rounds.reviews(businessKey);
    return reviews.isEmpty() ? null : reviews.get(reviews.size() - 1).comment();
  }

  private static Decision parseDecision(String decision) {
    if ("approve".equals(decision)) {
      return Decision.APPROVE;
    }
    if ("return".equals(decision)) {
      return Decision.RETURN;
    }
    throw new InvalidInputException("审议结果：请选择“同意”或“退回修改”");
  }

  record Draft(RoundPlan plan, String returnComment) {
  }
}

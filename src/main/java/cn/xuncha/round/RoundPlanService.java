package cn.xuncha.round;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.Reviews;
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
  private final Reviews reviews;

  RoundPlanService(RoundRepository rounds, IdentityService identityService, Clock clock, WorkingDayCalendar calendar,
                   Reviews reviews) {
    this.rounds = rounds;
    this.reviews = reviews;
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

  /** What the leading group and the committee review: the round's plan. */
  Subject reviewSubject(String businessKey) {
    return Subject.round(rounds.find(businessKey)
        .orElseThrow(() -> new IllegalStateException("No round plan stored for " + businessKey)).id());
  }

  /** A return sends the plan back to the office; the leading group's approval proposes it to the committee. */
  void reviewed(String businessKey, Review review) {
    if (review.outcome() == ReviewOutcome.RETURN) {
      rounds.updateStatus(businessKey, RoundStatus.RETURNED);
    } else if (review.kind() == ReviewKind.ROUND_PLAN_PROPOSAL) {
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
    return reviews.lastReturnComment(reviewSubject(businessKey), ReviewKind.ROUND_PLAN_PROPOSAL, ReviewKind.ROUND_PLAN_APPROVAL)
        .orElse(null);
  }

  record Draft(RoundPlan plan, String returnComment) {
  }
}

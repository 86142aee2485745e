package cn.xuncha.round;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.Reviews;
import cn.xuncha.security.Roles;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.Departments;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.system.Unrestricted;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Service;

/** Step 1 (组织部署): the office drafts the round plan, the leading group proposes it, the county committee approves it. */
@Service
public class RoundPlanService {

  private final RoundRepository rounds;
  private final RoundPlanValidator validator;
  private final Clock clock;
  private final WorkingDayCalendar calendar;
  private final Reviews reviews;
  private final IdentityService identityService;
  private final Departments departments;

  RoundPlanService(RoundRepository rounds, IdentityService identityService, Clock clock, WorkingDayCalendar calendar,
                   Reviews reviews, Departments departments) {
    this.departments = departments;
    this.rounds = rounds;
    this.reviews = reviews;
    this.identityService = identityService;
    this.calendar = calendar;
    this.validator = new RoundPlanValidator(id -> Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(id).count()) > 0,
        followUp -> rounds.earlierUnit(followUp).map(RoundRepository.EarlierUnit::ledgerItems));
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

  /**
   * The teams a unit can be given to, by name (第一巡察组 → 1): the team groups that exist, which are
   * the only teams {@link RoundPlanValidator} accepts. Values are the team numbers as text, as the
   * form's select submits them.
   */
  List<Map<String, String>> teamOptions() {
    return workflowGroups().stream()
        .filter(group -> group.getId().matches(RoundPlanValidator.TEAM_GROUP))
        .sorted(Comparator.comparingInt(group -> Integer.parseInt(teamNumber(group))))
        .map(group -> Map.of("label", nameOf(group), "value", teamNumber(group)))
        .toList();
  }

  private static String teamNumber(Group teamGroup) {
    return teamGroup.getId().replaceAll(RoundPlanValidator.TEAM_GROUP, "$1");
  }

  /**
   * The account groups a unit can have, by name with the id beside it (赵村镇党委（unit1）): every
   * workflow group that is not reserved for a team, a department or a role
   * ({@link RoundPlanValidator#reservedGroup}).
   */
  List<Map<String, String>> unitGroupOptions() {
    return workflowGroups().stream()
        .filter(group -> !RoundPlanValidator.reservedGroup(group.getId()))
        .map(group -> Map.of("label", nameOf(group) + "（" + group.getId() + "）", "value", group.getId()))
        .toList();
  }

  private List<Group> workflowGroups() {
    return Unrestricted.lookup(() -> identityService.createGroupQuery().groupType(Roles.WORKFLOW).orderByGroupId().asc().unlimitedList());
  }

  private static String nameOf(Group group) {
    return group.getName() == null || group.getName().isBlank() ? group.getId() : group.getName();
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
    return RoundPlanSummary.markdown(rounds.findPlan(businessKey).orElseThrow(), id -> departments.name(id).orElse(id));
  }

  private String lastReturnComment(String businessKey) {
    return reviews.lastReturnComment(reviewSubject(businessKey), ReviewKind.ROUND_PLAN_PROPOSAL, ReviewKind.ROUND_PLAN_APPROVAL)
        .orElse(null);
  }

  record Draft(RoundPlan plan, String returnComment) {
  }
}

package cn.xuncha.round;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.round.RoundPlan.Team;
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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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

  private final InspectorPoolService pool;
  private final TeamGroups teamGroups;

  RoundPlanService(RoundRepository rounds, IdentityService identityService, Clock clock, WorkingDayCalendar calendar,
                   Reviews reviews, Departments departments, InspectorPoolService pool, TeamGroups teamGroups,
                   TeamRules teamRules) {
    this.departments = departments;
    this.rounds = rounds;
    this.reviews = reviews;
    this.identityService = identityService;
    this.calendar = calendar;
    this.pool = pool;
    this.teamGroups = teamGroups;
    this.validator = new RoundPlanValidator(id -> Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(id).count()) > 0,
        followUp -> rounds.earlierUnit(followUp).map(RoundRepository.EarlierUnit::ledgerItems), teamRules);
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
   * The teams a unit can be given to, by name (第一巡察组 → 1): the numbers a plan's teams can have,
   * {@value #TEAM_OPTIONS} of them or as many as the plan has; {@link RoundPlanValidator} refuses a
   * unit given to a team the plan does not list. Values are the team numbers as text, as the form's
   * select submits them.
   */
  static List<Map<String, String>> teamOptions(RoundPlan plan) {
    int count = Math.max(TEAM_OPTIONS, plan.teams().stream().map(Team::teamNo).filter(n -> n != null).max(Integer::compare).orElse(0));
    return IntStream.rangeClosed(1, count)
        .mapToObj(n -> Map.of("label", "第" + chineseNumber(n) + "巡察组", "value", Integer.toString(n)))
        .toList();
  }

  private static final int TEAM_OPTIONS = 15;
  private static final String DIGITS = "零一二三四五六七八九";

  /** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (team numbers stay below 100). */
  static String chineseNumber(int n) {
    if (n < 10) {
      return String.valueOf(DIGITS.charAt(n));
    }
    String tens = n / 10 == 1 ? "十" : DIGITS.charAt(n / 10) + "十";
    return n % 10 == 0 ? tens : tens + DIGITS.charAt(n % 10);
  }

  /**
   * The pool people the plan form offers, by name with unit and account (白语嫣（县纪委监委，team1-leader）):
   * {@code leaders} only those of the 组长库; everyone available otherwise. Values are accounts.
   */
  List<Map<String, String>> peopleOptions(boolean leaders) {
    return pool.all().stream()
        .filter(Inspector::available)
        .filter(person -> !leaders || person.mayLead())
        .map(person -> Map.of("label", person.name() + "（" + person.unit() + "，" + person.account() + "）", "value", person.account()))
        .toList();
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

  /**
   * Checks the plan against every rule and stores it for review, its teams' people as pool accounts
   * with their names ({@link TeamPeople}); a plan with any problem is refused whole.
   */
  void submit(String businessKey, String county, RoundPlan plan, String actor) {
    TeamPeople people = new TeamPeople(pool.all());
    RoundPlan resolved = people.resolve(plan);
    List<String> problems = validator.validate(resolved, people);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    rounds.saveSubmitted(businessKey, county, resolved.withTeams(resolved.teams().stream().map(people::named).toList()), actor, clock.instant());
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

  /** Marks the plan approved and forms its teams' groups ({@link TeamGroups#form}). */
  RoundPlan approve(String businessKey) {
    rounds.markApproved(businessKey, clock.instant());
    RoundPlan plan = rounds.findPlan(businessKey).orElseThrow();
    teamGroups.form(plan);
    return plan;
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

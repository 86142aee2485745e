package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.people.Inspector;
import cn.xuncha.people.Recusal;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@link RoundPlanValidator} and its message, each on the sample plan (its people in the pool) with one thing wrong. */
class RoundPlanValidatorTest {

  private static final Set<String> GROUPS = Set.of("camunda-admin", "office", "leading-group", "committee", "team1",
      "unit1", "unit2", "unit3", "unit4", "unit5", "unit6", "unit7", "unit8",
      "dept-discipline", "dept-organization", "dept-finance", "dept-audit", "dept-petition");
  /** The earlier units a 回头看 may name: one with a ledger of three items, one without a ledger. */
  private static final java.util.function.Function<RoundPlan.FollowUp, java.util.Optional<Integer>> EARLIER = followUp ->
      followUp.round().equals("十四届县委第五轮巡察") && followUp.unit().equals("赵村镇党委") ? java.util.Optional.of(3)
          : followUp.round().equals("十四届县委第五轮巡察") && followUp.unit().equals("张店乡党委") ? java.util.Optional.of(0)
          : java.util.Optional.empty();
  private static final RoundPlan SAMPLE = SampleRound.plan();
  /** The sample's people as the pool has them: available, leaders and deputies in the 组长库, nothing 回避 finds. */
  private static final List<Inspector> POOL = SAMPLE.teams().stream().flatMap(team -> team.people().stream().map(person ->
      inspector(person, team.nameOf(person), person.equals(team.leader()) || team.deputies().contains(person), true, null, List.of(), List.of())))
      .toList();
  private static final RoundPlanValidator VALIDATOR = validator(POOL);

  @Test
  void theSamplePlanPasses() {
    assertThat(VALIDATOR.validate(SAMPLE)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedUnits")
  void everyKindAndCoverageTheMeasuresAllowPasses(String example, UnaryOperator<RoundPlan> change) {
    assertThat(VALIDATOR.validate(change.apply(SAMPLE))).isEmpty();
  }

  static Stream<Arguments> acceptedUnits() {
    return Stream.of(
        Arguments.of("a county department: no villages, coverage none",
            (UnaryOperator<RoundPlan>) plan -> kind(plan, UnitKind.DEPARTMENT, List.of(), Coverage.NONE)),
        Arguments.of("an institution", (UnaryOperator<RoundPlan>) plan -> kind(plan, UnitKind.INSTITUTION, List.of(), Coverage.NONE)),
        Arguments.of("a state enterprise", (UnaryOperator<RoundPlan>) plan -> kind(plan, UnitKind.ENTERPRISE, List.of(), Coverage.NONE)),
        Arguments.of("a village as the unit", (UnaryOperator<RoundPlan>) plan -> kind(plan, UnitKind.VILLAGE, List.of(), Coverage.NONE)),
        Arguments.of("a township that inspects no village, villages not listed",
            (UnaryOperator<RoundPlan>) plan -> villages(plan, List.of(), Coverage.NONE, null, null)),
        Arguments.of("a township with named villages and no mobile ones",
            (UnaryOperator<RoundPlan>) plan -> named(plan, List.of("河南村", "团结村"))),
        Arguments.of("a second batch: the unit's own stay within the round's",
            (UnaryOperator<RoundPlan>) plan -> stay(plan, LocalDate.of(2022, 5, 5), LocalDate.of(2022, 5, 20))),
        Arguments.of("a unit's own stay on the round's first and last days",
            (UnaryOperator<RoundPlan>) plan -> stay(plan, plan.entryDate(), plan.withdrawalDate())),
        Arguments.of("only the unit's own withdrawal date, entry the round's",
            (UnaryOperator<RoundPlan>) plan -> stay(plan, null, LocalDate.of(2022, 5, 6))),
        Arguments.of("a 专项 round", (UnaryOperator<RoundPlan>) plan -> kind(plan, RoundKind.SPECIAL)),
        Arguments.of("a 回头看 unit in a 常规 round naming an earlier unit with a ledger",
            (UnaryOperator<RoundPlan>) plan -> followUp(plan, RoundKind.FOLLOW_UP, new RoundPlan.FollowUp("十四届县委第五轮巡察", "赵村镇党委"))),
        Arguments.of("a 回头看 round whose only unit names an earlier unit with a ledger",
            (UnaryOperator<RoundPlan>) plan -> firstUnits(kind(followUp(plan, null, new RoundPlan.FollowUp("十四届县委第五轮巡察", "赵村镇党委")),
                RoundKind.FOLLOW_UP), 1)));
  }

  @Test
  void teamsAreFormedFromAvailablePoolPeopleTheLeaderFromTheLeaderPool() {
    List<Inspector> pool = new ArrayList<>(POOL);
    replace(pool, inspector("team1-deputy1", "袁嘉禾", true, false, null, List.of(), List.of()));
    replace(pool, inspector("team1-leader", "白语嫣", false, true, null, List.of(), List.of()));
    pool.add(inspector("twin-a", "胡知秋", false, true, null, List.of(), List.of()));
    RoundPlan plan = team(SAMPLE, 0, t -> people(t, t.leader(), List.of("team1-deputy1", "nobody"), List.of("team1-member1", "team1-leader")));
    assertThat(validator(pool).validate(new TeamPeople(pool).resolve(plan))).containsExactlyInAnyOrder(
        "第一巡察组：组长白语嫣（team1-leader） 不在组长库中（人才库中未标“可任组长”）",
        "第一巡察组：副组长袁嘉禾（team1-deputy1） 在人才库中标为暂不可抽调",
        "第一巡察组：副组长「nobody」不在巡察工作人才库中，请先在人才库中添加",
        "第一巡察组：白语嫣（team1-leader） 在本组中出现了两次（组长、组员），每人在一个组中只能担任一个职务");
    RoundPlan byName = team(SAMPLE, 0, t -> people(t, "白语嫣", List.of("袁嘉禾"), List.of("胡知秋")));
    assertThat(validator(pool).validate(new TeamPeople(pool).resolve(byName)))
        .as("a name stands for the one pool entry that has it; a shared one is refused with the accounts to choose from")
        .containsExactlyInAnyOrder("第一巡察组：组长白语嫣（team1-leader） 不在组长库中（人才库中未标“可任组长”）",
            "第一巡察组：副组长袁嘉禾（team1-deputy1） 在人才库中标为暂不可抽调",
            "第一巡察组：组员「胡知秋」在人才库中有 2 人同名，请改填账号（team1-member1、twin-a）");
  }

  /** 实施办法 第八条: each 回避 rule refuses the person for a unit of the team, with the reason; an approved exception admits them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("recusals")
  void eachRecusalRuleRefusesUnlessTheOfficeRecordedAnException(String rule, Inspector member, String reason) {
    List<Inspector> pool = new ArrayList<>(POOL);
    replace(pool, member);
    RoundPlan plan = team(SAMPLE, 0, t -> people(t, t.leader(), t.deputies(), List.of(member.account())));
    assertThat(validator(pool).validate(plan)).containsExactly("第一巡察组：组员胡知秋（team1-member1） 须回避赵村镇党委（" + reason
        + "）；如经批准不予回避，请在“回避例外”中写明人员、单位和理由");
    RoundPlan excepted = team(plan, 0, t -> new Team(t.teamNo(), t.name(), t.leader(), t.deputies(), t.members(), t.liaison(),
        List.of(new RoundPlan.Exemption("team1-member1", "赵村镇党委", "熟悉情况，领导小组同意不予回避"))));
    assertThat(validator(pool).validate(excepted)).as("accepted with the exception").isEmpty();
  }

  static Stream<Arguments> recusals() {
    LocalDate left = SAMPLE.entryDate().minusYears(2);
    return Stream.of(
        Arguments.of("works there now", new Inspector("team1-member1", "胡知秋", "赵村镇人民政府", "科员", "科员", null, List.of(), false, true,
            null, List.of(), List.of()), "任职回避：现在赵村镇人民政府任科员"),
        Arguments.of("served there within the years", inspector("team1-member1", "胡知秋", false, true, null,
            List.of(new Inspector.PastPost("赵村镇党委", "组织委员", left.minusYears(3), left)), List.of()),
            "任职回避：" + left.minusYears(3) + "至" + left + "在赵村镇党委任组织委员，离开未满5年"),
        Arguments.of("a declared relative", inspector("team1-member1", "胡知秋", false, true, null, List.of(),
            List.of(new Inspector.Conflict("赵村镇党委", "父亲在赵村镇任职"))), "公务回避：父亲在赵村镇任职（赵村镇党委）"),
        Arguments.of("the hometown", inspector("team1-member1", "胡知秋", false, true, "赵村镇", List.of(), List.of()),
            "地域回避：籍贯或家乡为赵村镇"));
  }

  /** 办法 第十四条: a unit of a later batch is entered on its own date, and 回避 is judged on that date. */
  @Test
  void recusalOfALaterBatchIsJudgedOnItsOwnEntryDate() {
    LocalDate left = SAMPLE.entryDate().minusYears(5).plusDays(10);
    List<Inspector> pool = new ArrayList<>(POOL);
    replace(pool, inspector("team1-member1", "胡知秋", false, true, null,
        List.of(new Inspector.PastPost("赵村镇党委", "组织委员", left.minusYears(3), left)), List.of()));
    RoundPlan plan = team(SAMPLE, 0, t -> people(t, t.leader(), t.deputies(), List.of("team1-member1")));
    assertThat(SAMPLE.units().get(0).name()).isEqualTo("赵村镇党委");
    assertThat(validator(pool).validate(plan)).as("entered with the round, within five years of leaving").hasSize(1);
    LocalDate later = SAMPLE.entryDate().plusDays(20);
    assertThat(validator(pool).validate(stay(plan, later, SAMPLE.withdrawalDate()))).as("entered in a later batch, five years after").isEmpty();
  }

  @Test
  void anExceptionNamesAPersonOfTheTeamAndAUnitItInspects() {
    RoundPlan plan = team(SAMPLE, 0, t -> new Team(t.teamNo(), t.name(), t.leader(), t.deputies(), t.members(), t.liaison(),
        List.of(new RoundPlan.Exemption("team2-leader", "张店乡党委", "理由"), new RoundPlan.Exemption("team1-leader", "赵村镇党委", " "))));
    assertThat(VALIDATOR.validate(plan)).containsExactlyInAnyOrder(
        "第一巡察组：回避例外「team2-leader，张店乡党委」：此人不在本组",
        "第一巡察组：回避例外「team2-leader，张店乡党委」：单位须为本组巡察的党组织，按方案中的名称填写",
        "第一巡察组：回避例外「team1-leader，赵村镇党委」：理由：不能为空");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenPlans")
  void eachRuleRefusesWithItsMessage(List<String> messages, UnaryOperator<RoundPlan> breakIt) {
    assertThat(VALIDATOR.validate(breakIt.apply(SAMPLE))).containsExactlyInAnyOrderElementsOf(messages);
  }

  static Stream<Arguments> brokenPlans() {
    return Stream.of(
        refused("轮次名称：不能为空", plan -> round(plan, " ", plan.term(), plan.roundNo())),
        refused("轮次名称：过长（最多 200 字）", plan -> round(plan, "轮".repeat(201), plan.term(), plan.roundNo())),
        refused("届次：不能为空", plan -> round(plan, plan.name(), null, plan.roundNo())),
        refused("轮次：请填写不小于 1 的整数", plan -> round(plan, plan.name(), plan.term(), 0)),
        refused("进驻日期：请填写", plan -> dates(plan, null, plan.withdrawalDate(), plan.planFilingDate())),
        refused("撤回日期：请填写", plan -> dates(plan, plan.entryDate(), null, plan.planFilingDate())),
        refused("巡察组方案备案截止日期：请填写", plan -> dates(plan, plan.entryDate(), plan.withdrawalDate(), null)),
        refused("进驻日期：0001-04-21 不在 2000 年至 2099 年之间，请核对年份",
            plan -> dates(plan, LocalDate.of(1, 4, 21), plan.withdrawalDate(), plan.planFilingDate())),
        refused("撤回日期：9999-06-10 不在 2000 年至 2099 年之间，请核对年份",
            plan -> dates(plan, plan.entryDate(), LocalDate.of(9999, 6, 10), plan.planFilingDate())),
        refused("撤回日期：必须晚于进驻日期（2022-04-21）", plan -> dates(plan, plan.entryDate(), plan.entryDate(), plan.entryDate())),
        refused("巡察组方案备案截止日期：不能晚于撤回日期（2022-06-10）",
            plan -> dates(plan, plan.entryDate(), plan.withdrawalDate(), plan.withdrawalDate().plusDays(1))),
        refused(List.of("巡察组：至少需要一个巡察组", "被巡察党组织：至少需要一个"), plan -> teamsAndUnits(plan, List.of(), List.of())),
        refused(List.of("第 1 个巡察组：组号须为不小于 1 的整数", "第 1 个巡察组：未分配被巡察党组织", "赵村镇党委：负责巡察组须为上面填写的某个组号"),
            plan -> team(plan, 0, t -> numbered(t, 0, t.name()))),
        refused(List.of("第三巡察组：组号 2 重复", "辛集乡党委：负责巡察组须为上面填写的某个组号"), plan -> team(plan, 2, t -> numbered(t, 2, t.name()))),
        refused("第1组：名称：不能为空", plan -> team(plan, 0, t -> numbered(t, 1, ""))),
        refused("第一巡察组：组长：不能为空", plan -> team(plan, 0, t -> people(t, null, t.deputies(), t.members()))),
        refused("第八巡察组：未分配被巡察党组织", plan -> {
          List<Team> teams = new ArrayList<>(plan.teams());
          teams.add(new Team(8, "第八巡察组", "team1-leader", List.of(), List.of(), null, List.of()));
          return teamsAndUnits(plan, teams, plan.units());
        }),
        refused("第 1 个被巡察党组织：单位名称：不能为空", plan -> unit(plan, 0, u -> copy(u, "", u.teamNo(), u.groupId()))),
        refused(List.of("赵村镇党委：负责巡察组须为上面填写的某个组号", "第一巡察组：未分配被巡察党组织"),
            plan -> unit(plan, 0, u -> copy(u, u.name(), 9, u.groupId()))),
        refused("赵村镇党委：同一单位被分配了两次（第1组和第2组），每个单位只能由一个巡察组巡察",
            plan -> unit(plan, 1, u -> copy(u, "赵村镇党委", u.teamNo(), "unit8"))),
        refused("赵村镇党委：请填写单位账户组", plan -> unit(plan, 0, u -> copy(u, u.name(), u.teamNo(), " "))),
        refused("赵村镇党委：单位账户组 unit9 不存在，请先在管理后台创建", plan -> unit(plan, 0, u -> copy(u, u.name(), u.teamNo(), "unit9"))),
        refused("赵村镇党委：单位账户组 team1 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
            plan -> unit(plan, 0, u -> copy(u, u.name(), u.teamNo(), "team1"))),
        refused("赵村镇党委：单位账户组 camunda-admin 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
            plan -> unit(plan, 0, u -> copy(u, u.name(), u.teamNo(), "camunda-admin"))),
        refused("赵村镇党委：单位账户组 dept-finance 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
            plan -> unit(plan, 0, u -> copy(u, u.name(), u.teamNo(), "dept-finance"))),
        refused("张店乡党委：单位账户组 unit1 已用于「赵村镇党委」，每个被巡察党组织须有自己的账户组",
            plan -> unit(plan, 1, u -> copy(u, u.name(), u.teamNo(), "unit1"))),
        refused("赵村镇党委：请填写所辖村（社区），每行一个", plan -> villages(plan, List.of(), Coverage.ALL, null, null)),
        refused("赵村镇党委：村（社区）名称过长（最多 200 字）", plan -> villages(plan, List.of("村".repeat(201)), Coverage.ALL, null, null)),
        refused("赵村镇党委：村（社区）「河南村」重复填写", plan -> villages(plan, List.of("河南村", "河南村"), Coverage.ALL, null, null)),
        refused("赵村镇党委：请选择村级党组织覆盖方式", plan -> villages(plan, SAMPLE.units().get(0).villages(), null, null, null)),
        refused("赵村镇党委：先行巡察村数须为不小于 1 的整数",
            plan -> villages(plan, SAMPLE.units().get(0).villages(), Coverage.PARTIAL, 0, 6)),
        refused("赵村镇党委：机动巡察村数须为不小于 1 的整数",
            plan -> villages(plan, SAMPLE.units().get(0).villages(), Coverage.PARTIAL, 6, null)),
        refused("赵村镇党委：先行巡察村数与机动巡察村数之和（13）超过所辖村（社区）数（12）",
            plan -> villages(plan, SAMPLE.units().get(0).villages(), Coverage.PARTIAL, 7, 6)),
        refused("赵村镇党委：请选择单位类别", plan -> kind(plan, null, List.of(), Coverage.NONE)),
        refused("赵村镇党委：县直部门（单位）党组（党组织）不辖村（社区），请不要填写所辖村（社区）",
            plan -> kind(plan, UnitKind.DEPARTMENT, List.of("河南村"), Coverage.NONE)),
        refused("赵村镇党委：村（社区）党组织不辖村（社区），村级党组织覆盖方式只能是“不巡察村（社区）”",
            plan -> kind(plan, UnitKind.VILLAGE, List.of(), Coverage.ALL)),
        refused("赵村镇党委：请填写直接巡察的村（社区），每行一个", plan -> named(plan, List.of())),
        refused("赵村镇党委：直接巡察的村（社区）「东庄村」不在所辖村（社区）中", plan -> named(plan, List.of("河南村", "东庄村"))),
        refused("赵村镇党委：直接巡察的村（社区）「河南村」重复填写", plan -> named(plan, List.of("河南村", "河南村"))),
        refused("赵村镇党委：进驻日期 2022-04-20 须在本轮巡察期间（2022-04-21 至 2022-06-10）",
            plan -> stay(plan, LocalDate.of(2022, 4, 20), LocalDate.of(2022, 5, 6))),
        refused("赵村镇党委：撤回日期 2022-06-11 须在本轮巡察期间（2022-04-21 至 2022-06-10）",
            plan -> stay(plan, LocalDate.of(2022, 5, 27), LocalDate.of(2022, 6, 11))),
        refused(List.of("赵村镇党委：进驻日期 2022-06-20 须在本轮巡察期间（2022-04-21 至 2022-06-10）",
                "赵村镇党委：撤回日期 2022-06-10 必须晚于进驻日期（2022-06-20）"),
            plan -> stay(plan, LocalDate.of(2022, 6, 20), null)),
        refused("赵村镇党委：撤回日期 2022-05-05 必须晚于进驻日期（2022-05-05）",
            plan -> stay(plan, LocalDate.of(2022, 5, 5), LocalDate.of(2022, 5, 5))),
        refused("赵村镇党委：撤回日期 2022-05-04 必须晚于进驻日期（2022-05-05）",
            plan -> stay(plan, LocalDate.of(2022, 5, 5), LocalDate.of(2022, 5, 4))),
        refused("赵村镇党委：进驻日期：0022-05-05 不在 2000 年至 2099 年之间，请核对年份",
            plan -> stay(plan, LocalDate.of(22, 5, 5), LocalDate.of(2022, 5, 20))),
        refused("赵村镇党委：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）",
            plan -> followUp(plan, RoundKind.FOLLOW_UP, null)),
        refused("赵村镇党委：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）",
            plan -> followUp(plan, RoundKind.FOLLOW_UP, new RoundPlan.FollowUp("十四届县委第五轮巡察", " "))),
        refused("赵村镇党委：未找到已批准的巡察轮次「十四届县委第五轮巡察」中的「赵村乡党委」，请核对原巡察轮次和被巡察党组织的名称",
            plan -> followUp(plan, RoundKind.FOLLOW_UP, new RoundPlan.FollowUp("十四届县委第五轮巡察", "赵村乡党委"))),
        refused("赵村镇党委：「十四届县委第五轮巡察」中的「张店乡党委」没有整改台账，无法开展巡察“回头看”",
            plan -> followUp(plan, RoundKind.FOLLOW_UP, new RoundPlan.FollowUp("十四届县委第五轮巡察", "张店乡党委"))),
        refused("赵村镇党委：只有巡察“回头看”的单位填写原巡察轮次和原被巡察党组织",
            plan -> followUp(plan, RoundKind.CROSS, new RoundPlan.FollowUp("十四届县委第五轮巡察", "赵村镇党委"))),
        refused(List.of("张店乡党委：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）",
                "辛集乡党委：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）"),
            plan -> firstUnits(kind(followUp(plan, null, new RoundPlan.FollowUp("十四届县委第五轮巡察", "赵村镇党委")), RoundKind.FOLLOW_UP), 3)),
        refused("函询部门：至少选择一个", plan -> departments(plan, List.of())),
        refused("函询部门：dept-audit 选了两次", plan -> departments(plan, List.of("dept-audit", "dept-audit"))),
        refused("函询部门：team1 不是县直部门的账户组（以 dept- 开头）", plan -> departments(plan, List.of("team1"))),
        refused("函询部门：账户组 dept-housing 不存在，请先在管理后台创建", plan -> departments(plan, List.of("dept-housing"))));
  }

  private static Arguments refused(String message, UnaryOperator<RoundPlan> breakIt) {
    return refused(List.of(message), breakIt);
  }

  private static Arguments refused(List<String> messages, UnaryOperator<RoundPlan> breakIt) {
    return Arguments.of(messages, breakIt);
  }

  private static RoundPlan round(RoundPlan p, String name, String term, Integer roundNo) {
    return new RoundPlan(name, term, roundNo, p.entryDate(), p.withdrawalDate(), p.planFilingDate(), p.teams(), p.units(), p.departments(), p.kind());
  }

  private static RoundPlan dates(RoundPlan p, LocalDate entry, LocalDate withdrawal, LocalDate filing) {
    return new RoundPlan(p.name(), p.term(), p.roundNo(), entry, withdrawal, filing, p.teams(), p.units(), p.departments(), p.kind());
  }

  private static RoundPlan teamsAndUnits(RoundPlan p, List<Team> teams, List<InspectedUnit> units) {
    return new RoundPlan(p.name(), p.term(), p.roundNo(), p.entryDate(), p.withdrawalDate(), p.planFilingDate(), teams, units, p.departments(), p.kind());
  }

  private static RoundPlan departments(RoundPlan p, List<String> departments) {
    return new RoundPlan(p.name(), p.term(), p.roundNo(), p.entryDate(), p.withdrawalDate(), p.planFilingDate(), p.teams(), p.units(), departments, p.kind());
  }

  private static RoundPlan team(RoundPlan p, int index, UnaryOperator<Team> change) {
    List<Team> teams = new ArrayList<>(p.teams());
    teams.set(index, change.apply(teams.get(index)));
    return teamsAndUnits(p, teams, p.units());
  }

  private static RoundPlan unit(RoundPlan p, int index, UnaryOperator<InspectedUnit> change) {
    List<InspectedUnit> units = new ArrayList<>(p.units());
    units.set(index, change.apply(units.get(index)));
    return teamsAndUnits(p, p.teams(), units);
  }

  private static RoundPlan villages(RoundPlan p, List<String> villages, Coverage coverage, Integer initial, Integer mobile) {
    return unit(p, 0, u -> new InspectedUnit(u.name(), u.kind(), u.teamNo(), u.groupId(), villages, coverage, List.of(), initial, mobile, null, null, null, null));
  }

  private static RoundPlan named(RoundPlan p, List<String> named) {
    return unit(p, 0, u -> new InspectedUnit(u.name(), u.kind(), u.teamNo(), u.groupId(), u.villages(), Coverage.NAMED, named, null, null, null, null, null, null));
  }

  private static RoundPlan kind(RoundPlan p, UnitKind kind, List<String> villages, Coverage coverage) {
    return unit(p, 0, u -> new InspectedUnit(u.name(), kind, u.teamNo(), u.groupId(), villages, coverage, List.of(), null, null, null, null, null, null));
  }

  private static RoundPlan kind(RoundPlan p, RoundKind kind) {
    return new RoundPlan(p.name(), p.term(), p.roundNo(), p.entryDate(), p.withdrawalDate(), p.planFilingDate(), p.teams(), p.units(),
        p.departments(), kind);
  }

  private static RoundPlan followUp(RoundPlan p, RoundKind kind, RoundPlan.FollowUp earlier) {
    return unit(p, 0, u -> new InspectedUnit(u.name(), u.kind(), u.teamNo(), u.groupId(), u.villages(), u.coverage(), u.namedVillages(),
        u.initialVillages(), u.mobileVillages(), u.entryDate(), u.withdrawalDate(), kind, earlier));
  }

  /** The plan's first {@code count} units, each team keeping units: the teams of the rest are dropped with them. */
  private static RoundPlan firstUnits(RoundPlan p, int count) {
    List<InspectedUnit> units = p.units().subList(0, count);
    List<Team> teams = p.teams().stream().filter(team -> units.stream().anyMatch(u -> u.teamNo().equals(team.teamNo()))).toList();
    return teamsAndUnits(p, teams, units);
  }

  private static RoundPlan stay(RoundPlan p, LocalDate entry, LocalDate withdrawal) {
    return unit(p, 0, u -> u.withStay(entry, withdrawal));
  }

  private static RoundPlanValidator validator(List<Inspector> pool) {
    return new RoundPlanValidator(GROUPS::contains, EARLIER, new TeamRules(() -> pool, new Recusal(5)));
  }

  private static Inspector inspector(String account, String name, boolean mayLead, boolean available, String hometown,
                                     List<Inspector.PastPost> posts, List<Inspector.Conflict> conflicts) {
    return new Inspector(account, name, "县纪委监委", "科员", mayLead ? "正科级" : "科员", hometown, List.of(), mayLead, available, null, posts,
        conflicts);
  }

  private static void replace(List<Inspector> pool, Inspector person) {
    pool.replaceAll(entry -> entry.account().equals(person.account()) ? person : entry);
  }

  private static Team numbered(Team t, Integer teamNo, String name) {
    return new Team(teamNo, name, t.leader(), t.deputies(), t.members(), t.liaison(), t.exemptions());
  }

  private static Team people(Team t, String leader, List<String> deputies, List<String> members) {
    return new Team(t.teamNo(), t.name(), leader, deputies, members, t.liaison(), t.exemptions());
  }

  private static InspectedUnit copy(InspectedUnit u, String name, Integer teamNo, String groupId) {
    return new InspectedUnit(name, u.kind(), teamNo, groupId, u.villages(), u.coverage(), u.namedVillages(), u.initialVillages(), u.mobileVillages(), u.entryDate(), u.withdrawalDate(), u.inspectionKind(), u.followUp());
  }
}

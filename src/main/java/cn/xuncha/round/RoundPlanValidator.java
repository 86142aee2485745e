package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.FollowUp;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.security.Roles;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules a round plan must meet before it goes to review. Every problem is reported in Chinese
 * with the field it concerns, so the office can correct all of them in one pass. Besides the
 * measures' own rules (one team per unit, 办法 第十四条; departments consulted, 方案 四(二)1) it refuses
 * what would break a later step: dates outside the years the calendar can serve, and account groups
 * that are not the unit's own (a unit's tasks and documents go to exactly the group named here).
 * Every unit has a {@link UnitKind} (办法 第十一条); only a township lists villages and a coverage
 * other than {@link Coverage#NONE}, and the villages a {@link Coverage#NAMED} plan names must be
 * among its villages. A unit with a stay of its own (a batch, 办法 第十四条) stays within the round's; a
 * 巡察“回头看” names an earlier unit that has a rectification ledger. Teams are formed from the
 * 巡察工作人才库 ({@link TeamRules}); 交叉巡察 needs no rule of its own: the same 回避 rules refuse a
 * person for a unit of their own township, whichever township the team comes from.
 */
class RoundPlanValidator {

  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
  static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
  private static final Set<String> ROLE_GROUPS = Set.of(Roles.ADMIN, Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE);
  private static final String DEPARTMENT_PREFIX = "dept-";
  /** The id of a team's group: {@code team<N>} of rounds before teams were per round, {@code team<N>-<round>} ({@link RoundPlan.Team#groupIdOf}). */
  static final String TEAM_GROUP = "team\\d+(-.+)?";

  private final Predicate<String> groupExists;
  private final Function<FollowUp, Optional<Integer>> earlierLedger;
  private final TeamRules teamRules;

  /**
   * @param groupExists tells whether a Camunda group exists; units and departments work through their groups
   * @param earlierLedger the number of items of the rectification ledger of the earlier round's unit a
   *     巡察“回头看” names, empty when no approved round has that unit
   * @param teamRules the rules of each team's people, checked against the pool as it is at the check
   */
  RoundPlanValidator(Predicate<String> groupExists, Function<FollowUp, Optional<Integer>> earlierLedger, TeamRules teamRules) {
    this.groupExists = groupExists;
    this.earlierLedger = earlierLedger;
    this.teamRules = teamRules;
  }

  List<String> validate(RoundPlan plan) {
    return validate(plan, teamRules.people());
  }

  /** The plan's problems, its teams checked against {@code people}, the pool as the caller read it. */
  List<String> validate(RoundPlan plan, TeamPeople people) {
    List<String> problems = new ArrayList<>();
    text(problems, plan.name(), "轮次名称", 200);
    text(problems, plan.term(), "届次", 50);
    if (plan.roundNo() == null || plan.roundNo() < 1) {
      problems.add("轮次：请填写不小于 1 的整数");
    }
    checkDates(problems, plan);
    Set<Integer> teamNumbers = checkTeams(problems, plan, people);
    checkUnits(problems, plan, teamNumbers);
    checkDepartments(problems, plan);
    return problems;
  }

  private static void checkDates(List<String> problems, RoundPlan plan) {
    date(problems, plan.entryDate(), "进驻日期");
    date(problems, plan.withdrawalDate(), "撤回日期");
    date(problems, plan.planFilingDate(), "巡察组方案备案截止日期");
    if (plan.entryDate() != null && plan.withdrawalDate() != null
        && !plan.withdrawalDate().isAfter(plan.entryDate())) {
      problems.add("撤回日期：必须晚于进驻日期（" + plan.entryDate() + "）");
    }
    if (plan.withdrawalDate() != null && plan.planFilingDate() != null
        && plan.planFilingDate().isAfter(plan.withdrawalDate())) {
      problems.add("巡察组方案备案截止日期：不能晚于撤回日期（" + plan.withdrawalDate() + "）");
    }
  }

  private static void date(List<String> problems, LocalDate date, String field) {
    if (date == null) {
      problems.add(field + "：请填写");
    } else if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
      problems.add(field + "：" + date + " 不在 " + EARLIEST.getYear() + " 年至 " + LATEST.getYear() + " 年之间，请核对年份");
    }
  }

  private Set<Integer> checkTeams(List<String> problems, RoundPlan plan, TeamPeople people) {
    Set<Integer> numbers = new HashSet<>();
    if (plan.teams().isEmpty()) {
      problems.add("巡察组：至少需要一个巡察组");
    }
    for (int i = 0; i < plan.teams().size(); i++) {
      Team team = plan.teams().get(i);
      String label = "第 " + (i + 1) + " 个巡察组";
      if (team.teamNo() == null || team.teamNo() < 1) {
        problems.add(label + "：组号须为不小于 1 的整数");
      } else {
        label = isBlank(team.name()) ? "第" + team.teamNo() + "组" : team.name();
        if (!numbers.add(team.teamNo())) {
          problems.add(label + "：组号 " + team.teamNo() + " 重复");
        }
      }
      text(problems, team.name(), label + "：名称", 100);
      problems.addAll(teamRules.problems(plan, team, label, people));
      if (team.teamNo() != null && plan.unitsOf(team).isEmpty()) {
        problems.add(label + "：未分配被巡察党组织");
      }
    }
    return numbers;
  }

  private void checkUnits(List<String> problems, RoundPlan plan, Set<Integer> teamNumbers) {
    if (plan.units().isEmpty()) {
      problems.add("被巡察党组织：至少需要一个");
    }
    Map<String, Integer> teamOfUnit = new HashMap<>();
    Map<String, String> unitOfGroup = new HashMap<>();
    for (int i = 0; i < plan.units().size(); i++) {
      InspectedUnit unit = plan.units().get(i);
      String label = isBlank(unit.name()) ? "第 " + (i + 1) + " 个被巡察党组织" : unit.name();
      text(problems, unit.name(), label + "：单位名称", 200);
      if (unit.teamNo() == null || !teamNumbers.contains(unit.teamNo())) {
        problems.add(label + "：负责巡察组须为上面填写的某个组号");
      }
      if (!isBlank(unit.name())) {
        Integer earlier = teamOfUnit.putIfAbsent(unit.name().strip(), unit.teamNo());
        if (earlier != null) {
          problems.add(label + "：同一单位被分配了两次（第" + earlier + "组和第" + unit.teamNo() + "组），每个单位只能由一个巡察组巡察");
        }
      }
      if (isBlank(unit.groupId())) {
        problems.add(label + "：请填写单位账户组");
      } else {
        checkUnitGroup(problems, unit.groupId().strip(), label, unitOfGroup);
      }
      checkVillages(problems, unit, label);
      checkStay(problems, plan, unit, label);
      checkFollowUp(problems, plan, unit, label);
    }
  }

  /**
   * A 巡察“回头看” verifies the rectification of a unit inspected before: it names that unit of an approved
   * round, and the unit has a rectification ledger to verify. A unit of another kind names none.
   */
  private void checkFollowUp(List<String> problems, RoundPlan plan, InspectedUnit unit, String label) {
    FollowUp earlier = unit.followUp();
    if (plan.kindOf(unit) != RoundKind.FOLLOW_UP) {
      if (earlier != null) {
        problems.add(label + "：只有巡察“回头看”的单位填写原巡察轮次和原被巡察党组织");
      }
      return;
    }
    if (earlier == null || isBlank(earlier.round()) || isBlank(earlier.unit())) {
      problems.add(label + "：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）");
      return;
    }
    Optional<Integer> ledger = earlierLedger.apply(earlier);
    if (ledger.isEmpty()) {
      problems.add(label + "：未找到已批准的巡察轮次" + earlier + "，请核对原巡察轮次和被巡察党组织的名称");
    } else if (ledger.get() == 0) {
      problems.add(label + "：" + earlier + "没有整改台账，无法开展巡察“回头看”");
    }
  }

  /**
   * A unit's own stay (a batch of the round, 办法 第十四条) lies within the round's, and its team enters
   * before it withdraws; a date left empty is the round's.
   */
  private static void checkStay(List<String> problems, RoundPlan plan, InspectedUnit unit, String label) {
    if (unit.entryDate() == null && unit.withdrawalDate() == null) {
      return;
    }
    int before = problems.size();
    if (unit.entryDate() != null) {
      date(problems, unit.entryDate(), label + "：进驻日期");
    }
    if (unit.withdrawalDate() != null) {
      date(problems, unit.withdrawalDate(), label + "：撤回日期");
    }
    if (problems.size() > before || plan.entryDate() == null || plan.withdrawalDate() == null) {
      return;
    }
    String round = "（" + plan.entryDate() + " 至 " + plan.withdrawalDate() + "）";
    LocalDate entry = plan.entryDateOf(unit);
    LocalDate withdrawal = plan.withdrawalDateOf(unit);
    if (entry.isBefore(plan.entryDate()) || entry.isAfter(plan.withdrawalDate())) {
      problems.add(label + "：进驻日期 " + entry + " 须在本轮巡察期间" + round);
    }
    if (withdrawal.isBefore(plan.entryDate()) || withdrawal.isAfter(plan.withdrawalDate())) {
      problems.add(label + "：撤回日期 " + withdrawal + " 须在本轮巡察期间" + round);
    }
    if (!withdrawal.isAfter(entry)) {
      problems.add(label + "：撤回日期 " + withdrawal + " 必须晚于进驻日期（" + entry + "）");
    }
  }

  /**
   * Whether a group belongs to a team ({@code team<N>}), a department ({@code dept-…}) or a role of the
   * procedure, and so can never be an inspected unit's account group.
   */
  static boolean reservedGroup(String group) {
    return ROLE_GROUPS.contains(group) || group.matches(TEAM_GROUP) || group.startsWith(DEPARTMENT_PREFIX);
  }

  /** Why {@code group} cannot be a unit's account group ({@link #reservedGroup}); the import names it at its cell. */
  static String reservedGroupProblem(String group) {
    return "单位账户组 " + group + " 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组";
  }

  private void checkUnitGroup(List<String> problems, String group, String label, Map<String, String> unitOfGroup) {
    if (reservedGroup(group)) {
      problems.add(label + "：" + reservedGroupProblem(group));
    } else if (!groupExists.test(group)) {
      problems.add(label + "：单位账户组 " + group + " 不存在，请先在管理后台创建");
    } else {
      String earlier = unitOfGroup.putIfAbsent(group, label);
      if (earlier != null) {
        problems.add(label + "：单位账户组 " + group + " 已用于「" + earlier + "」，每个被巡察党组织须有自己的账户组");
      }
    }
  }

  private void checkDepartments(List<String> problems, RoundPlan plan) {
    if (plan.departments().isEmpty()) {
      problems.add("函询部门：至少选择一个");
    }
    Set<String> seen = new HashSet<>();
    for (String department : plan.departments()) {
      if (!seen.add(department)) {
        problems.add("函询部门：" + department + " 选了两次");
      } else if (!department.startsWith(DEPARTMENT_PREFIX)) {
        problems.add("函询部门：" + department + " 不是县直部门的账户组（以 " + DEPARTMENT_PREFIX + " 开头）");
      } else if (!groupExists.test(department)) {
        problems.add("函询部门：账户组 " + department + " 不存在，请先在管理后台创建");
      }
    }
  }

  /**
   * A township lists its villages unless it covers none, and says how they are covered; a unit of a
   * kind without villages (a department, a village itself) lists none and covers none.
   */
  private static void checkVillages(List<String> problems, InspectedUnit unit, String label) {
    if (unit.kind() == null) {
      problems.add(label + "：请选择单位类别");
      return;
    }
    if (!unit.kind().hasVillages()) {
      if (!unit.villages().isEmpty()) {
        problems.add(label + "：" + unit.kind().label() + "不辖村（社区），请不要填写所辖村（社区）");
      }
      if (unit.coverage() != null && unit.coverage() != Coverage.NONE) {
        problems.add(label + "：" + unit.kind().label() + "不辖村（社区），村级党组织覆盖方式只能是“" + Coverage.NONE.label() + "”");
      }
      return;
    }
    if (unit.coverage() == null) {
      problems.add(label + "：请选择村级党组织覆盖方式");
    } else if (unit.coverage() != Coverage.NONE && unit.villages().isEmpty()) {
      problems.add(label + "：请填写所辖村（社区），每行一个");
    }
    distinctNames(problems, unit.villages(), label + "：村（社区）");
    if (unit.coverage() == Coverage.NAMED) {
      if (unit.namedVillages().isEmpty()) {
        problems.add(label + "：请填写直接巡察的村（社区），每行一个");
      }
      distinctNames(problems, unit.namedVillages(), label + "：直接巡察的村（社区）");
      unit.namedVillages().stream().filter(village -> !unit.villages().contains(village)).distinct()
          .forEach(village -> problems.add(label + "：直接巡察的村（社区）「" + village + "」不在所辖村（社区）中"));
    } else if (unit.coverage() == Coverage.PARTIAL) {
      Integer initial = unit.initialVillages();
      Integer mobile = unit.mobileVillages();
      if (initial == null || initial < 1) {
        problems.add(label + "：先行巡察村数须为不小于 1 的整数");
      }
      if (mobile == null || mobile < 1) {
        problems.add(label + "：机动巡察村数须为不小于 1 的整数");
      }
      if (initial != null && mobile != null && initial + mobile > unit.villages().size()) {
        problems.add(label + "：先行巡察村数与机动巡察村数之和（" + (initial + mobile)
            + "）超过所辖村（社区）数（" + unit.villages().size() + "）");
      }
    }
  }

  private static void distinctNames(List<String> problems, List<String> villages, String field) {
    Set<String> seen = new HashSet<>();
    for (String village : villages) {
      if (village.length() > 200) {
        problems.add(field + "名称过长（最多 200 字）");
      }
      if (!seen.add(village)) {
        problems.add(field + "「" + village + "」重复填写");
      }
    }
  }

  static void text(List<String> problems, String value, String field, int maxLength) {
    if (isBlank(value)) {
      problems.add(field + "：不能为空");
    } else if (value.strip().length() > maxLength) {
      problems.add(field + "：过长（最多 " + maxLength + " 字）");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}

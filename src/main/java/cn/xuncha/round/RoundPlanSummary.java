package cn.xuncha.round;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The round plan as Markdown for the reviewers' form (form-js renders Markdown in text fields). It
 * stays readable for a round of 150 units: counts first, then one line per team, then each team's
 * units in a table of their own.
 */
final class RoundPlanSummary {

  private RoundPlanSummary() {
  }

  /** @param departmentName the name of a department's group, as the reviewers know it (县纪委监委, not dept-discipline) */
  static String markdown(RoundPlan plan, UnaryOperator<String> departmentName) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(escape(plan.name())).append("**（").append(escape(plan.term()))
        .append("县委第 ").append(plan.roundNo()).append(" 轮，").append(plan.kind().label()).append("）\n\n");
    md.append("进驻日期：").append(plan.entryDate())
        .append("　撤回日期：").append(plan.withdrawalDate())
        .append("　巡察组方案备案截止：").append(plan.planFilingDate()).append("\n\n");
    md.append("巡察组 ").append(plan.teams().size()).append(" 个，被巡察党组织 ").append(plan.units().size()).append(" 个")
        .append(kindCounts(plan.units())).append("\n\n");
    md.append("| 巡察组 | 组长 | 副组长 | 组员 | 联络员 | 被巡察党组织 |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Team team : plan.teams()) {
      md.append("| ").append(escape(team.name()))
          .append(" | ").append(escape(team.nameOf(team.leader())))
          .append(" | ").append(escape(String.join("、", team.namesOf(team.deputies()))))
          .append(" | ").append(team.members().size()).append(" 名")
          .append(" | ").append(team.liaison() == null ? "—" : escape(team.nameOf(team.liaison())))
          .append(" | ").append(plan.unitsOf(team).size()).append(" 个")
          .append(" |\n");
    }
    exemptions(md, plan);
    for (Team team : plan.teams()) {
      md.append("\n#### ").append(escape(team.name())).append("巡察的党组织\n\n");
      md.append("| 序号 | 被巡察党组织 | 类别 | 村（社区） | 覆盖方式 | 进驻至撤回 |\n");
      md.append("|---|---|---|---|---|---|\n");
      List<InspectedUnit> units = plan.unitsOf(team);
      for (int i = 0; i < units.size(); i++) {
        InspectedUnit unit = units.get(i);
        md.append("| ").append(i + 1)
            .append(" | ").append(escape(unit.name()))
            .append(" | ").append(unit.kind().label())
            .append(unit.inspectionKind() == null || unit.inspectionKind() == plan.kind() ? "" : "（" + unit.inspectionKind().label() + "）")
            .append(unit.followUp() == null ? "" : "，回头看" + escape(unit.followUp().toString()))
            .append(" | ").append(unit.kind().hasVillages() ? unit.villages().size() + " 个" : "—")
            .append(" | ").append(coverage(unit))
            .append(" | ").append(unit.entryDate() == null && unit.withdrawalDate() == null ? "同本轮"
                : plan.entryDateOf(unit) + " 至 " + plan.withdrawalDateOf(unit))
            .append(" |\n");
      }
    }
    md.append("\n函询部门：").append(escape(String.join("、", plan.departments().stream().map(departmentName).toList()))).append("\n");
    return md.toString();
  }

  /**
   * The 回避 exceptions the office recorded (实施办法 第八条): the reviewers approve them with the plan,
   * so each is listed with the person, the unit and the reason.
   */
  private static void exemptions(StringBuilder md, RoundPlan plan) {
    if (plan.teams().stream().allMatch(team -> team.exemptions().isEmpty())) {
      return;
    }
    md.append("\n#### 回避例外（随方案一并审批）\n\n");
    md.append("| 巡察组 | 人员 | 被巡察党组织 | 理由 |\n");
    md.append("|---|---|---|---|\n");
    for (Team team : plan.teams()) {
      for (RoundPlan.Exemption exemption : team.exemptions()) {
        md.append("| ").append(escape(team.name()))
            .append(" | ").append(escape(team.nameOf(exemption.person())))
            .append(" | ").append(escape(exemption.unit()))
            .append(" | ").append(escape(exemption.reason()))
            .append(" |\n");
      }
    }
  }

  /** （乡镇（街道）党委 7 个、村（社区）党组织 107 个）, the kinds in their declared order. */
  private static String kindCounts(List<InspectedUnit> units) {
    Map<UnitKind, Long> counts = units.stream().collect(Collectors.groupingBy(InspectedUnit::kind, Collectors.counting()));
    return Arrays.stream(UnitKind.values()).filter(counts::containsKey)
        .map(kind -> kind.label() + " " + counts.get(kind) + " 个")
        .collect(Collectors.collectingAndThen(Collectors.joining("、"), text -> "（" + text + "）"));
  }

  private static String coverage(InspectedUnit unit) {
    if (!unit.kind().hasVillages()) {
      return "—";
    }
    return switch (unit.coverage()) {
      case ALL, NONE -> unit.coverage().label();
      case NAMED -> "直接巡察 " + unit.namedVillages().size() + " 个：" + escape(String.join("、", unit.namedVillages()));
      case PARTIAL -> "先巡 " + unit.initialVillages() + " 个，进驻后 7 日内再定 " + unit.mobileVillages() + " 个机动巡察";
    };
  }
}

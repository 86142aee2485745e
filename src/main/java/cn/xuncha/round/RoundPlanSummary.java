package cn.xuncha.round;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;

/** The round plan as Markdown for the reviewers' form (form-js renders Markdown in text fields). */
final class RoundPlanSummary {

  private RoundPlanSummary() {
  }

  static String markdown(RoundPlan plan) {
    StringBuilder md = new StringBuilder();
    md.append("**").append(escape(plan.name())).append("**（").append(escape(plan.term()))
        .append("县委第 ").append(plan.roundNo()).append(" 轮）\n\n");
    md.append("进驻日期：").append(plan.entryDate())
        .append("　撤回日期：").append(plan.withdrawalDate())
        .append("　巡察组方案备案截止：").append(plan.planFilingDate()).append("\n\n");
    md.append("| 巡察组 | 组长 | 副组长 | 组员 | 被巡察党组织 | 村（社区） | 覆盖方式 |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Team team : plan.teams()) {
      for (InspectedUnit unit : plan.unitsOf(team)) {
        md.append("| ").append(escape(team.name()))
            .append(" | ").append(escape(team.leader()))
            .append(" | ").append(escape(String.join("、", team.deputies())))
            .append(" | ").append(team.members().size()).append(" 名")
            .append(" | ").append(escape(unit.name()))
            .append(" | ").append(unit.villages().size())
            .append(" | ").append(coverage(unit))
            .append(" |\n");
      }
    }
    md.append("\n函询部门：").append(escape(String.join("、", plan.departments()))).append("\n");
    return md.toString();
  }

  private static String coverage(InspectedUnit unit) {
    return switch (unit.coverage()) {
      case ALL -> "全部村";
      case PARTIAL -> "先巡 " + unit.initialVillages() + " 个，进驻后 7 日内再定 " + unit.mobileVillages() + " 个机动巡察";
    };
  }
}

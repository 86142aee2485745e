package cn.xuncha.security;

import static cn.xuncha.security.AccessMatrix.Role.COMMITTEE;
import static cn.xuncha.security.AccessMatrix.Role.DEPARTMENT;
import static cn.xuncha.security.AccessMatrix.Role.LEADING_GROUP;
import static cn.xuncha.security.AccessMatrix.Role.OFFICE;
import static cn.xuncha.security.AccessMatrix.Role.TEAM;
import static cn.xuncha.security.AccessMatrix.Role.UNIT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may see and change what (办法 25(三), 方案 四(六)): role × kind of data × action. This table is
 * the specification; {@link AccessMatrixTest} walks it across every API the application serves and
 * the README's security section shows it ({@link #markdown(boolean)}).
 */
final class AccessMatrix {

  /** The parties of procedure.md §1, each with the demo users that act for it. */
  enum Role {
    OFFICE("巡察办", "office", "office1"),
    LEADING_GROUP("领导小组", "leading group", "leader1"),
    COMMITTEE("县委", "county committee", "committee1"),
    TEAM("巡察组", "team", "team1-leader", "team2-leader"),
    UNIT("被巡察单位", "inspected unit", "unit1", "unit2"),
    DEPARTMENT("有关部门", "department", "dept-discipline1", "dept-finance1");

    final String chinese;
    final String english;
    final List<String> demoUsers;

    Role(String chinese, String english, String... demoUsers) {
      this.chinese = chinese;
      this.english = english;
      this.demoUsers = List.of(demoUsers);
    }
  }

  /** Kinds of data, seen from the party that asks. */
  enum Data {
    ROUND("本轮巡察流程（方案、培训、各组临时党支部、各部门函询回复）",
        "the round's instance (plan, training, each team's party branch, each department's inquiry reply)"),
    OWN_UNIT("本组所巡察单位（被巡察单位：本单位）的巡察流程", "the inspection of the team's own unit (for a unit: of itself)", TEAM, UNIT),
    OTHER_UNIT("其他组、其他单位的巡察流程", "another team's or unit's inspection"),
    CLUE_TO_ME("移交本部门（本单位）办理的线索", "a clue transferred to the party", UNIT, DEPARTMENT),
    CLUE_TO_OTHERS("移交其他单位或部门的线索", "a clue transferred to someone else"),
    TASK_TO_ME("发给本方的待办任务", "an open task addressed to the party"),
    TASK_TO_OTHERS("发给他方、不在本方流程中的待办任务", "an open task addressed to another party, outside the party's own instances"),
    CLUE_DECISIONS("线索去向的决策记录（决策历史）", "the decisions where clues go (decision history)"),
    INSTANCE_COUNTS("各流程的实例数", "instance counts per process definition"),
    COCKPIT("Cockpit 的内部查询（实例、事件、统计）", "Cockpit's internal queries (instances, incidents, statistics)"),
    OVERVIEW("巡察总览与台账", "overview and ledgers"),
    OWN_DOCUMENTS("本组所巡察单位（本单位）的巡察通知", "the notice of the team's own unit (for a unit: its own)", TEAM, UNIT),
    OTHER_DOCUMENTS("其他单位的巡察通知", "another unit's notice"),
    PROCESS_VERSIONS("流程各版本及其在办实例（流程版本与迁移页面、接口）", "process versions and their running instances (versions page and API)"),
    PLAN_SHEET("巡察工作方案的 Excel 模板和导入（页面、接口）", "the round plan's spreadsheet template and import (page and API)"),
    CLUE_ROUTING("问题线索移交规则（页面、接口；发布见 ClueRoutingPageTest）", "the clue-routing table (page and API; publishing: ClueRoutingPageTest)");

    final String chinese;
    final String english;
    /** The roles that have such data at all; the table shows “—” for the others. */
    final Set<Role> holders;

    Data(String chinese, String english, Role... holders) {
      this.chinese = chinese;
      this.english = english;
      this.holders = holders.length == 0 ? EnumSet.allOf(Role.class) : EnumSet.copyOf(List.of(holders));
    }
  }

  enum Action {
    READ("查看", "read"),
    READ_HISTORY("查看历史（变量、表单明细、活动、任务、身份链接、操作日志、事件）",
        "read history (variables, form details, activities, tasks, identity links, operation log, incidents)"),
    CHANGE_ROUTING("改写路由变量", "rewrite a routing variable"),
    READ_COMMENTS("读取意见、附件（列表、按 id、附件内容）", "read comments and attachments (lists, by id, content)"),
    DELETE_ATTACHMENT("删除附件", "delete an attachment"),
    MIGRATE("迁移到最新版本", "migrate to the newest version");

    final String chinese;
    final String english;

    Action(String chinese, String english) {
      this.chinese = chinese;
      this.english = english;
    }
  }

  /** One row: the roles allowed to take the action on the data; every other role is refused. */
  record Rule(Data data, Action action, Set<Role> allowed) {
  }

  private static final Set<Role> OVERSEERS = EnumSet.of(OFFICE, LEADING_GROUP, COMMITTEE);

  static final List<Rule> RULES = List.of(
      rule(Data.ROUND, Action.READ, OVERSEERS),
      rule(Data.ROUND, Action.READ_HISTORY, OVERSEERS),
      rule(Data.OWN_UNIT, Action.READ, EnumSet.of(TEAM)),
      rule(Data.OWN_UNIT, Action.READ_HISTORY, EnumSet.of(TEAM)),
      rule(Data.OTHER_UNIT, Action.READ, OVERSEERS),
      rule(Data.OTHER_UNIT, Action.READ_HISTORY, OVERSEERS),
      rule(Data.CLUE_TO_ME, Action.READ, EnumSet.of(UNIT, DEPARTMENT)),
      rule(Data.CLUE_TO_ME, Action.READ_HISTORY, EnumSet.of(UNIT, DEPARTMENT)),
      rule(Data.CLUE_TO_OTHERS, Action.READ, OVERSEERS),
      rule(Data.CLUE_TO_OTHERS, Action.READ_HISTORY, OVERSEERS),
      rule(Data.TASK_TO_ME, Action.READ, EnumSet.allOf(Role.class)),
      // A task's history comes with its instance, and every party's tasks run in instances granted to that party.
      rule(Data.TASK_TO_ME, Action.READ_HISTORY, EnumSet.allOf(Role.class)),
      rule(Data.TASK_TO_ME, Action.CHANGE_ROUTING, EnumSet.noneOf(Role.class)),
      // The REST API finds a task's comments and attachments through its history.
      rule(Data.TASK_TO_ME, Action.READ_COMMENTS, EnumSet.allOf(Role.class)),
      rule(Data.TASK_TO_OTHERS, Action.READ, OVERSEERS),
      rule(Data.TASK_TO_OTHERS, Action.READ_HISTORY, OVERSEERS),
      rule(Data.TASK_TO_OTHERS, Action.CHANGE_ROUTING, EnumSet.noneOf(Role.class)),
      rule(Data.TASK_TO_OTHERS, Action.READ_COMMENTS, OVERSEERS),
      rule(Data.TASK_TO_OTHERS, Action.DELETE_ATTACHMENT, EnumSet.noneOf(Role.class)),
      rule(Data.CLUE_DECISIONS, Action.READ_HISTORY, OVERSEERS),
      rule(Data.INSTANCE_COUNTS, Action.READ, OVERSEERS),
      rule(Data.COCKPIT, Action.READ, OVERSEERS),
      rule(Data.OVERVIEW, Action.READ, OVERSEERS),
      rule(Data.OWN_DOCUMENTS, Action.READ, EnumSet.of(TEAM, UNIT)),
      rule(Data.OTHER_DOCUMENTS, Action.READ, OVERSEERS),
      // A migration changes every running round: the office decides it (and administrators, who may do anything).
      rule(Data.PROCESS_VERSIONS, Action.READ, EnumSet.of(OFFICE)),
      rule(Data.PROCESS_VERSIONS, Action.MIGRATE, EnumSet.of(OFFICE)),
      // Teams and units go into a plan only while the office drafts it.
      rule(Data.PLAN_SHEET, Action.READ, EnumSet.of(OFFICE)),
      // Who receives clues is the office's rule, which the leading group oversees; only the office publishes it.
      rule(Data.CLUE_ROUTING, Action.READ, EnumSet.of(OFFICE, LEADING_GROUP)));

  private AccessMatrix() {
  }

  private static Rule rule(Data data, Action action, Set<Role> allowed) {
    return new Rule(data, action, Set.copyOf(allowed));
  }

  /** The table as Markdown, in Chinese or in English: a row per data and action, a column per role. */
  static String markdown(boolean chinese) {
    StringBuilder table = new StringBuilder("| ").append(chinese ? "数据" : "data").append(" | ")
        .append(chinese ? "操作" : "action").append(" | ")
        .append(Arrays.stream(Role.values()).map(role -> chinese ? role.chinese : role.english).collect(Collectors.joining(" | ")))
        .append(" |\n|---|---|").append("---|".repeat(Role.values().length)).append('\n');
    for (Rule rule : RULES) {
      table.append("| ").append(chinese ? rule.data().chinese : rule.data().english)
          .append(" | ").append(chinese ? rule.action().chinese : rule.action().english).append(" | ")
          .append(Arrays.stream(Role.values()).map(role -> !rule.data().holders.contains(role) ? "—" : rule.allowed().contains(role) ? "✓" : "✗").collect(Collectors.joining(" | ")))
          .append(" |\n");
    }
    return table.toString();
  }
}

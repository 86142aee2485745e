package cn.xuncha.round;

import static cn.xuncha.system.FormValues.date;
import static cn.xuncha.system.FormValues.integer;
import static cn.xuncha.system.FormValues.text;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.system.FormValues;
import cn.xuncha.system.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** Maps a round plan to the fields of {@code forms/round-plan.form} and back. */
final class RoundPlanForm {

  static final String NAME = "roundName";
  static final String TERM = "term";
  static final String ROUND_NO = "roundNo";
  static final String ROUND_KIND = "roundKind";
  static final String INSPECTION_KIND = "inspectionKind";
  static final String FOLLOW_UP_ROUND = "followUpRound";
  static final String FOLLOW_UP_UNIT = "followUpUnit";
  static final String ENTRY_DATE = "entryDate";
  static final String WITHDRAWAL_DATE = "withdrawalDate";
  static final String PLAN_FILING_DATE = "planFilingDate";
  static final String TEAMS = "teams";
  static final String UNITS = "units";
  static final String DEPARTMENTS = "departments";
  static final List<String> FIELDS =
      List.of(NAME, TERM, ROUND_NO, ROUND_KIND, ENTRY_DATE, WITHDRAWAL_DATE, PLAN_FILING_DATE, TEAMS, UNITS, DEPARTMENTS);

  private RoundPlanForm() {
  }

  static Map<String, TypedValue> toVariables(RoundPlan plan) {
    Map<String, TypedValue> variables = new LinkedHashMap<>();
    variables.put(NAME, FormValues.string(plan.name()));
    variables.put(TERM, FormValues.string(plan.term()));
    variables.put(ROUND_NO, org.camunda.bpm.engine.variable.Variables.integerValue(plan.roundNo()));
    variables.put(ROUND_KIND, FormValues.string(plan.kind().name()));
    variables.put(ENTRY_DATE, FormValues.string(plan.entryDate()));
    variables.put(WITHDRAWAL_DATE, FormValues.string(plan.withdrawalDate()));
    variables.put(PLAN_FILING_DATE, FormValues.string(plan.planFilingDate()));
    variables.put(TEAMS, FormValues.json(plan.teams().stream().map(RoundPlanForm::teamFields).toList()));
    variables.put(UNITS, FormValues.json(plan.units().stream().map(RoundPlanForm::unitFields).toList()));
    variables.put(DEPARTMENTS, FormValues.json(plan.departments()));
    return variables;
  }

  /**
   * Reads the submitted plan; values that cannot be read at all (a word where a number belongs)
   * are refused here, the rules of a complete plan are {@link RoundPlanValidator}'s.
   */
  static RoundPlan fromVariables(Function<String, Object> variables) {
    List<String> problems = new ArrayList<>();
    Integer roundNo = integer(FormValues.tree(variables.apply(ROUND_NO), "轮次"), "轮次", problems);
    RoundKind kind = kind(FormValues.tree(variables.apply(ROUND_KIND), "巡察类型"), "巡察类型", problems);
    LocalDate entry = date(FormValues.tree(variables.apply(ENTRY_DATE), "进驻日期"), "进驻日期", problems);
    LocalDate withdrawal = date(FormValues.tree(variables.apply(WITHDRAWAL_DATE), "撤回日期"), "撤回日期", problems);
    LocalDate filing = date(FormValues.tree(variables.apply(PLAN_FILING_DATE), "巡察组方案备案截止日期"), "巡察组方案备案截止日期", problems);
    List<Team> teams = FormValues.stream(list(variables.apply(TEAMS), "巡察组"))
        .map(node -> team(node, problems)).toList();
    List<InspectedUnit> units = FormValues.stream(list(variables.apply(UNITS), "被巡察党组织"))
        .map(node -> unit(node, problems)).toList();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new RoundPlan(
        text(FormValues.tree(variables.apply(NAME), "轮次名称")),
        text(FormValues.tree(variables.apply(TERM), "届次")),
        roundNo, entry, withdrawal, filing, teams, units,
        FormValues.lines(FormValues.tree(variables.apply(DEPARTMENTS), "函询部门")),
        kind);
  }

  /** A {@link RoundKind} by name; none given is null (the round's kind, or 常规 for the round). */
  private static RoundKind kind(JsonNode node, String field, List<String> problems) {
    String name = text(node);
    if (name == null) {
      return null;
    }
    return RoundKind.of(name).orElseGet(() -> {
      problems.add(field + "：只能是" + String.join("、", Arrays.stream(RoundKind.values()).map(k -> "“" + k.label() + "”").toList()));
      return null;
    });
  }

  private static JsonNode list(Object value, String field) {
    JsonNode node = FormValues.tree(value, field);
    if (node.isNull()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }
    if (!node.isArray()) {
      throw new InvalidInputException(field + "：数据格式不正确，应为列表");
    }
    return node;
  }

  /** A team's row: people as accounts (the form's select and tag lists offer pool people by name), exceptions one per line. */
  static Map<String, Object> teamFields(Team team) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("teamNo", team.teamNo());
    fields.put("name", team.name());
    fields.put("leader", team.leader());
    fields.put("deputies", team.deputies());
    fields.put("members", team.members());
    fields.put("liaison", team.liaison());
    fields.put("exemptions", FormValues.joinLines(team.exemptions().stream()
        .map(e -> String.join("，", e.person(), e.unit(), e.reason())).toList()));
    return fields;
  }

  private static Team team(JsonNode node, List<String> problems) {
    Integer teamNo = integer(node.path("teamNo"), "巡察组组号", problems);
    return new Team(
        teamNo,
        text(node.path("name")),
        text(node.path("leader")),
        FormValues.names(node.path("deputies")),
        FormValues.names(node.path("members")),
        text(node.path("liaison")),
        exemptions(text(node.path("exemptions")), (text(node.path("name")) == null ? "巡察组" : text(node.path("name"))) + "：回避例外", problems));
  }

  /**
   * 回避 exceptions from lines {@code 人员，单位，理由} (人员: account or name in the pool); a line
   * without all three is a problem naming its number.
   */
  static List<RoundPlan.Exemption> exemptions(String lines, String field, List<String> problems) {
    List<RoundPlan.Exemption> exemptions = new ArrayList<>();
    if (lines == null) {
      return exemptions;
    }
    List<String> rows = lines.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    for (int i = 0; i < rows.size(); i++) {
      String[] parts = rows.get(i).split("[，,]", 3);
      if (parts.length < 3 || Arrays.stream(parts).anyMatch(part -> part.isBlank())) {
        problems.add(field + "第 " + (i + 1) + " 行：请按“人员，单位，理由”填写");
      } else {
        exemptions.add(new RoundPlan.Exemption(parts[0].strip(), parts[1].strip(), parts[2].strip()));
      }
    }
    return exemptions;
  }

  static Map<String, Object> unitFields(InspectedUnit unit) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", unit.name());
    fields.put("kind", unit.kind() == null ? null : unit.kind().name());
    // the form picks the team from teamOptions, whose values are text
    fields.put("teamNo", unit.teamNo() == null ? null : unit.teamNo().toString());
    fields.put("groupId", unit.groupId());
    fields.put("villages", FormValues.joinLines(unit.villages()));
    fields.put("coverage", unit.coverage() == null ? null : unit.coverage().name());
    fields.put("namedVillages", FormValues.joinLines(unit.namedVillages()));
    fields.put("initialVillages", unit.initialVillages());
    fields.put("mobileVillages", unit.mobileVillages());
    fields.put(ENTRY_DATE, unit.entryDate() == null ? null : unit.entryDate().toString());
    fields.put(WITHDRAWAL_DATE, unit.withdrawalDate() == null ? null : unit.withdrawalDate().toString());
    fields.put(INSPECTION_KIND, unit.inspectionKind() == null ? null : unit.inspectionKind().name());
    fields.put(FOLLOW_UP_ROUND, unit.followUp() == null ? null : unit.followUp().round());
    fields.put(FOLLOW_UP_UNIT, unit.followUp() == null ? null : unit.followUp().unit());
    return fields;
  }

  /**
   * One unit row. The form hides the village fields of a kind without villages, so such a row comes
   * without a coverage: it covers {@link Coverage#NONE}. The named villages and the counts are read
   * only for the coverage that uses them. Dates and a kind of inspection left empty are the round's.
   */
  private static InspectedUnit unit(JsonNode node, List<String> problems) {
    String label = text(node.path("name")) == null ? "被巡察党组织" : text(node.path("name"));
    UnitKind kind = null;
    String kindText = text(node.path("kind"));
    if (kindText != null) {
      kind = UnitKind.of(kindText).orElse(null);
      if (kind == null) {
        problems.add(label + "：单位类别只能是" + String.join("、", Arrays.stream(UnitKind.values()).map(k -> "“" + k.label() + "”").toList()));
      }
    }
    Coverage coverage = null;
    String coverageText = text(node.path("coverage"));
    if (coverageText != null) {
      try {
        coverage = Coverage.valueOf(coverageText);
      } catch (IllegalArgumentException e) {
        problems.add(label + "：覆盖方式只能是" + String.join("、", Arrays.stream(Coverage.values()).map(c -> "“" + c.label() + "”").toList()));
      }
    } else if (kind != null && !kind.hasVillages()) {
      coverage = Coverage.NONE;
    }
    boolean partial = coverage == Coverage.PARTIAL;
    return new InspectedUnit(
        text(node.path("name")),
        kind,
        integer(node.path("teamNo"), label + "：负责巡察组", problems),
        text(node.path("groupId")),
        FormValues.lines(node.path("villages")),
        coverage,
        coverage == Coverage.NAMED ? FormValues.lines(node.path("namedVillages")) : List.of(),
        partial ? integer(node.path("initialVillages"), label + "：先行巡察村数", problems) : null,
        partial ? integer(node.path("mobileVillages"), label + "：机动巡察村数", problems) : null,
        date(node.path(ENTRY_DATE), label + "：进驻日期", problems),
        date(node.path(WITHDRAWAL_DATE), label + "：撤回日期", problems),
        kind(node.path(INSPECTION_KIND), label + "：巡察类型", problems),
        RoundPlan.FollowUp.of(text(node.path(FOLLOW_UP_ROUND)), text(node.path(FOLLOW_UP_UNIT))));
  }
}

package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.system.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link RoundPlanForm} reads a unit row as the plan form (or a REST client) submits it. */
class RoundPlanFormTest {

  @Test
  void aDepartmentRowWithoutVillageFieldsCoversNone() {
    InspectedUnit unit = read(Map.of("name", "县统计局党组", "kind", "DEPARTMENT", "teamNo", "2", "groupId", "unit2"));

    assertThat(unit.kind()).isEqualTo(UnitKind.DEPARTMENT);
    assertThat(unit.teamNo()).isEqualTo(2);
    assertThat(unit.coverage()).isEqualTo(Coverage.NONE);
    assertThat(unit.villages()).isEmpty();
  }

  @Test
  void namedVillagesAreReadOnlyForTheNamedCoverage() {
    Map<String, Object> row = new HashMap<>(Map.of("name", "辛集乡党委", "kind", "TOWNSHIP", "teamNo", 1, "groupId", "unit3",
        "villages", "东1村\n东2村\n东3村", "namedVillages", "东1村\n东3村", "coverage", "NAMED"));
    assertThat(read(row).namedVillages()).containsExactly("东1村", "东3村");

    row.put("coverage", "ALL");
    assertThat(read(row).namedVillages()).isEmpty();
  }

  @Test
  void aKindOrCoverageTheFormDoesNotOfferIsRefusedInChinese() {
    assertThatThrownBy(() -> read(Map.of("name", "某单位", "kind", "COMPANY", "teamNo", 1, "groupId", "unit1", "coverage", "SOME")))
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems()).containsExactly(
            "某单位：单位类别只能是“乡镇（街道）党委”、“县直部门（单位）党组（党组织）”、“事业单位党组织”、“国有企业党组织”、“村（社区）党组织”",
            "某单位：覆盖方式只能是“全部村（社区）”、“巡察方案点名的村（社区）”、“先巡部分村，进驻后再定机动巡察村”、“不巡察村（社区）”"));
  }

  @Test
  void aUnitsOwnStayAndKindAreReadAndEmptyMeansTheRounds() {
    InspectedUnit own = read(Map.of("name", "县统计局党组", "kind", "DEPARTMENT", "teamNo", 2, "groupId", "unit2",
        "entryDate", "2022-05-05", "withdrawalDate", "2022-05-20", "inspectionKind", "FOLLOW_UP"));
    assertThat(own.entryDate()).isEqualTo("2022-05-05");
    assertThat(own.withdrawalDate()).isEqualTo("2022-05-20");
    assertThat(own.inspectionKind()).isEqualTo(RoundKind.FOLLOW_UP);

    InspectedUnit rounds = read(Map.of("name", "县统计局党组", "kind", "DEPARTMENT", "teamNo", 2, "groupId", "unit2",
        "entryDate", "", "inspectionKind", ""));
    assertThat(rounds.entryDate()).isNull();
    assertThat(rounds.inspectionKind()).isNull();
    assertThat(RoundPlanForm.fromVariables(Map.<String, Object>of()::get).kind()).as("a plan without a kind is 常规").isEqualTo(RoundKind.REGULAR);
  }

  @Test
  void aKindOfInspectionOrDateTheFormDoesNotOfferIsRefusedInChinese() {
    assertThatThrownBy(() -> RoundPlanForm.fromVariables(Map.<String, Object>of(RoundPlanForm.ROUND_KIND, "SPOT",
        RoundPlanForm.UNITS, List.of(Map.of("name", "某单位", "kind", "DEPARTMENT", "teamNo", 1, "groupId", "unit1",
            "inspectionKind", "回头", "entryDate", "五月")))::get))
        .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.problems()).containsExactly(
            "巡察类型：只能是“常规”、“专项”、“机动”、“提级”、“交叉”、“回头看”",
            "某单位：进驻日期：日期格式应为 年-月-日，例如 2022-04-21",
            "某单位：巡察类型：只能是“常规”、“专项”、“机动”、“提级”、“交叉”、“回头看”"));
  }

  /** The kinds of inspection the form offers, round and unit alike, are exactly {@link RoundKind}'s, labelled alike. */
  @Test
  void theFormOffersEveryKindOfInspection() throws Exception {
    var form = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Path.of("forms/round-plan.form").toFile());
    List<String> expected = java.util.Arrays.stream(RoundKind.values()).map(kind -> kind.label() + "=" + kind.name()).toList();
    for (String key : List.of(RoundPlanForm.ROUND_KIND, RoundPlanForm.INSPECTION_KIND)) {
      var field = form.findParents("key").stream().filter(node -> node.path("key").asText().equals(key)).findFirst().orElseThrow();
      assertThat(cn.xuncha.system.FormValues.stream(field.path("values"))
          .map(option -> option.path("label").asText() + "=" + option.path("value").asText()).toList()).as(key)
          .containsExactlyElementsOf(expected);
    }
  }

  private static InspectedUnit read(Map<String, Object> row) {
    Map<String, Object> variables = Map.of(RoundPlanForm.UNITS, List.of(row));
    return RoundPlanForm.fromVariables(variables::get).units().get(0);
  }
}

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

  private static InspectedUnit read(Map<String, Object> row) {
    Map<String, Object> variables = Map.of(RoundPlanForm.UNITS, List.of(row));
    return RoundPlanForm.fromVariables(variables::get).units().get(0);
  }
}

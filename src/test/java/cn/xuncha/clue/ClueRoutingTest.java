package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of {@code processes/clue-routing.dmn}: who receives a clue of each kind (办法 第十九条). */
@XunchaSpringTest
class ClueRoutingTest {

  @Autowired
  DecisionService decisions;

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
      "work,         dept-audit, unit3",
      "discipline,   dept-audit, dept-discipline",
      "organisation, dept-audit, dept-organization",
      "other,        dept-audit, dept-audit",
      "other,        dept-finance, dept-finance"})
  void routesEachKindOfClueToItsReceiver(String kind, String namedDepartment, String receiver) {
    var result = decisions.evaluateDecisionByKey("clue-routing").variables(Variables.createVariables()
        .putValue("clueKind", kind).putValue("namedDepartment", namedDepartment).putValue("unitGroup", "unit3")).evaluate();

    assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(receiver);
  }
}

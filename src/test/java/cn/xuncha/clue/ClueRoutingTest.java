package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of {@code processes/clue-routing.dmn}: who receives a clue of each kind (办法 第十九条),
 * evaluated by Camunda's standalone DMN engine, without the application.
 */
class ClueRoutingTest {

  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private static DmnDecision routing;

  @BeforeAll
  static void parse() throws IOException {
    try (InputStream model = Files.newInputStream(Path.of("processes/clue-routing.dmn"))) {
      routing = DMN.parseDecision("clue-routing", model);
    }
  }

  @ParameterizedTest(name = "{0} → {2}")
  @CsvSource({
      "work,         dept-audit, unit3",
      "discipline,   dept-audit, dept-discipline",
      "organisation, dept-audit, dept-organization",
      "other,        dept-audit, dept-audit",
      "other,        dept-finance, dept-finance"})
  void routesEachKindOfClueToItsReceiver(String kind, String namedDepartment, String receiver) {
    var result = DMN.evaluateDecisionTable(routing, Variables.createVariables()
        .putValue("clueKind", kind).putValue("namedDepartment", namedDepartment).putValue("unitGroup", "unit3"));

    assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(receiver);
  }
}

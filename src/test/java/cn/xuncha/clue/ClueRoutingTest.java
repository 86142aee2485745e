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
import org.junit.jupiter.api.Test;
import org.camunda.bpm.model.dmn.Dmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of {@code processes/clue-routing.dmn}: who receives a clue of each kind (办法 第十九条),
 * evaluated by Camunda's standalone DMN engine, without the application.
 */
class ClueRoutingTest {

  /** The reply periods of processes/deadlines.yaml: the deadlines counted from the transfer. */
  private static final java.util.Set<String> PERIODS = java.util.Set.of("D6");
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

    assertThat(result.collectEntries("receiver")).containsExactly(receiver);
  }

  @Test
  void theDeployedTableIsExactlyTheClueRoutingTable() throws IOException {
    assertThat(ClueRoutingTable.problems(Dmn.readModelFromFile(Path.of("processes/clue-routing.dmn").toFile()), PERIODS)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an expression as output | <text>\"dept-discipline\"</text> | <text>${execution.getProcessEngineServices()}</text> | 规则的接收单位必须是",
      "a FEEL computation as output | <text>\"dept-organization\"</text> | <text>unitGroup + \"x\"</text> | 规则的接收单位必须是",
      "a range as input | <text>\"work\"</text> | <text>not(\"work\")</text> | 规则的输入必须是",
      "another decision key | id=\"clue-routing\" | id=\"other-routing\" | 只能包含一个标识为 clue-routing 的决策",
      "a third output | <output id=\"Output_Receiver\" | <output id=\"Output_Script\" name=\"script\" typeRef=\"string\" /><output id=\"Output_Receiver\" | 输出必须依次是",
      "a reply period that is not one | <text>\"D6\"</text> | <text>\"D2\"</text> | 规则的答复期限必须是",
      "a unique hit policy | hitPolicy=\"COLLECT\" | hitPolicy=\"UNIQUE\" | 命中策略必须是 COLLECT",
      "a kind without a rule | <text>\"organisation\"</text> | <text>\"discipline\"</text> | 每个问题类别至少要有一条规则"})
  void aTableOfAnyOtherShapeIsRefused(String change, String from, String to, String problem) throws IOException {
    String original = Files.readString(Path.of("processes/clue-routing.dmn"));
    String changed = original.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    assertThat(changed).as(change).isNotEqualTo(original);

    var model = Dmn.readModelFromStream(new java.io.ByteArrayInputStream(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(ClueRoutingTable.problems(model, PERIODS)).as(change).anyMatch(message -> message.contains(problem));
  }

  @Test
  void aReceiverNamedTwiceForOneKindIsRefused() throws IOException {
    String original = Files.readString(Path.of("processes/clue-routing.dmn"));
    String rule = original.substring(original.indexOf("<rule id=\"Rule_Discipline\">"), original.indexOf("</rule>", original.indexOf("Rule_Discipline")) + 7);
    String twice = original.replace(rule, rule + rule.replace("Discipline", "Discipline2"));

    var model = Dmn.readModelFromStream(new java.io.ByteArrayInputStream(twice.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(ClueRoutingTable.problems(model, PERIODS)).containsExactly("同一问题类别的接收单位“\"dept-discipline\"”重复");
  }
}

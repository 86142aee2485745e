package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The round's spine (inspection-round): step 1, the approval stored, steps 2 and 3 in parallel, then
 * one unit-inspection per unit with the round's dates and the unit's team mapped in. What happens
 * inside each step is tested by that step's own test class.
 */
@XunchaSpringTest
class InspectionRoundTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  RoundUnits units;
  ProcedureSteps steps;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
  }

  @Test
  void approvalIsStoredThenStepsTwoAndThreeRunInParallelThenEveryUnitIsInspected() {
    ProcessInstance round = steps.approvedRound();
    String key = round.getBusinessKey();

    assertThat(key).startsWith("round-");
    assertThat(round).hasPassedInOrder("StartEvent_RoundStarted", "CallActivity_Deployment", "Task_StoreApprovedPlan")
        .isWaitingAt("CallActivity_Training", "CallActivity_Inquiry");
    assertThat(calledProcesses(round)).containsExactlyInAnyOrder("step-02-training", "step-03-inquiry");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId()).list())
        .extracting(ProcessInstance::getBusinessKey).containsOnly(key);
    assertThat(rounds.find(key)).get().satisfies(stored -> {
      assertThat(stored.status()).isEqualTo(RoundStatus.APPROVED);
      assertThat(stored.approvedAt()).isNotNull();
    });
    assertThat(engine.getRuntimeService().getVariables(round.getId())).containsExactlyInAnyOrderEntriesOf(Map.of(
        RoundVariables.PRESET, RoundStartedListener.SAMPLE, RoundVariables.ROUND_KEY, key,
        RoundVariables.ENTRY_DATE, "2022-04-21", RoundVariables.WITHDRAWAL_DATE, "2022-06-10",
        RoundVariables.PLAN_FILING_DATE, "2022-04-22"));

    steps.prepare(round);

    assertThat(round).hasPassed("CallActivity_Training", "CallActivity_Inquiry", "Gateway_PreparationJoin")
        .isWaitingAt("CallActivity_InspectUnits");
    assertThat(calledProcesses(round)).hasSize(7).containsOnly("unit-inspection");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId()).list())
        .extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrderElementsOf(units.unitGroups(key).stream().map(group -> key + "/" + group).toList());
    ProcessInstance zhaocun = steps.unit(round, "unit1");
    assertThat(zhaocun.getBusinessKey()).isEqualTo(key + "/unit1");
    assertThat(engine.getRuntimeService().getVariables(zhaocun.getId())).containsAllEntriesOf(Map.of(
        "roundKey", key, "unitGroup", "unit1", "teamGroup", steps.teamGroup(round, 1), "coverage", "PARTIAL",
        "entryDate", "2022-04-21", "withdrawalDate", "2022-06-10", "planFilingDate", "2022-04-22",
        "unitId", units.unitIdOf(key, "unit1")));
    assertThat(engine.getRuntimeService().getVariable(steps.unit(round, "unit2").getId(), "coverage")).isEqualTo("ALL");
    assertThat(zhaocun).isWaitingAt("CallActivity_TeamAnalysis");
  }

  @Test
  void startFormRefusesAnUnknownPreset() {
    String definition = spineDefinition();
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, Map.of(RoundVariables.PRESET, "2019")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("方案来源");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aRoundCannotTakeAnotherRoundsKeyOrAUnitLikeKey() {
    String definition = spineDefinition();
    String existing = engine.getFormService().submitStartForm(definition, Map.of(RoundVariables.PRESET, "blank")).getBusinessKey();
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, existing, Map.of(RoundVariables.PRESET, "blank")))
        .isInstanceOf(InvalidInputException.class).hasMessage("业务标识：“" + existing + "”已被其他轮次使用，请换一个或不填（由系统生成）");
    assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, existing + "/unit1", Map.of(RoundVariables.PRESET, "blank")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("只能由字母、数字和中间的连字符组成");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    assertThat(engine.getFormService().submitStartForm(definition, "round-2027-1", Map.of(RoundVariables.PRESET, "blank")).getBusinessKey())
        .as("a fresh key of the office's choosing").isEqualTo("round-2027-1");
  }

  @Test
  void startFormIsDeployedAndResolvedByFormRef() throws Exception {
    String definition = spineDefinition();
    String deploymentId = engine.getRepositoryService().getProcessDefinition(definition).getDeploymentId();

    assertThat(engine.getRepositoryService().getDeploymentResourceNames(deploymentId))
        .anySatisfy(name -> assertThat(name).endsWith("round-start.form"));
    try (InputStream form = engine.getFormService().getDeployedStartForm(definition)) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"round-start\"");
    }
  }

  private String spineDefinition() {
    return engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("inspection-round").latestVersion().singleResult().getId();
  }

  /** The keys of the processes the round calls now. */
  private List<String> calledProcesses(ProcessInstance round) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId()).list().stream()
        .map(called -> engine.getRepositoryService().getProcessDefinition(called.getProcessDefinitionId()).getKey())
        .toList();
  }
}

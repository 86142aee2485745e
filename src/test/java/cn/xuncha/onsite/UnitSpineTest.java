package cn.xuncha.onsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.StepFixture;
import cn.xuncha.round.TeamGroups;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The unit's spine (unit-inspection) from its start to the report: it calls steps 3, 4 and 5 one
 * after the other, each in its own instance under the unit's business key, then waits for the entry
 * date, when it calls step 6; when the stay ends it withdraws the team (撤回) and calls step 7.
 */
@XunchaSpringTest
class UnitSpineTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  RoundUnits units;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TeamGroups teamGroups;

  @Test
  void spineCallsTheStepsBeforeEntryInTurnStartsTheStayOnTheEntryDateAndWithdrawsWhenItEnds() {
    StepFixture fixture = new StepFixture(engine, rounds, units, teamGroups);
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    String roundKey = fixture.sampleRound();
    Map<String, Object> variables = new HashMap<>(fixture.unitVariables(roundKey, "unit1", Map.of()));
    assertThat(variables.keySet()).as("what the round's call activity maps into each unit's spine")
        .isEqualTo(targetsOf("inspection-round", "CallActivity_InspectUnits"));
    ProcessInstance spine = engine.getRuntimeService().startProcessInstanceByKey("unit-inspection", roundKey + "/unit1", variables);

    assertThat(spine).isWaitingAt("CallActivity_TeamAnalysis");
    steps.announced(spine, 1, "unit1");

    assertThat(spine).hasPassedInOrder("CallActivity_TeamAnalysis", "CallActivity_TeamPlan", "CallActivity_Announcement")
        .isWaitingAt("Timer_EntryDate");
    assertThat(calledSteps(spine)).containsOnlyKeys("step-03-team-analysis", "step-04-team-plan", "step-05-announcement")
        .allSatisfy((step, instance) -> assertThat(instance.getEndTime()).as(step + " ended").isNotNull());

    ProcedureSteps.at("2022-04-20T23:59");
    assertThat(steps.fireDueTimers(spine)).isZero();
    assertThat(spine).isWaitingAt("Timer_EntryDate");
    ProcedureSteps.at("2022-04-21T00:00");
    assertThat(steps.fireDueTimers(spine)).isOne();

    assertThat(spine).isWaitingAt("CallActivity_OnSite");
    ProcessInstance onSite = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(spine.getId()).singleResult();
    assertThat(onSite.getProcessDefinitionKey()).isEqualTo("step-06-on-site");
    assertThat(onSite.getBusinessKey()).isEqualTo(roundKey + "/unit1");
    assertThat(new ProcedureSteps(engine).readers(onSite)).containsExactlyInAnyOrder(fixture.teamGroup(roundKey, 1));
    assertThat(onSite).isWaitingAt("Task_RecordEntryMeeting").task().hasCandidateGroup(fixture.teamGroup(roundKey, 1));

    steps.recordEntryMeeting(spine, 1);
    ProcedureSteps.at("2022-04-25T10:00");
    steps.inspect(spine, 1);
    ProcedureSteps.at("2022-06-11T00:00");
    steps.fireDueTimers(spine);
    assertThat(onSite).isEnded();
    assertThat(spine).hasPassedInOrder("CallActivity_OnSite", "Task_Withdraw").isWaitingAt("CallActivity_Report");
    assertThat(jdbc.sql("select withdrawn_at from xc_unit where id = ?").param(units.unitIdOf(roundKey, "unit1"))
        .query(java.sql.Timestamp.class).single()).isNotNull();
  }

  /** The instances the spine called directly, by process definition key. */
  private Map<String, HistoricProcessInstance> calledSteps(ProcessInstance spine) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(spine.getId()).list().stream()
        .collect(Collectors.toMap(HistoricProcessInstance::getProcessDefinitionKey, instance -> instance));
  }

  private Set<String> targetsOf(String processKey, String callActivityId) {
    var definition = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    CallActivity call = engine.getRepositoryService().getBpmnModelInstance(definition.getId()).getModelElementById(callActivityId);
    return call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
        .map(CamundaIn::getCamundaTarget).filter(Objects::nonNull).collect(Collectors.toSet());
  }
}

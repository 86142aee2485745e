package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The procedure's own processes keep each team's, unit's and department's share apart (办法 25(三), 方案 四(六)). */
@XunchaSpringTest
class ProcedureSecrecyTest {

  @Autowired
  ProcessEngine engine;

  @Test
  void teamsUnitsAndDepartmentsSeeOnlyTheirShareOfTheRound() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit1 = steps.startUnit(round, 1);
    ProcessInstance unit2 = steps.startUnit(round, 2);
    steps.analyseForTeam(unit1, 1);
    steps.draftTeamPlan(unit1, 1, Map.of());
    steps.fileTeamPlan(unit1, "approve", null);
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(unit1, Map.of());

    steps.plan().as("team2-leader", () -> {
      assertThat(visibleKeys()).contains(unit2.getBusinessKey()).doesNotContain(unit1.getBusinessKey());
      assertThat(instances()).doesNotContain(unit1.getId(), round.getId());
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(unit2.getBusinessKey()).count()).isPositive();
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(unit1.getBusinessKey()).count()).isZero();
      assertThatThrownBy(() -> engine.getRuntimeService().getVariable(unit1.getId(), "teamGroup"))
          .isInstanceOf(AuthorizationException.class);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(unit1.getBusinessKey()).count()).isZero();
      return null;
    });
    steps.plan().as("team1-member1", () -> {
      assertThat(visibleKeys()).contains(unit1.getBusinessKey()).doesNotContain(unit2.getBusinessKey());
      assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(unit1.getId()).count()).isPositive();
      return null;
    });
    steps.plan().as("unit1", () -> {
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "%")
          .listPage(0, 2000)).extracting(Task::getTaskDefinitionKey)
          .containsExactly("Task_AcknowledgeNotice");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "%")
          .listPage(0, 2000))
          .as("only its own acknowledgement, in an instance of its own")
          .singleElement().satisfies(own -> {
            assertThat(own.getProcessDefinitionId()).startsWith("step-05-notice-ack:");
            assertThat(own.getBusinessKey()).isEqualTo(unit1.getBusinessKey());
          });
      return null;
    });
    steps.plan().as("dept-finance1", () -> {
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "%")
          .listPage(0, 2000)).extracting(Task::getTaskDefinitionKey)
          .containsExactly("Task_AnswerInquiry");
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "%")
          .listPage(0, 2000))
          .as("only its own inquiry letter")
          .singleElement().satisfies(own -> assertThat(own.getProcessDefinitionId()).startsWith("step-03-inquiry-reply:"));
      return null;
    });
    steps.plan().as("office1", () -> {
      assertThat(instances()).contains(round.getId(), unit1.getId(), unit2.getId());
      return null;
    });
    steps.plan().as("leader1", () -> {
      assertThat(instances()).contains(round.getId(), unit1.getId(), unit2.getId());
      return null;
    });
  }

  private List<String> instances() {
    return engine.getRuntimeService().createProcessInstanceQuery().listPage(0, 2000).stream().map(ProcessInstance::getId).toList();
  }

  private List<String> visibleKeys() {
    return engine.getRuntimeService().createProcessInstanceQuery().listPage(0, 2000).stream().map(ProcessInstance::getBusinessKey).toList();
  }
}

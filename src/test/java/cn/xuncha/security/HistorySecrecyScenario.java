package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A party that held one task of an instance reads nothing of the instance's history: the unit that
 * signed its notice does not read the team's 重点人、重点事、重点问题, a department that answered its
 * letter does not read the other departments' replies (办法 25(三)); the team reads its own unit's
 * history and the office everything. Nobody but the overseers sees instance counts. Run on H2
 * ({@link HistorySecrecyTest}) and on PostgreSQL ({@link HistorySecrecyPostgresIT}).
 */
final class HistorySecrecyScenario {

  private HistorySecrecyScenario() {
  }

  static void runAndCheck(ProcessEngine engine) {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    ProcessInstance unit = steps.unit(round, "unit1");
    steps.announced(unit, 1, "unit1");
    HistoryService history = engine.getHistoryService();

    steps.plan().as("unit1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId()).listPage(0, 2000))).isEmpty();
      assertThat(history.createHistoricDetailQuery().processInstanceId(unit.getId()).count()).isZero();
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(unit.getId()).count()).isZero();
      assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(unit.getId()).count()).isZero();
      assertThat(history.createUserOperationLogQuery().processInstanceId(unit.getId()).count()).isZero();
      assertThatThrownBy(() -> engine.getRuntimeService().getVariables(unit.getId())).isInstanceOf(AuthorizationException.class);
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("dept-finance1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(round.getId()).listPage(0, 2000))).isEmpty();
      assertThat(history.createHistoricDetailQuery().processInstanceId(round.getId()).count()).isZero();
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(round.getId()).count()).isZero();
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("team1-leader", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId()).listPage(0, 2000)))
          .contains("村党支部书记", "三资管理不规范");
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(round.getId()).listPage(0, 2000))).isEmpty();
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("office1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(round.getId()).listPage(0, 2000)))
          .contains("dept-discipline：未发现需要通报的问题线索", "dept-finance：未发现需要通报的问题线索");
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceId(unit.getId()).listPage(0, 2000))).contains("村党支部书记");
      assertThat(countedInstances(engine)).isPositive();
      return null;
    });
  }

  private static List<Object> values(List<HistoricVariableInstance> variables) {
    return variables.stream().map(HistoricVariableInstance::getValue).toList();
  }

  private static int countedInstances(ProcessEngine engine) {
    return engine.getManagementService().createProcessDefinitionStatisticsQuery().listPage(0, 2000).stream()
        .mapToInt(ProcessDefinitionStatistics::getInstances).sum();
  }
}

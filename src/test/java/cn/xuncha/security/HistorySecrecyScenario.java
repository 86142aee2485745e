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
 * signed its notice reads nothing of the team's work, a department that answered its letter nothing
 * of the other departments' instances (办法 25(三)); the team reads its own unit's history and the
 * office everything. (What they entered — the team's 重点人、重点事、重点问题, the replies — is not in
 * the engine's history at all but in the application's records: submitted values are transient.) Nobody but the overseers sees instance counts. Run on H2
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

    String[] teamWork = instances(history, unit.getBusinessKey(), key -> !key.equals("step-05-notice-ack"));
    String[] acknowledgement = instances(history, unit.getBusinessKey(), key -> key.equals("step-05-notice-ack"));
    String[] roundWork = instances(history, round.getBusinessKey(), key -> !key.equals("step-03-inquiry-reply") && !key.equals("step-02-party-branch"));
    String[] allRound = instances(history, round.getBusinessKey(), key -> true);

    steps.plan().as("unit1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(teamWork).listPage(0, 2000))).isEmpty();
      for (String instance : teamWork) {
        assertThat(history.createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(history.createUserOperationLogQuery().processInstanceId(instance).count()).isZero();
      }
      assertThatThrownBy(() -> engine.getRuntimeService().getVariables(unit.getId())).isInstanceOf(AuthorizationException.class);
      assertThat(acknowledgement).hasSize(1);
      assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(acknowledgement[0]).count())
          .as("its own acknowledgement runs in an instance of its own, whose history it keeps").isOne();
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("dept-finance1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(allRound).listPage(0, 2000)))
          .doesNotContain("dept-discipline").contains("dept-finance");
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(roundWork).listPage(0, 2000))).isEmpty();
      for (String instance : roundWork) {
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
      }
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("team1-leader", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(teamWork).listPage(0, 2000)))
          .contains("赵村镇党委", "unit1");
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(roundWork).listPage(0, 2000))).isEmpty();
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(allRound).listPage(0, 2000)))
          .doesNotContain("dept-finance");
      assertThat(countedInstances(engine)).isZero();
      return null;
    });
    steps.plan().as("office1", () -> {
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(allRound).listPage(0, 2000)))
          .contains("dept-discipline", "dept-finance");
      assertThat(values(history.createHistoricVariableInstanceQuery().processInstanceIdIn(teamWork).listPage(0, 2000))).contains("赵村镇党委");
      assertThat(countedInstances(engine)).isPositive();
      return null;
    });
  }

  /** The ids of every instance (spine and steps) with this business key whose process key passes the filter. */
  private static String[] instances(HistoryService history, String businessKey, java.util.function.Predicate<String> processKey) {
    return history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(businessKey).list().stream()
        .filter(instance -> processKey.test(instance.getProcessDefinitionKey())).map(instance -> instance.getId()).toArray(String[]::new);
  }

  private static List<Object> values(List<HistoricVariableInstance> variables) {
    return variables.stream().map(HistoricVariableInstance::getValue).toList();
  }

  private static int countedInstances(ProcessEngine engine) {
    return engine.getManagementService().createProcessDefinitionStatisticsQuery().listPage(0, 2000).stream()
        .mapToInt(ProcessDefinitionStatistics::getInstances).sum();
  }
}

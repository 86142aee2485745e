package cn.xuncha.analysis;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The team's own analysis of its unit (step-03-team-analysis), started for the first unit of an approved round. */
@XunchaSpringTest
class TeamAnalysisStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  long unitId;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    String roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    unitId = units.unitIdOf(roundKey, "unit1");
    step = fixture.startForUnit("step-03-team-analysis", roundKey, "unit1", Map.of());
  }

  @Test
  void theTeamRecordsItsTalksAndKeyProblems() {
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder(steps.teamGroup(step, 1));
    assertThat(step).as("the leader's talks and analysis are the leader's task").isWaitingAt("Task_RecordTeamAnalysis").task()
        .isAssignedTo("team1-leader");

    steps.analyseForTeam(step, 1);

    assertThat(step).hasPassed("EndEvent_TeamAnalysisStep").isEnded();
    assertThat(RecordFields.find(records, unitId, cn.xuncha.analysis.TeamAnalysis.class)).get().satisfies(analysis -> assertThat(analysis)
        .containsEntry("keyPersons", "村党支部书记").containsEntry("keyProblems", "三资管理不规范"));
  }

  @Test
  void everyPartOfTheAnalysisIsRequired() {
    assertThatThrownBy(() -> steps.complete("team1-leader", step, "Task_RecordTeamAnalysis", null, Map.of("talks", "与乡党委书记单独沟通")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("重点人：不能为空")
        .hasMessageContaining("重点问题：不能为空");

    assertThat(step).isWaitingAt("Task_RecordTeamAnalysis");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.analysis.TeamAnalysis.class)).isEmpty();
  }
}

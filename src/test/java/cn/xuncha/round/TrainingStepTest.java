package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 2 (step-02-training), started from an approved round: the office records the training while
 * every team founds its temporary party branch in an instance of its own (step-02-party-branch).
 */
@XunchaSpringTest
class TrainingStepTest extends StepTestSupport {

  /** Where the tasks of step 2 fall due: the beginning of the sample round's entry date. */
  static final Date ENTRY_DAY_START = ProcedureSteps.beijing("2022-04-21T00:00");

  @Autowired
  JdbcClient jdbc;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    step = fixture.startForRound("step-02-training", roundKey, Map.of());
  }

  @Test
  void trainingAndEveryTeamsPartyBranchEndTheStep() {
    assertThat(step).isWaitingAt("Task_RecordTraining", "CallActivity_PartyBranches");
    assertThat(step).task("Task_RecordTraining").hasCandidateGroup("office").hasDueDate(ENTRY_DAY_START);
    assertThat(engine.getTaskService().getVariable(steps.task(step, "Task_RecordTraining", "office").getId(), TrainingTask.LAST_DAY))
        .as("the form names the day before the due time 00:00 of the entry day").isEqualTo("2022-04-20");
    List<ProcessInstance> branches = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(step.getId()).list();
    assertThat(branches).hasSize(7).allSatisfy(branch -> {
      assertThat(branch.getBusinessKey()).isEqualTo(roundKey);
      String team = (String) engine.getRuntimeService().getVariable(branch.getId(), RoundVariables.TEAM_GROUP);
      assertThat(new ProcedureSteps(engine).readers(branch)).containsExactlyInAnyOrder(team);
      assertThat(branch).isWaitingAt("Task_RecordPartyBranch").task().hasCandidateGroup(team);
    });
    assertThat(branches).extracting(branch -> engine.getRuntimeService().getVariable(branch.getId(), RoundVariables.TEAM_GROUP))
        .as("each team of this round by its own group").containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 7).mapToObj(team -> fixture.teamGroup(roundKey, team)).toList());

    steps.recordTraining(step, Map.of());
    assertThat(step).hasPassed("Task_RecordTraining").isWaitingAt("CallActivity_PartyBranches");
    steps.recordPartyBranch(step, 1, Map.of());
    assertThat(step).isWaitingAt("CallActivity_PartyBranches");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(roundKey).taskDefinitionKey("Task_RecordPartyBranch")
        .list()).extracting(open -> engine.getRuntimeService().getVariable(open.getProcessInstanceId(), RoundVariables.TEAM_GROUP))
        .hasSize(6).doesNotContain(fixture.teamGroup(roundKey, 1));
    for (int team = 2; team <= 7; team++) {
      steps.recordPartyBranch(step, team, Map.of());
    }

    assertThat(step).hasPassed("CallActivity_PartyBranches", "Gateway_TrainingJoin", "EndEvent_Training").isEnded();
    assertThat(count("select count(*) from xc_training where round_id = ?")).isOne();
    assertThat(count("select count(*) from xc_party_branch b join xc_team t on t.id = b.team_id where t.round_id = ?")).isEqualTo(7);
  }

  @Test
  void trainingMustCoverEveryTopicOfTheMeasures() {
    assertThatThrownBy(() -> steps.recordTraining(step, Map.of("topics", List.of("goals", "steps", "methods", "arrangements"),
        "trainingDate", "2022-04-21")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("培训内容：按照办法第十八条，培训还须包括工作纪律、保密纪律")
        .hasMessageContaining("培训日期：巡察前培训最晚于 2022-04-20 举行（进驻日期 2022-04-21）");

    assertThat(step).isWaitingAt("Task_RecordTraining");
    assertThat(count("select count(*) from xc_training where round_id = ?")).isZero();
  }

  private long count(String sql) {
    return jdbc.sql(sql).param(units.roundId(roundKey)).query(Long.class).single();
  }

}

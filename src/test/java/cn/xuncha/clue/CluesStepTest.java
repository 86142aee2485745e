package cn.xuncha.clue;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService.Clue;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 8, {@code step-08-clues} (办法 第十九条): every clue of the report goes its own way in an
 * instance of {@code step-08-clue} (see {@link ClueStepTest}) and is transferred in an instance of
 * {@code clue-transfer} granted to its receiver; the step ends when every receiver has replied.
 * Started directly on clues seeded as the report leaves them.
 */
@XunchaSpringTest
class CluesStepTest extends StepTestSupport {

  @Autowired
  ClueService clues;
  String round;

  @BeforeEach
  void setUp() {
    round = fixture.sampleRoundAt("2022-06-29T09:00");
  }

  @Test
  void eachClueGoesToTheReceiverTheRulesNameInItsOwnInstanceAndTheRepliesEndTheStep() {
    ProcessInstance step = startWith(Clue.draft("discipline", null, "村干部违规发放补贴"), Clue.draft("work", null, "村集体合同管理混乱"),
        Clue.draft("other", "dept-finance", "耕地保护问题"));
    assertThat(tasks(step, "Task_PrepareClue")).hasSize(3).allSatisfy(task -> assertThat(task).hasCandidateGroup(steps.teamGroup(step, 1)));

    steps.completeAll("team1-leader", step, "Task_PrepareClue", Map.of("material", "谈话笔录和账目"));
    assertThat(ledgerStatuses()).containsOnly("PREPARED");
    assertThat(tasks(step, "Task_ReviewClue")).hasSize(3).allSatisfy(task -> assertThat(task).hasCandidateGroup("office"));
    steps.completeAll("office1", step, "Task_ReviewClue", Map.of("outcome", "approve"));

    List<ProcessInstance> each = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(step.getId()).processDefinitionKey("step-08-clue").list();
    assertThat(each).extracting(clue -> engine.getRuntimeService().getVariable(clue.getId(), "clueId"))
        .containsExactlyInAnyOrderElementsOf(clues.ids(round, "unit1"));
    List<ProcessInstance> transfers = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("clue-transfer").processInstanceBusinessKeyLike(round + "/unit1/%").list();
    assertThat(transfers).extracting(this::receiver).containsExactlyInAnyOrder("dept-discipline", "unit1", "dept-finance");
    assertThat(transfers).allSatisfy(transfer -> {
      assertThat(transfer.getBusinessKey()).isEqualTo(round + "/unit1/" + engine.getRuntimeService().getVariable(transfer.getId(), "clueId"));
      assertThat(new ProcedureSteps(engine).readers(transfer)).containsExactlyInAnyOrder(receiver(transfer));
    });
    assertThat(ledgerStatuses()).containsOnly("TRANSFERRED");
    ProcessInstance discipline = transfers.stream().filter(t -> "dept-discipline".equals(receiver(t))).findFirst().orElseThrow();
    assertThat(discipline).isWaitingAt("Task_HandleClue").task().hasCandidateGroup("dept-discipline");
    assertThat(visibleTo("dept-discipline1", discipline)).isOne();
    assertThat(visibleTo("team1-leader", discipline)).isZero();

    steps.complete("dept-discipline1", discipline, "Task_HandleClue", null, Map.of("reply", "已立案审查"));
    assertThat(discipline).isEnded();
    assertThat(ledgerStatuses()).containsExactlyInAnyOrder("ANSWERED", "TRANSFERRED", "TRANSFERRED");
    assertThat(step).isWaitingAt("CallActivity_EachClue");

    steps.answerClues(step);
    assertThat(ledgerStatuses()).containsOnly("ANSWERED");
    assertThat(step).isEnded().hasPassed("CallActivity_EachClue", "EndEvent_CluesStep");
  }

  @Test
  void reportWithoutCluesEndsTheStepAtOnce() {
    ProcessInstance step = startWith();

    assertThat(step).isEnded().hasPassed("EndEvent_CluesStep").hasNotPassed("CallActivity_EachClue");
  }

  private ProcessInstance startWith(Clue... drafts) {
    clues.replaceDrafts(units.unit(round, "unit1"), List.of(drafts));
    return fixture.startForUnit("step-08-clues", round, "unit1", Map.of());
  }

  private List<Task> tasks(ProcessInstance step, String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(step.getBusinessKey()).taskDefinitionKey(taskKey).list();
  }

  private String receiver(ProcessInstance transfer) {
    return (String) engine.getRuntimeService().getVariable(transfer.getId(), "receiver");
  }

  private long visibleTo(String user, ProcessInstance instance) {
    return steps.plan().as(user, () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count());
  }

  private List<String> ledgerStatuses() {
    return clues.ledger(round).stream().map(ClueService.LedgerRow::status).toList();
  }
}

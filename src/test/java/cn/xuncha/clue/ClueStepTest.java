package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 8, {@code step-08-clue} (办法 第十九条): one clue's way from the team's transfer material
 * through the office's review (which may return it) and {@code clue-routing.dmn} to the transfer.
 * Started directly on one clue seeded as the report leaves it.
 */
@XunchaSpringTest
class ClueStepTest extends StepTestSupport {

  @Autowired
  ClueService clues;
  String round;
  ProcessInstance clue;

  @BeforeEach
  void setUp() {
    round = fixture.sampleRoundAt("2022-06-29T09:00");
    clues.replaceDrafts(units.unit(round, "unit1"), List.of(Clue.draft("discipline", null, "村干部违规发放补贴")));
    String clueId = clues.ids(round, "unit1").get(0);
    clue = fixture.startForUnit("step-08-clue", round, "unit1", Map.of("clueId", clueId));
  }

  @Test
  void approvedMaterialGoesToTheReceiverTheRulesNameAndTheReplyEndsTheClue() {
    assertThat(clue).isWaitingAt("Task_PrepareClue").task().hasCandidateGroup(steps.teamGroup(clue, 1));
    steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "谈话笔录和账目"));
    assertThat(ledgerStatuses()).containsOnly("PREPARED");
    assertThat(clue).isWaitingAt("Task_ReviewClue").task().hasCandidateGroup("office");

    steps.complete("office1", clue, "Task_ReviewClue", null, ProcedureSteps.APPROVE);
    assertThat(clue).hasPassed("Rule_RouteClue").isWaitingAt("CallActivity_TransferClue");
    assertThat(engine.getRuntimeService().getVariable(clue.getId(), "routedReceivers"))
        .isEqualTo(List.of(Map.of("receiver", "dept-discipline", "replyDeadline", "D6")));
    ProcessInstance transfer = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(clue.getId()).processDefinitionKey("clue-transfer").singleResult();
    assertThat(transfer.getBusinessKey()).isEqualTo(round + "/unit1/" + engine.getRuntimeService().getVariable(clue.getId(), "clueId"));
    assertThat(new ProcedureSteps(engine).readers(transfer)).containsExactlyInAnyOrder("dept-discipline");
    assertThat(transfer).isWaitingAt("Task_HandleClue").task().hasCandidateGroup("dept-discipline");
    assertThat(ledgerStatuses()).containsOnly("TRANSFERRED");

    steps.answerClues(clue);
    assertThat(ledgerStatuses()).containsOnly("ANSWERED");
    assertThat(clue).isEnded().hasPassed("CallActivity_TransferClue", "EndEvent_ClueStep");
  }

  @Test
  void officeReturnsTransferMaterialOnlyWithACommentAndTheTeamPreparesItAgain() {
    steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "材料"));
    assertThatThrownBy(() -> steps.complete("office1", clue, "Task_ReviewClue", null, Map.of("outcome", "return")))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(ledgerStatuses()).containsOnly("PREPARED");

    steps.complete("office1", clue, "Task_ReviewClue", null, Map.of("outcome", "return", "comment", "证据不足"));
    assertThat(clue).isWaitingAt("Task_PrepareClue").hasNotPassed("Rule_RouteClue");
    assertThat(ledgerStatuses()).containsOnly("RETURNED");
    assertThat(engine.getTaskService().getVariable(steps.task(clue, "Task_PrepareClue", null).getId(), "reviewComment")).isEqualTo("证据不足");

    steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "材料及补充证据"));
    steps.complete("office1", clue, "Task_ReviewClue", null, ProcedureSteps.APPROVE);
    assertThat(clue).isWaitingAt("CallActivity_TransferClue");
    assertThat(ledgerStatuses()).containsOnly("TRANSFERRED");
  }

  @Test
  void theOfficeMayAddReceiversAndTheClueIsAnsweredWhenEachHasReplied() {
    steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "谈话笔录和账目"));
    assertThatThrownBy(() -> steps.complete("office1", clue, "Task_ReviewClue", null,
        Map.of("outcome", "approve", "addedReceivers", "[\"dept-organization\",\"unit2\",\"dept-nowhere\"]")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("同时移交：“unit2”不是县直部门").hasMessageContaining("同时移交：“dept-nowhere”不是县直部门");
    assertThat(clue).isWaitingAt("Task_ReviewClue");

    steps.complete("office1", clue, "Task_ReviewClue", null,
        Map.of("outcome", "approve", "addedReceivers", "[\"dept-organization\",\"dept-discipline\"]"));

    List<ProcessInstance> transfers = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(clue.getId()).list();
    assertThat(transfers).extracting(transfer -> steps.readers(transfer))
        .as("the table's receiver once, the added one, each in its own instance granted to it alone")
        .containsExactlyInAnyOrder(List.of("dept-discipline"), List.of("dept-organization"));
    assertThat(clues.ledger(round)).extracting(ClueService.LedgerRow::receiver).containsExactly("dept-discipline", "dept-organization");

    ProcessInstance organisation = transfers.stream()
        .filter(transfer -> "dept-organization".equals(engine.getRuntimeService().getVariable(transfer.getId(), "receiver"))).findFirst()
        .orElseThrow();
    Task reply = engine.getTaskService().createTaskQuery().processInstanceId(organisation.getId()).singleResult();
    steps.plan().as("dept-organization1", () -> {
      engine.getTaskService().claim(reply.getId(), "dept-organization1");
      engine.getFormService().submitTaskForm(reply.getId(), Map.of("reply", "已责成整改"));
      return null;
    });
    assertThat(ledgerStatuses()).containsExactly("TRANSFERRED", "ANSWERED");
    assertThat(clues.find(clues.ids(round, "unit1").get(0)).status()).as("one receiver has not replied yet").isEqualTo("TRANSFERRED");
    assertThat(clue).isWaitingAt("CallActivity_TransferClue");

    steps.answerClues(clue);

    assertThat(ledgerStatuses()).containsExactly("ANSWERED", "ANSWERED");
    assertThat(clues.find(clues.ids(round, "unit1").get(0))).satisfies(answered -> {
      assertThat(answered.status()).isEqualTo("ANSWERED");
      assertThat(answered.transfers()).extracting(ClueService.Transfer::reply).containsExactly("已立案调查，给予党纪处分", "已责成整改");
    });
    assertThat(clue).isEnded();
  }

  private List<String> ledgerStatuses() {
    return clues.ledger(round).stream().map(ClueService.LedgerRow::status).toList();
  }
}

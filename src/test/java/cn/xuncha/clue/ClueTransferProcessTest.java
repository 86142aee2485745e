package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Clue transfer (办法 第十九条): material, office review, routing, the receiver's written reply within a month. */
@XunchaSpringTest
class ClueTransferProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  ClueService clues;
  ProcedureSteps steps;
  ProcessInstance round;
  ProcessInstance unit;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    round = steps.approvedRound();
    unit = steps.withdrawn(round, 1);
    ProcedureSteps.at("2022-06-20T09:00");
    steps.draftReport(unit, 1, Map.of("clues", List.of(
        Map.of("summary", "村干部违规发放补贴", "kind", "discipline"),
        Map.of("summary", "村集体合同管理混乱", "kind", "work"),
        Map.of("summary", "耕地保护问题", "kind", "other", "department", "dept-finance"))));
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
    steps.giveFeedback(unit, 1, "2022-06-20");
    steps.confirmFeedback(unit, "unit1", "2022-06-20");
  }

  @Test
  void eachClueGoesToItsReceiverAsItsOwnProcessAndTheReplyClosesIt() {
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(unit.getId()).taskDefinitionKey("Task_PrepareClue").count())
        .isEqualTo(3);
    steps.completeAll("team1-leader", unit, "Task_PrepareClue", Map.of("material", "谈话笔录和账目"));
    steps.completeAll("office1", unit, "Task_ReviewClue", ProcedureSteps.APPROVE);

    List<ProcessInstance> transfers = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(unit.getId()).processDefinitionKey("clue-transfer").list();
    assertThat(transfers).extracting(t -> engine.getRuntimeService().getVariable(t.getId(), "receiver"))
        .containsExactlyInAnyOrder("dept-discipline", "unit1", "dept-finance");
    ProcessInstance discipline = transfers.stream()
        .filter(t -> "dept-discipline".equals(engine.getRuntimeService().getVariable(t.getId(), "receiver"))).findFirst().orElseThrow();
    assertThat(discipline).isWaitingAt("Task_HandleClue").task().hasCandidateGroup("dept-discipline");
    assertThat(ledgerStatuses()).containsOnly("TRANSFERRED");

    assertThatThrownBy(() -> steps.complete("dept-discipline1", discipline, "Task_HandleClue", null, Map.of("reply", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessage("办理情况书面反馈：不能为空");
    steps.complete("dept-discipline1", discipline, "Task_HandleClue", null, Map.of("reply", "已立案审查"));

    assertThat(discipline).isEnded();
    assertThat(ledgerStatuses()).containsExactlyInAnyOrder("ANSWERED", "TRANSFERRED", "TRANSFERRED");
    assertThat(unit).isWaitingAt("CallActivity_TransferClue");
  }

  @Test
  void officeReturnsTransferMaterialWithAComment() {
    steps.completeAll("team1-leader", unit, "Task_PrepareClue", Map.of("material", "材料"));
    String first = engine.getTaskService().createTaskQuery().processInstanceId(unit.getId())
        .taskDefinitionKey("Task_ReviewClue").list().get(0).getId();
    steps.plan().as("office1", () -> {
      engine.getTaskService().claim(first, "office1");
      engine.getFormService().submitTaskForm(first, ProcedureSteps.review("return", "证据不足"));
      return null;
    });

    var prepare = engine.getTaskService().createTaskQuery().processInstanceId(unit.getId()).taskDefinitionKey("Task_PrepareClue").singleResult();
    assertThat(engine.getTaskService().getVariable(prepare.getId(), "reviewComment")).isEqualTo("证据不足");
  }

  @Test
  void receiverIsRemindedBeforeTheMonthEndsAndTheOfficeEscalatesAfter() {
    ProcedureSteps.at("2022-06-21T09:00");
    steps.completeAll("team1-leader", unit, "Task_PrepareClue", Map.of("material", "材料"));
    steps.completeAll("office1", unit, "Task_ReviewClue", ProcedureSteps.APPROVE);
    ProcessInstance transfer = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(unit.getId()).processDefinitionKey("clue-transfer").list().get(0);
    assertThat(steps.task(transfer, "Task_HandleClue", null).getDueDate())
        .isEqualTo(java.util.Date.from(java.time.LocalDateTime.parse("2022-07-21T23:59:59.999").atZone(ProcedureSteps.BEIJING).toInstant()));

    ProcedureSteps.at("2022-07-18T00:00");
    assertThat(steps.fireDueTimers(transfer)).isOne();
    ProcedureSteps.at("2022-07-22T00:00");
    assertThat(steps.fireDueTimers(transfer)).isOne();
    assertThat(transfer).isWaitingAt("Task_HandleClue", "Task_HandleClueOverdue");
    steps.complete("office1", transfer, "Task_HandleClueOverdue", null, Map.of("actionTaken", "函告接收单位限期反馈"));
    assertThat(transfer).hasPassed("EndEvent_HandleClueReminded", "EndEvent_HandleClueEscalated").isWaitingAt("Task_HandleClue");
  }

  private List<String> ledgerStatuses() {
    return clues.ledger(round.getBusinessKey()).stream().map(ClueService.LedgerRow::status).toList();
  }
}

package cn.xuncha.clue;

import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.round.StepFixture;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code clue-transfer} (办法 第十九条, D6): the receiver of one approved clue replies in writing within
 * a month of the transfer, reminded 3 working days before and escalated to the office after. Started
 * directly on a clue seeded as the office's approval leaves it.
 */
@XunchaSpringTest
class ClueTransferStepTest extends StepTestSupport {

  @Autowired
  ClueService clues;
  String clueId;
  ProcessInstance transfer;

  @BeforeEach
  void setUp() {
    String round = fixture.sampleRoundAt("2022-06-21T09:00");
    clues.replaceDrafts(units.unit(round, "unit1"), List.of(Clue.draft("discipline", null, "村干部违规发放补贴")));
    clueId = clues.ids(round, "unit1").get(0);
    clues.prepare(clueId, "谈话笔录和账目");
    clues.review(clueId, true, List.of());
    transfer = start(round + "/unit1/" + clueId, Map.of("roundKey", round, "unitGroup", "unit1", "unitId", units.unitIdOf(round, "unit1"), "clueId", clueId,
        "receiver", "dept-discipline", "replyDeadline", "D6", "transferredOn", ClockUtil.getCurrentTime()));
  }

  @Test
  void receiverRepliesInWritingWithinAMonthWhichCancelsTheTimers() {
    assertThat(clues.find(clueId).status()).isEqualTo("TRANSFERRED");
    assertThat(clues.find(clueId).transfers()).extracting(ClueService.Transfer::receiver).containsExactly("dept-discipline");
    assertThat(transfer).isWaitingAt("Task_HandleClue").task().hasCandidateGroup("dept-discipline")
        .hasDueDate(ProcedureSteps.beijing("2022-07-21T23:59:59.999"));
    ProcessInstance watch = steps.watch(transfer, "D6");
    assertThat(watch).isWaitingAt("Timer_RemindTime");

    assertThatThrownBy(() -> steps.complete("dept-discipline1", transfer, "Task_HandleClue", null, Map.of("reply", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessage("办理情况书面反馈：不能为空");
    assertThat(clues.find(clueId).status()).isEqualTo("TRANSFERRED");
    steps.complete("dept-discipline1", transfer, "Task_HandleClue", null, Map.of("reply", "已立案审查"));

    assertThat(transfer).isEnded().hasPassed("EndEvent_ClueAnswered");
    deadlines.endedInTime(watch);
    assertThat(clues.find(clueId).status()).isEqualTo("ANSWERED");
    assertThat(clues.find(clueId).transfers()).extracting(ClueService.Transfer::reply).containsExactly("已立案审查");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(transfer.getId()).count()).isZero();
  }

  @Test
  void receiverIsRemindedBeforeTheMonthEndsAndTheOfficeEscalatesAfter() {
    ProcessInstance watch = steps.watch(transfer, "D6");
    deadlines.remindsThenEscalates(transfer, "Task_HandleClue", "D6", "2022-07-18T00:00", "2022-07-22T00:00");

    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "函告接收单位限期反馈"));
    assertThat(watch).hasPassed("EndEvent_Escalated").isEnded();
    assertThat(transfer).isWaitingAt("Task_HandleClue");
  }

  /**
   * Starts the transfer with the variables step-08-clue maps in, which must be exactly the targets
   * of its call activity: StepFixture cannot evaluate the {@code ${now()}} of {@code transferredOn}.
   */
  private ProcessInstance start(String businessKey, Map<String, Object> variables) {
    String clueStep = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("step-08-clue")
        .latestVersion().singleResult().getId();
    CallActivity call = engine.getRepositoryService().getBpmnModelInstance(clueStep).getModelElementById("CallActivity_TransferClue");
    assertThat(call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
        .map(CamundaIn::getCamundaTarget).filter(target -> target != null).toList())
        .containsExactlyInAnyOrderElementsOf(variables.keySet());
    return engine.getRuntimeService().startProcessInstanceByKey("clue-transfer", businessKey, variables);
  }
}

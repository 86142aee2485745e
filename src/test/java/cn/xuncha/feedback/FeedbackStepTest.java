package cn.xuncha.feedback;

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

/**
 * Step 8, {@code step-08-feedback}: the team gives its feedback after the leading group's approval;
 * the unit signs for it in an instance of its own ({@code step-08-feedback-receipt}), whose receipt
 * date comes back out of the call. Started directly with the approval date the report step hands on.
 */
@XunchaSpringTest
class FeedbackStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  long unitId;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    String round = fixture.sampleRoundAt("2022-06-29T09:00");
    unitId = units.unitIdOf(round, "unit1");
    step = fixture.startForUnit("step-08-feedback", round, "unit1", Map.of("reportHeardOn", "2022-06-27"));
  }

  @Test
  void feedbackAfterTheApprovalGoesToTheUnitsOwnReceiptWhoseDateComesBack() {
    assertThat(step).isWaitingAt("Task_GiveFeedback").task().hasCandidateGroup(steps.teamGroup(step, 1));
    assertThatThrownBy(() -> steps.giveFeedback(step, 1, "2022-06-26"))
        .isInstanceOf(InvalidInputException.class).hasMessage("反馈日期：须在领导小组同意（2022-06-27）之后、今天之前");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.feedback.Feedback.class)).isEmpty();

    steps.giveFeedback(step, 1, "2022-06-27");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.feedback.Feedback.class).orElseThrow()).containsEntry("feedbackOn", "2022-06-27");
    assertThat(step).isWaitingAt("CallActivity_ConfirmFeedback");
    ProcessInstance receipt = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(step.getId())
        .processDefinitionKey("step-08-feedback-receipt").singleResult();
    assertThat(receipt.getBusinessKey()).isEqualTo(step.getBusinessKey());
    assertThat(new ProcedureSteps(engine).readers(receipt)).containsExactlyInAnyOrder("unit1");
    assertThat(receipt).isWaitingAt("Task_ConfirmFeedback").task().hasCandidateGroup("unit1");
    assertThat(visibleTo("team1-leader", receipt)).isZero();
    assertThat(visibleTo("unit1", receipt)).isOne();

    steps.confirmFeedback(step, "unit1", "2022-06-29");
    assertThat(receipt).isEnded();
    assertThat(step).isEnded().hasPassed("EndEvent_FeedbackStep");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(step.getId())
        .variableName("feedbackReceivedOn").singleResult().getValue()).isEqualTo("2022-06-29");
  }

  private long visibleTo(String user, ProcessInstance instance) {
    return steps.plan().as(user, () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count());
  }
}

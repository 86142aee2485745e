package cn.xuncha.feedback;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.report.ReportSeed;
import cn.xuncha.report.ReportService;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 8, {@code step-08-feedback-receipt}: the unit, alone, signs for the team's feedback; the date
 * it gives ({@code feedbackReceivedOn}) leaves the step and, through the spine, starts the
 * rectification deadlines of step 9. Started directly on a seeded feedback record.
 */
@XunchaSpringTest
class FeedbackReceiptStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  @Autowired
  ReportService reports;
  @Autowired
  ClueService clues;
  @Autowired
  JdbcClient jdbc;
  String round;
  UnitRef unit;

  @BeforeEach
  void setUp() {
    round = fixture.sampleRoundAt("2022-06-27T09:00");
    unit = units.unit(round, "unit1");
  }

  @Test
  void unitSignsForTheFeedbackOnlyWithADateBetweenTheFeedbackAndToday() {
    records.save(unit.unitId(), RecordFields.of(cn.xuncha.feedback.Feedback.class, Map.of("feedbackOn", "2022-06-27", "attendees", "乡党委书记及班子成员",
        "demands", "落实三重一大制度")), "team1-leader", Instant.now());
    ProcessInstance step = fixture.startForUnit("step-08-feedback-receipt", round, "unit1", Map.of());
    assertThat(step).isWaitingAt("Task_ConfirmFeedback").task().hasCandidateGroup("unit1");
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder("unit1");

    assertThatThrownBy(() -> steps.confirmFeedback(step, "unit1", "2022-06-28"))
        .isInstanceOf(InvalidInputException.class).hasMessage("收到日期：须在反馈日期（2022-06-27）之后、今天之前");
    assertThatThrownBy(() -> steps.confirmFeedback(step, "unit1", "2022-06-26"))
        .isInstanceOf(InvalidInputException.class).hasMessage("收到日期：须在反馈日期（2022-06-27）之后、今天之前");
    assertThat(RecordFields.find(records, unit.unitId(), cn.xuncha.feedback.FeedbackReceipt.class)).isEmpty();
    assertThat(step).isWaitingAt("Task_ConfirmFeedback");

    steps.confirmFeedback(step, "unit1", "2022-06-27");
    assertThat(step).isEnded().hasPassed("EndEvent_FeedbackReceiptStep");
    assertThat(RecordFields.find(records, unit.unitId(), cn.xuncha.feedback.FeedbackReceipt.class).orElseThrow())
        .containsEntry("receivedOn", "2022-06-27").containsEntry("receivedBy", "乡党委书记");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(step.getId())
        .variableName("feedbackReceivedOn").singleResult().getValue()).isEqualTo("2022-06-27");
  }

  /** The out-mappings of step-08-feedback and of the spine: the spine is started at its feedback step. */
  @Test
  void receiptDateTravelsThroughTheSpineAndStartsTheRectificationDeadlines() {
    new ReportSeed(reports, jdbc).reportWithProblems(unit, "三重一大事项未经集体研究");
    clues.replaceDrafts(unit, List.of(Clue.draft("discipline", null, "村干部违规发放补贴")));
    Map<String, Object> spineVariables = new HashMap<>(fixture.unitVariables(round, "unit1", Map.of("reportHeardOn", "2022-06-27")));
    ProcessInstance spine = engine.getRuntimeService().createProcessInstanceByKey("unit-inspection").businessKey(round + "/unit1")
        .setVariables(spineVariables).startBeforeActivity("CallActivity_Feedback").execute();

    ProcedureSteps.at("2022-06-29T09:00");
    steps.giveFeedback(spine, 1, "2022-06-29");
    steps.confirmFeedback(spine, "unit1", "2022-06-29");

    assertThat(spine).isWaitingAt("CallActivity_Rectification", "CallActivity_Clues");
    assertThat(engine.getRuntimeService().getVariable(spine.getId(), "feedbackReceivedOn")).isEqualTo("2022-06-29");
    ProcessInstance rectification = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(spine.getId())
        .processDefinitionKey("step-09-rectification").singleResult();
    assertThat(engine.getRuntimeService().getVariable(rectification.getId(), "feedbackReceivedOn")).isEqualTo("2022-06-29");
    assertThat(rectification).isWaitingAt("Task_FileRectificationPlan").task().hasCandidateGroup("unit1")
        .hasDueDate(ProcedureSteps.beijing("2022-07-13T23:59:59.999"));
    assertThat(steps.watch(spine, "D4")).as("the plan's deadline is watched").isWaitingAt("Timer_RemindTime");
    ProcessInstance clueStep = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(spine.getId())
        .processDefinitionKey("step-08-clues").singleResult();
    assertThat(clueStep).isWaitingAt("CallActivity_EachClue");
    assertThat(steps.task(spine, "Task_PrepareClue", "team1")).as("each clue's own instance waits for the team").isNotNull();
  }
}

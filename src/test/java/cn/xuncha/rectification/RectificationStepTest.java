package cn.xuncha.rectification;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import static cn.xuncha.ProcedureSteps.beijing;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.report.ReportSeed;
import cn.xuncha.report.ReportService;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 9, {@code step-09-rectification}: the unit's plan and ledger within 10 working days of the
 * receipt (D4), the office's review, one {@code step-09-rectification-item} per open item (see
 * {@link RectificationItemStepTest}), the written report within a month (D5), follow-up and
 * accountability. Started directly on a seeded report with one problem, with the
 * receipt date the feedback step hands on.
 */
@XunchaSpringTest
class RectificationStepTest extends StepTestSupport {

  @Autowired
  ReportService reports;
  @Autowired
  RectificationService rectification;
  @Autowired
  UnitRecords records;
  @Autowired
  Reviews reviews;
  @Autowired
  JdbcClient jdbc;
  UnitRef unit;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    String round = fixture.sampleRoundAt("2022-06-29T09:00");
    unit = units.unit(round, "unit1");
    new ReportSeed(reports, jdbc).reportWithProblems(unit, "三重一大事项未经集体研究");
    step = fixture.startForUnit("step-09-rectification", round, "unit1", Map.of("feedbackReceivedOn", "2022-06-29"));
  }

  @Test
  void ledgerNeedsAMeasureDeadlineAndResponsiblePersonForEveryProblem() {
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder("unit1", steps.teamGroup(step, 1));
    assertThat(step).isWaitingAt("Task_FileRectificationPlan").task().hasCandidateGroup("unit1")
        .hasDueDate(beijing("2022-07-13T23:59:59.999"));
    ProcessInstance watch = steps.watch(step, "D4");
    ProcedureSteps.at("2022-07-05T09:00");
    assertThatThrownBy(() -> steps.complete("unit1", step, "Task_FileRectificationPlan", null,
        Map.of("plan", "整改方案", "items", List.of(Map.of("paperId", "999999", "measure", "x")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("整改台账第 1 项：不是巡察报告发现问题清单中的问题")
        .hasMessageContaining("整改台账：每个发现问题都须有整改项，还缺 1 项");
    assertThatThrownBy(() -> steps.fileRectificationPlan(step, "unit1", "2022-07-01"))
        .isInstanceOf(InvalidInputException.class).hasMessage("整改台账第 1 项：完成时限不能早于今天");
    assertThat(step).isWaitingAt("Task_FileRectificationPlan");
    assertThat(rectification.ledger(unit)).isEmpty();

    steps.fileRectificationPlan(step, "unit1", "2022-07-20");
    assertThat(step).isWaitingAt("Task_ReviewRectificationPlan").task().hasCandidateGroup("office");
    assertThat(rectification.ledger(unit)).singleElement().satisfies(item -> {
      assertThat(item.measure()).isEqualTo("建立三重一大事项集体决策台账");
      assertThat(item.deadline()).hasToString("2022-07-20");
      assertThat(item.responsible()).isEqualTo("乡党委书记");
      assertThat(item.status()).isEqualTo("OPEN");
    });
    assertThat(watch).as("D4 met").isEnded().hasPassed("EndEvent_DoneInTime");
  }

  @Test
  void officeReturnsThePlanOnlyWithACommentAndEveryReviewIsStored() {
    ProcedureSteps.at("2022-07-05T09:00");
    steps.fileRectificationPlan(step, "unit1", "2022-07-20");
    assertThatThrownBy(() -> steps.complete("office1", step, "Task_ReviewRectificationPlan", null, Map.of("outcome", "return")))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(step).isWaitingAt("Task_ReviewRectificationPlan");
    assertThat(reviews.history(Subject.unit(unit), ReviewKind.RECTIFICATION_PLAN)).isEmpty();

    steps.complete("office1", step, "Task_ReviewRectificationPlan", null, Map.of("outcome", "return", "comment", "措施不具体"));
    assertThat(step).isWaitingAt("Task_FileRectificationPlan");
    assertThat(engine.getTaskService().getVariable(steps.task(step, "Task_FileRectificationPlan", null).getId(), "returnComment"))
        .isEqualTo("措施不具体");

    steps.fileRectificationPlan(step, "unit1", "2022-07-20");
    steps.complete("office1", step, "Task_ReviewRectificationPlan", null, ProcedureSteps.APPROVE);
    assertThat(reviews.history(Subject.unit(unit), ReviewKind.RECTIFICATION_PLAN))
        .extracting(Review::outcome, Review::comment, Review::actor)
        .containsExactly(tuple(ReviewOutcome.RETURN, "措施不具体", "office1"), tuple(ReviewOutcome.APPROVE, null, "office1"));
  }

  @Test
  void everyOpenItemIsRectifiedInItsOwnInstanceAndFollowUpStartsWhenAllAreClosed() {
    accepted("2022-07-20");
    assertThat(step).isWaitingAt("CallActivity_Items", "Task_ReportRectification");
    assertThat(itemInstances()).singleElement().satisfies(item -> {
      assertThat(engine.getRuntimeService().getVariable(item.getId(), "itemId"))
          .isEqualTo(String.valueOf(rectification.ledger(unit).get(0).id()));
      assertThat(item).isWaitingAt("Task_RectifyItem");
    });

    closeEveryItem("决策台账");
    assertThat(statuses()).containsOnly("CLOSED");
    assertThat(itemInstances()).isEmpty();
    assertThat(step).hasPassed("CallActivity_Items")
        .isWaitingAt("Task_FollowUp", "Task_ReportRectification").task("Task_FollowUp").hasCandidateGroup("office");
  }

  @Test
  void followUpReopensAClosedItem() {
    accepted("2022-07-20");
    String first = itemInstances().get(0).getId();
    closeEveryItem("决策台账");
    String item = String.valueOf(rectification.ledger(unit).get(0).id());

    steps.complete("office1", step, "Task_FollowUp", null, Map.of("followUpDecision", "reopen", "reopenItems", List.of(item)));
    assertThat(step).isWaitingAt("CallActivity_Items", "Task_ReportRectification");
    assertThat(itemInstances()).as("a new instance for the reopened item").singleElement()
        .satisfies(reopened -> {
          assertThat(reopened.getId()).isNotEqualTo(first);
          assertThat(reopened).isWaitingAt("Task_RectifyItem");
        });
    assertThat(statuses()).containsOnly("OPEN");
    assertThat((String) engine.getTaskService().getVariable(steps.task(step, "Task_RectifyItem", null).getId(), "item"))
        .contains("该项已被重新打开 1 次");

    closeEveryItem("决策台账（补充）");
    assertThat(step).isWaitingAt("Task_FollowUp", "Task_ReportRectification");
  }

  @Test
  void followUpRefersTheUnitToTheLeadingGroupForAccountability() {
    accepted("2022-07-20");
    closeEveryItem("决策台账");
    assertThatThrownBy(() -> steps.complete("office1", step, "Task_FollowUp", null, Map.of("followUpDecision", "accountability")))
        .isInstanceOf(InvalidInputException.class).hasMessage("提请问责的理由：不能为空");
    assertThat(accountability()).isEmpty();

    steps.complete("office1", step, "Task_FollowUp", null,
        Map.of("followUpDecision", "accountability", "accountabilityReason", "拒不纠正村级财务问题"));
    assertThat(step).isWaitingAt("Task_DecideAccountability", "Task_ReportRectification")
        .task("Task_DecideAccountability").hasCandidateGroup("leading-group");
    steps.complete("leader1", step, "Task_DecideAccountability", null, Map.of("accountabilityDecision", "对乡党委书记进行约谈"));

    assertThat(accountability()).containsExactly("对乡党委书记进行约谈");
    assertThat(step).isWaitingAt("Task_FollowUp", "Task_ReportRectification");
  }

  @Test
  void rectificationEndsWhenFollowUpIsDoneAndTheReportIsWritten() {
    accepted("2022-07-20");
    closeEveryItem("决策台账");
    steps.complete("office1", step, "Task_FollowUp", null, Map.of("followUpDecision", "done"));
    assertThat(step).isWaitingAt("Task_ReportRectification").task().hasCandidateGroup("unit1").hasDueDate(beijing("2022-07-29T23:59:59.999"));

    steps.complete("unit1", step, "Task_ReportRectification", null, Map.of("rectificationReport", "整改落实情况报告"));
    assertThat(step).isEnded().hasPassed("Gateway_RectificationJoin", "EndEvent_RectificationStep").hasNotPassed("Task_DecideAccountability");
    assertThat(RecordFields.find(records, unit.unitId(), cn.xuncha.rectification.RectificationReport.class).orElseThrow()).containsEntry("rectificationReport", "整改落实情况报告");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(step.getBusinessKey() + "#%").count())
        .as("no deadline of the step is still watched").isZero();
  }

  @Test
  void latePlanIsRemindedTwoWorkingDaysBeforeAndEscalatedAfterTheTenth() {
    ProcessInstance watch = steps.watch(step, "D4");
    deadlines.remindsThenEscalates(step, "Task_FileRectificationPlan", "D4", "2022-07-11T00:00", "2022-07-14T00:00");

    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "书面催报"));
    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated");
    assertThat(step).isWaitingAt("Task_FileRectificationPlan");
  }

  @Test
  void lateReportIsRemindedThreeWorkingDaysBeforeAndEscalatedAfterTheMonth() {
    accepted("2022-08-31");
    ProcessInstance watch = steps.watch(step, "D5");
    deadlines.remindsThenEscalates(step, "Task_ReportRectification", "D5", "2022-07-26T00:00", "2022-07-30T00:00");
    assertThat(step).isWaitingAt("CallActivity_Items", "Task_ReportRectification");

    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "通报批评"));
    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated");
    assertThat(step).isWaitingAt("CallActivity_Items", "Task_ReportRectification");
  }

  /** The plan filed on 2022-07-05 with every item due on {@code deadline}, and accepted by the office. */
  private void accepted(String deadline) {
    ProcedureSteps.at("2022-07-05T09:00");
    steps.fileRectificationPlan(step, "unit1", deadline);
    steps.complete("office1", step, "Task_ReviewRectificationPlan", null, Map.of("outcome", "approve"));
  }

  private void closeEveryItem(String evidence) {
    steps.completeAll("unit1", step, "Task_RectifyItem", Map.of("evidence", evidence));
    steps.completeAll("office1", step, "Task_VerifyItem", Map.of("outcome", "approve"));
  }

  private List<ProcessInstance> itemInstances() {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(step.getId()).processDefinitionKey("step-09-rectification-item").list();
  }

  private List<String> statuses() {
    return rectification.ledger(unit).stream().map(RectificationService.Item::status).toList();
  }

  private List<String> accountability() {
    return jdbc.sql("select decision from xc_accountability where unit_id = ? and decision is not null")
        .param(unit.unitId()).query(String.class).list();
  }

}

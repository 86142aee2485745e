package cn.xuncha.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.system.InvalidInputException;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Step 7 and 8 of one unit: 三报告四清单, consultation, review, the secretary's meeting and the feedback. */
@XunchaSpringTest
class ReportProcessTest {

  @Autowired
  ProcessEngine engine;
  ProcedureSteps steps;
  ProcessInstance round;
  ProcessInstance unit;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    round = steps.approvedRound();
    unit = steps.withdrawn(round, 1);
  }

  @Test
  void reportIsDueTenWorkingDaysAfterWithdrawalAndGoesThroughOfficeAndLeadingGroup() {
    assertThat(unit).isWaitingAt("Task_DraftReport").task("Task_DraftReport").hasCandidateGroup("team1")
        .hasDueDate(beijing("2022-06-24T23:59:59.999"));

    steps.draftReport(unit, 1, Map.of());
    assertThat(unit).isWaitingAt("Task_ConsultReport");
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);

    assertThat(unit).isWaitingAt("Task_SecretaryMeeting", "Task_GiveFeedback");
    assertThat(steps.task(unit, "Task_SecretaryMeeting", null).getDueDate()).isEqualTo(beijing("2022-07-07T23:59:59.999"));
    String report = (String) engine.getTaskService().getVariable(steps.task(unit, "Task_GiveFeedback", null).getId(), "reportHeardOn");
    assertThat(report).isEqualTo("2022-06-27");
  }

  @Test
  void problemsWithoutAConfirmedWorkingPaperCannotGoIntoTheReport() {
    assertThatThrownBy(() -> steps.draftReport(unit, 1, Map.of("problems", List.of("999999"), "commonProblems", List.of("999999"),
        "clues", List.of(Map.of("summary", "其他问题", "kind", "other")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("发现问题清单：问题 999999 没有经组长确认的问题底稿")
        .hasMessageContaining("发现问题清单：至少列入一个经组长确认的问题底稿")
        .hasMessageContaining("共性问题清单：问题 999999 没有经组长确认的问题底稿，或未列入发现问题清单")
        .hasMessageContaining("问题线索第 1 条：其他问题须选择移交的部门");
    assertThat(unit).isWaitingAt("Task_DraftReport");
  }

  @Test
  void officeAndLeadingGroupReturnTheReportWithComments() {
    steps.draftReport(unit, 1, Map.of());
    steps.reviewReport(unit, "Task_ConsultReport", "return", "请补充谈话人数");
    assertThat(unit).isWaitingAt("Task_DraftReport");
    assertThat(engine.getTaskService().getVariable(steps.task(unit, "Task_DraftReport", null).getId(), "returnComment"))
        .isEqualTo("请补充谈话人数");

    steps.draftReport(unit, 1, Map.of());
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    assertThatThrownBy(() -> steps.reviewReport(unit, "Task_ReviewReport", "return", ""))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    steps.reviewReport(unit, "Task_ReviewReport", "return", "问题定性需进一步斟酌");
    assertThat(unit).isWaitingAt("Task_DraftReport");
    assertThat(engine.getTaskService().getVariable(steps.task(unit, "Task_DraftReport", null).getId(), "returnComment"))
        .isEqualTo("问题定性需进一步斟酌");
  }

  @Test
  void lateReportIsRemindedThenEscalatedAndLateSecretaryMeetingToo() {
    ProcedureSteps.at("2022-06-21T23:59");
    assertThat(steps.fireDueTimers(unit)).isZero();
    ProcedureSteps.at("2022-06-22T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(steps.task(unit, "Task_DraftReport", null).getPriority()).isEqualTo(80);
    ProcedureSteps.at("2022-06-25T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(unit).isWaitingAt("Task_DraftReport", "Task_DraftReportOverdue");
    steps.complete("office1", unit, "Task_DraftReportOverdue", null, Map.of("actionTaken", "约谈第一巡察组组长"));

    ProcedureSteps.at("2022-06-27T09:00");
    steps.draftReport(unit, 1, Map.of());
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
    ProcedureSteps.at("2022-07-04T23:59");
    assertThat(steps.fireDueTimers(unit)).isZero();
    ProcedureSteps.at("2022-07-05T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    ProcedureSteps.at("2022-07-08T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(unit).isWaitingAt("Task_SecretaryMeeting", "Task_SecretaryMeetingOverdue", "Task_GiveFeedback");
    steps.complete("office1", unit, "Task_SecretaryMeetingOverdue", null, Map.of("actionTaken", "已报县委办公室安排"));
    assertThatThrownBy(() -> steps.complete("committee1", unit, "Task_SecretaryMeeting", null,
        Map.of("meetingOn", "2022-06-01", "decisions", "同意")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("会议日期：须在领导小组审定");
    steps.complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-07-07", "decisions", "同意"));
    assertThat(unit).hasPassed("EndEvent_SecretaryHeard", "EndEvent_DraftReportEscalated", "EndEvent_DraftReportReminded",
        "EndEvent_SecretaryMeetingReminded", "EndEvent_SecretaryMeetingEscalated");
  }

  @Test
  void feedbackAndItsReceiptMustBeDatedAfterWhatTheyFollow() {
    steps.draftReport(unit, 1, Map.of());
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);

    assertThatThrownBy(() -> steps.giveFeedback(unit, 1, "2022-06-26"))
        .isInstanceOf(InvalidInputException.class).hasMessage("反馈日期：须在领导小组同意（2022-06-27）之后、今天之前");
    steps.giveFeedback(unit, 1, "2022-06-27");
    assertThatThrownBy(() -> steps.confirmFeedback(unit, "unit1", "2022-06-28"))
        .isInstanceOf(InvalidInputException.class).hasMessage("收到日期：须在反馈日期（2022-06-27）之后、今天之前");
    steps.confirmFeedback(unit, "unit1", "2022-06-27");
    assertThat(unit).isWaitingAt("Task_FileRectificationPlan");
  }

  @Test
  void unitConfirmsTheFeedbackWhichStartsItsRectificationDeadlines() {
    steps.reportAndFeedBack(unit, 1, "unit1");

    assertThat(unit).isWaitingAt("Task_FileRectificationPlan", "Task_PrepareClue");
    assertThat(steps.task(unit, "Task_FileRectificationPlan", null).getDueDate()).isEqualTo(beijing("2022-07-13T23:59:59.999"));
    assertThat(engine.getRuntimeService().getVariable(unit.getId(), "feedbackReceivedOn")).isEqualTo("2022-06-29");
  }

  private static Date beijing(String dateTime) {
    return Date.from(LocalDateTime.parse(dateTime).atZone(ProcedureSteps.BEIJING).toInstant());
  }
}

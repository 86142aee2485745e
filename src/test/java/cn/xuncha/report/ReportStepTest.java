package cn.xuncha.report;

import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import static cn.xuncha.ProcedureSteps.beijing;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 7, {@code step-07-report}: 三报告四清单 within 10 working days of withdrawal (D2), the
 * office's consultation and the leading group's review, each of which may return it. Started
 * directly on a round whose unit has one confirmed working paper.
 */
@XunchaSpringTest
class ReportStepTest extends StepTestSupport {

  @Autowired
  ReportService reports;
  @Autowired
  JdbcClient jdbc;
  String round;
  UnitRef unit;
  long paper;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    round = fixture.sampleRoundAt("2022-06-13T09:00");
    unit = units.unit(round, "unit1");
    paper = new ReportSeed(reports, jdbc).confirmedPaper(unit, "三重一大事项未经集体研究");
    step = fixture.startForUnit("step-07-report", round, "unit1", Map.of());
  }

  @Test
  void reportIsDueTenWorkingDaysAfterWithdrawalAndGoesThroughOfficeAndLeadingGroup() {
    assertThat(step).isWaitingAt("Task_DraftReport").task("Task_DraftReport").hasCandidateGroup(steps.teamGroup(step, 1))
        .hasDueDate(beijing("2022-06-24T23:59:59.999"));

    steps.draftReport(step, 1, Map.of());
    assertThat(reports.problems(unit)).extracting(Paper::id).containsExactly(paper);
    assertThat(step).isWaitingAt("Task_ConsultReport").task().hasCandidateGroup("office");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(step.getId()).count()).isZero();
    steps.reviewReport(step, "Task_ConsultReport", "approve", null);
    assertThat(step).isWaitingAt("Task_ReviewReport").task().hasCandidateGroup("leading-group");
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(step, "Task_ReviewReport", "approve", null);

    assertThat(step).isEnded().hasPassedInOrder("Task_DraftReport", "Task_ConsultReport", "Task_ReviewReport", "EndEvent_ReportStep");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(step.getId())
        .variableName("reportHeardOn").singleResult().getValue()).isEqualTo("2022-06-27");
  }

  @Test
  void problemsWithoutAConfirmedWorkingPaperCannotGoIntoTheReport() {
    assertThatThrownBy(() -> steps.draftReport(step, 1, Map.of("problems", List.of("999999"), "commonProblems", List.of("999999"),
        "clues", List.of(Map.of("summary", "其他问题", "kind", "other")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("发现问题清单：问题 999999 没有经组长确认的问题底稿")
        .hasMessageContaining("发现问题清单：至少列入一个经组长确认的问题底稿")
        .hasMessageContaining("共性问题清单：问题 999999 没有经组长确认的问题底稿，或未列入发现问题清单")
        .hasMessageContaining("问题线索第 1 条：其他问题须选择移交的部门");
    assertThat(step).isWaitingAt("Task_DraftReport");
    assertThat(reports.report(unit)).isEmpty();
    assertThat(reports.problems(unit)).isEmpty();
  }

  @Test
  void officeReturnsTheReportWithAComment() {
    steps.draftReport(step, 1, Map.of());
    steps.reviewReport(step, "Task_ConsultReport", "return", "请补充谈话人数");

    assertThat(step).isWaitingAt("Task_DraftReport");
    assertThat(engine.getTaskService().getVariable(steps.task(step, "Task_DraftReport", null).getId(), "returnComment"))
        .isEqualTo("请补充谈话人数");
  }

  @Test
  void leadingGroupReturnsTheReportOnlyWithAComment() {
    steps.draftReport(step, 1, Map.of());
    steps.reviewReport(step, "Task_ConsultReport", "approve", null);
    assertThatThrownBy(() -> steps.reviewReport(step, "Task_ReviewReport", "return", ""))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(step).isWaitingAt("Task_ReviewReport");

    steps.reviewReport(step, "Task_ReviewReport", "return", "问题定性需进一步斟酌");
    assertThat(step).isWaitingAt("Task_DraftReport");
    assertThat(engine.getTaskService().getVariable(steps.task(step, "Task_DraftReport", null).getId(), "returnComment"))
        .isEqualTo("问题定性需进一步斟酌");
    assertThat(engine.getRuntimeService().getVariable(step.getId(), "reportHeardOn")).isNull();
  }

  @Test
  void lateReportIsRemindedTwoWorkingDaysBeforeAndEscalatedAfterTheDeadline() {
    ProcessInstance watch = steps.watch(step, "D2");
    deadlines.remindsThenEscalates(step, "Task_DraftReport", "D2", "2022-06-22T00:00", "2022-06-25T00:00");
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "约谈第一巡察组组长"));

    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated");
    assertThat(step).isWaitingAt("Task_DraftReport");
  }

  /** The out-mapping of the approval date: the spine, started at its report step, hands it to steps 7 and 8. */
  @Test
  void approvalDateTravelsThroughTheSpineToTheSecretaryMeetingAndTheFeedback() {
    new ReportSeed(reports, jdbc).confirmedPaper(units.unit(round, "unit2"), "村级财务管理不规范");
    Map<String, Object> spineVariables = new HashMap<>(fixture.unitVariables(round, "unit2", Map.of()));
    ProcessInstance spine = engine.getRuntimeService().createProcessInstanceByKey("unit-inspection").businessKey(round + "/unit2")
        .setVariables(spineVariables).startBeforeActivity("CallActivity_Report").execute();

    steps.draftReport(spine, 2, Map.of());
    steps.reviewReport(spine, "Task_ConsultReport", "approve", null);
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(spine, "Task_ReviewReport", "approve", null);

    assertThat(spine).isWaitingAt("CallActivity_SecretaryMeeting", "CallActivity_Feedback");
    for (String called : List.of("step-07-secretary-meeting", "step-08-feedback")) {
      ProcessInstance next = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(spine.getId())
          .processDefinitionKey(called).singleResult();
      assertThat(engine.getRuntimeService().getVariable(next.getId(), "reportHeardOn")).as(called).isEqualTo("2022-06-27");
    }
    assertThat(steps.task(spine, "Task_SecretaryMeeting", null)).hasDueDate(beijing("2022-07-07T23:59:59.999"));
  }

}

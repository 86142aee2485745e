package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.system.InvalidInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 1 (step-01-deployment): the office drafts the round plan, the leading group reviews it, the
 * county committee approves it; either may return it. Started directly, as the round's spine calls
 * it with a new round's business key and the chosen preset; storing the approval is the spine's
 * ({@link InspectionRoundTest}).
 */
@XunchaSpringTest
class DeploymentStepTest extends StepTestSupport {

  @Autowired
  WorkingDayCalendar calendar;
  RoundPlanSteps steps;

  @Autowired
  Reviews reviews;

  private List<Review> reviews(String key) {
    return reviews.history(Subject.round(rounds.find(key).orElseThrow().id()), ReviewKind.ROUND_PLAN_PROPOSAL, ReviewKind.ROUND_PLAN_APPROVAL);
  }

  @BeforeEach
  void setUp() {
    steps = new RoundPlanSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
  }

  private ProcessInstance start(String preset) {
    return fixture.start("step-01-deployment", "round-" + UUID.randomUUID(), Map.of(RoundVariables.PRESET, preset));
  }

  @Test
  void samplePresetIsDatedFromTheDayItIsLoaded() {
    assertThat(SampleRound.datedFrom(SampleRound.DRAFTED_ON, calendar)).isEqualTo(SampleRound.plan());

    ProcedureSteps.at("2026-11-30T09:00");
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    Task draft = steps.task(step, "Task_DraftRoundPlan");
    Map<String, Object> shown = engine.getTaskService().getVariables(draft.getId(),
        List.of(RoundPlanForm.ENTRY_DATE, RoundPlanForm.PLAN_FILING_DATE, RoundPlanForm.WITHDRAWAL_DATE, RoundPlanForm.NAME));
    // 2022: entry 13 working days after the draft (Qingming off, Saturday 04-02 worked), filing one
    // more, withdrawal 34 working days after entry; December 2026 has no holidays.
    assertThat(shown).containsEntry(RoundPlanForm.ENTRY_DATE, "2026-12-17")
        .containsEntry(RoundPlanForm.PLAN_FILING_DATE, "2026-12-18")
        .containsEntry(RoundPlanForm.NAME, SampleRound.plan().name());
    LocalDate entry = LocalDate.parse((String) shown.get(RoundPlanForm.ENTRY_DATE));
    LocalDate withdrawal = LocalDate.parse((String) shown.get(RoundPlanForm.WITHDRAWAL_DATE));
    assertThat(calendar.workdaysBetween(entry, withdrawal))
        .isEqualTo(calendar.workdaysBetween(SampleRound.plan().entryDate(), SampleRound.plan().withdrawalDate()));
  }

  @Test
  void planProposedByTheLeadingGroupAndApprovedByTheCommitteeEndsTheStep() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    assertThat(step).isWaitingAt("Task_DraftRoundPlan").task().hasCandidateGroup("office");

    steps.submitPlan(step, Map.of());
    assertThat(step).isWaitingAt("Task_ReviewRoundPlan").task().hasCandidateGroup("leading-group");
    steps.review(step, "leader1", "approve", null);
    assertThat(step).isWaitingAt("Task_ApproveRoundPlan").task().hasCandidateGroup("committee");
    Map<String, Object> shown = engine.getTaskService().getVariables(steps.task(step, "Task_ApproveRoundPlan").getId(),
        List.of("reviewHeading", "outcomeOptions"));
    assertThat(shown.get("reviewHeading")).as("the committee approves (审批), 办法 第十八条(一)").isEqualTo("县委审批");
    assertThat(String.valueOf(shown.get("outcomeOptions"))).contains("批准").doesNotContain("审议");
    steps.review(step, "committee1", "approve", "同意");

    assertThat(step).hasPassedInOrder("Task_DraftRoundPlan", "Task_ReviewRoundPlan", "Gateway_LeadingGroupDecision",
        "Task_ApproveRoundPlan", "Gateway_CommitteeDecision", "EndEvent_DeploymentStep").isEnded();
    String key = step.getBusinessKey();
    assertThat(rounds.find(key)).get().satisfies(stored -> {
      assertThat(stored.status()).as("approval is stored by the spine after the step").isEqualTo(RoundStatus.PROPOSED);
      assertThat(stored.createdBy()).isEqualTo("office1");
    });
    assertThat(rounds.findPlan(key)).get().as("the plan as submitted, its teams with this round's groups")
        .usingRecursiveComparison().ignoringFields("teams.groupId").isEqualTo(SampleRound.plan());
    assertThat(reviews(key)).extracting(Review::kind, Review::outcome, Review::actor)
        .containsExactly(tuple(ReviewKind.ROUND_PLAN_PROPOSAL, ReviewOutcome.APPROVE, "leader1"),
            tuple(ReviewKind.ROUND_PLAN_APPROVAL, ReviewOutcome.APPROVE, "committee1"));
  }

  @Test
  void planFieldsStayOutOfTheProcessVariables() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    steps.submitPlan(step, Map.of());
    steps.review(step, "leader1", "approve", null);
    steps.review(step, "committee1", "approve", null);

    List<String> names = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(step.getId()).list().stream()
        .filter(variable -> variable.getTaskId() == null && variable.getExecutionId().equals(step.getId()))
        .map(variable -> variable.getName()).toList();
    assertThat(names).containsExactlyInAnyOrder(RoundVariables.PRESET, ReviewTask.REVIEW_OUTCOME);
  }

  @Test
  void leadingGroupReturnsThePlanWithACommentTheOfficeSees() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    steps.submitPlan(step, Map.of());

    steps.review(step, "leader1", "return", "请补充各组联络员");

    assertThat(step).hasPassed("Gateway_LeadingGroupDecision").isWaitingAt("Task_DraftRoundPlan");
    assertThat(returnCommentOnOfficeTask(step)).isEqualTo("请补充各组联络员");
    assertThat(rounds.find(step.getBusinessKey())).get().extracting(RoundRecord::status).isEqualTo(RoundStatus.RETURNED);

    steps.submitPlan(step, Map.of(RoundPlanForm.NAME, "十五届县委第二轮巡察（修改稿）"));
    assertThat(step).isWaitingAt("Task_ReviewRoundPlan");
    assertThat(rounds.findPlan(step.getBusinessKey())).get().extracting(RoundPlan::name)
        .isEqualTo("十五届县委第二轮巡察（修改稿）");
  }

  @Test
  void committeeReturnsThePlanToTheOffice() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    steps.submitPlan(step, Map.of());
    steps.review(step, "leader1", "approve", null);

    steps.review(step, "committee1", "return", "撤回日期请与县委工作安排衔接");

    assertThat(step).hasPassed("Gateway_CommitteeDecision").isWaitingAt("Task_DraftRoundPlan");
    assertThat(returnCommentOnOfficeTask(step)).isEqualTo("撤回日期请与县委工作安排衔接");
    steps.submitPlan(step, Map.of());
    steps.review(step, "leader1", "approve", null);
    steps.review(step, "committee1", "approve", null);
    assertThat(step).isEnded();
    assertThat(reviews(step.getBusinessKey())).extracting(Review::outcome)
        .containsExactly(ReviewOutcome.APPROVE, ReviewOutcome.RETURN, ReviewOutcome.APPROVE, ReviewOutcome.APPROVE);
  }

  @Test
  void returnWithoutCommentIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    steps.submitPlan(step, Map.of());

    assertThatThrownBy(() -> steps.review(step, "leader1", "return", "  "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThatThrownBy(() -> steps.review(step, "leader1", "maybe", null))
        .hasMessageContaining("审核结果");

    assertThat(step).isWaitingAt("Task_ReviewRoundPlan");
    assertThat(reviews(step.getBusinessKey())).isEmpty();
  }

  @Test
  void laterReviewCannotReuseAnEarlierDecision() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    steps.submitPlan(step, Map.of());
    steps.review(step, "leader1", "approve", null);

    assertThatThrownBy(() -> steps.complete("committee1", step, "Task_ApproveRoundPlan", Map.of()))
        .hasMessageContaining("审核结果");
    assertThat(step).isWaitingAt("Task_ApproveRoundPlan");
  }

  @Test
  void invalidPlansAreRefusedWithChineseMessagesAndNothingIsStored() throws Exception {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    List<Map<String, Object>> teams = formList(step, RoundPlanForm.TEAMS);
    List<Map<String, Object>> units = formList(step, RoundPlanForm.UNITS);
    teams.get(1).put("leader", "");
    units.get(2).put("teamNo", 1);
    units.get(1).put("name", units.get(0).get("name"));

    assertThatThrownBy(() -> steps.submitPlan(step, Map.of(
        RoundPlanForm.WITHDRAWAL_DATE, "2022-04-01",
        RoundPlanForm.NAME, " ",
        RoundPlanForm.TEAMS, json(teams),
        RoundPlanForm.UNITS, json(units))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).problems()).contains(
            "轮次名称：不能为空",
            "撤回日期：必须晚于进驻日期（2022-04-21）",
            "第二巡察组：组长：不能为空",
            "赵村镇党委：同一单位被分配了两次（第1组和第2组），每个单位只能由一个巡察组巡察"));

    assertThat(step).isWaitingAt("Task_DraftRoundPlan");
    assertThat(rounds.find(step.getBusinessKey())).isEmpty();
  }

  @Test
  void unreadableValuesAreRefusedBeforeTheRules() {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);

    assertThatThrownBy(() -> steps.submitPlan(step, Map.of(RoundPlanForm.ROUND_NO, "第二", RoundPlanForm.ENTRY_DATE, "4月21日")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("轮次：请填写整数")
        .hasMessageContaining("进驻日期：日期格式应为");
    assertThatThrownBy(() -> steps.submitPlan(step, Map.of(RoundPlanForm.TEAMS, "{not json")))
        .hasMessage("巡察组：数据格式不正确");
    assertThat(step).isWaitingAt("Task_DraftRoundPlan");
    assertThat(rounds.find(step.getBusinessKey())).isEmpty();
  }

  @Test
  void blankPresetGivesTheOfficeAnEmptyPlan() {
    ProcessInstance step = start(RoundStartedListener.BLANK);

    Task task = steps.task(step, "Task_DraftRoundPlan");
    assertThat(engine.getTaskService().getVariable(task.getId(), RoundPlanForm.NAME)).isNull();
    assertThatThrownBy(() -> steps.submitPlan(step, Map.of()))
        .hasMessageContaining("巡察组：至少需要一个巡察组");
    assertThat(step).isWaitingAt("Task_DraftRoundPlan");
  }

  @Test
  void formsInFormsFolderAreDeployedAndResolvedByFormRef() throws Exception {
    ProcessInstance step = start(RoundStartedListener.SAMPLE);
    String deploymentId = engine.getRepositoryService().getProcessDefinition(step.getProcessDefinitionId()).getDeploymentId();

    assertThat(engine.getRepositoryService().getDeploymentResourceNames(deploymentId))
        .anySatisfy(name -> assertThat(name).endsWith("round-plan.form"))
        .anySatisfy(name -> assertThat(name).endsWith("round-plan-review.form"));
    assertThat(formId(steps.task(step, "Task_DraftRoundPlan"))).isEqualTo("round-plan");
    steps.submitPlan(step, Map.of());
    assertThat(formId(steps.task(step, "Task_ReviewRoundPlan"))).isEqualTo("round-plan-review");
  }

  private String formId(Task task) throws Exception {
    try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
      return new ObjectMapper().readTree(form).get("id").asText();
    }
  }

  private Object returnCommentOnOfficeTask(ProcessInstance step) {
    return engine.getTaskService().getVariable(steps.task(step, "Task_DraftRoundPlan").getId(), RoundVariables.RETURN_COMMENT);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> formList(ProcessInstance step, String field) throws Exception {
    Object value = engine.getTaskService().getVariable(steps.task(step, "Task_DraftRoundPlan").getId(), field);
    return new ObjectMapper().readValue(value.toString(), List.class);
  }

  private static String json(Object value) throws Exception {
    return new ObjectMapper().writeValueAsString(value);
  }
}

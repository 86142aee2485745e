package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@XunchaSpringTest
class RoundPlanProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  Reviews reviews;
  RoundPlanSteps steps;

  @Autowired
  WorkingDayCalendar calendar;

  @BeforeEach
  void setUp() {
    steps = new RoundPlanSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
  }

  @Test
  void samplePresetIsDatedFromTheDayItIsLoaded() {
    assertThat(SampleRound.datedFrom(SampleRound.DRAFTED_ON, calendar)).isEqualTo(SampleRound.plan());

    ProcedureSteps.at("2026-11-30T09:00");
    ProcessInstance round = steps.startWithSample();
    Task draft = steps.task(round, "Task_DraftRoundPlan");
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
  void approvedPlanIsStoredWithItsReviews() {
    ProcessInstance round = steps.startWithSample();
    assertThat(round).isWaitingAt("Task_DraftRoundPlan").task().hasCandidateGroup("office");

    steps.submitPlan(round, Map.of());
    assertThat(round).isWaitingAt("Task_ReviewRoundPlan").task().hasCandidateGroup("leading-group");
    steps.review(round, "leader1", "approve", null);
    assertThat(round).isWaitingAt("Task_ApproveRoundPlan").task().hasCandidateGroup("committee");
    steps.review(round, "committee1", "approve", "同意");

    assertThat(round).hasPassedInOrder(
        "Task_DraftRoundPlan", "Task_ReviewRoundPlan", "Task_ApproveRoundPlan", "Task_StoreApprovedPlan")
        .isWaitingAt("Task_RecordTraining", "Task_RecordPartyBranch", "Task_AnswerInquiry");
    String key = round.getBusinessKey();
    assertThat(key).startsWith("round-");
    assertThat(rounds.find(key)).get().satisfies(stored -> {
      assertThat(stored.status()).isEqualTo(RoundStatus.APPROVED);
      assertThat(stored.approvedAt()).isNotNull();
      assertThat(stored.createdBy()).isEqualTo("office1");
    });
    assertThat(rounds.findPlan(key)).contains(SampleRound.plan());
    assertThat(reviews(key)).extracting(Review::kind, Review::outcome, Review::actor, Review::comment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ReviewKind.ROUND_PLAN_PROPOSAL, ReviewOutcome.APPROVE, "leader1", null),
            org.assertj.core.groups.Tuple.tuple(ReviewKind.ROUND_PLAN_APPROVAL, ReviewOutcome.APPROVE, "committee1", "同意"));
  }

  @Test
  void planFieldsStayOutOfTheProcessVariables() {
    ProcessInstance round = steps.approvedSampleRound();

    List<String> names = engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(round.getId()).list().stream()
        .filter(variable -> variable.getTaskId() == null && variable.getExecutionId().equals(round.getId()))
        .map(variable -> variable.getName()).toList();
    assertThat(names).containsExactlyInAnyOrder(RoundVariables.PRESET, ReviewTask.REVIEW_OUTCOME, "planDecision",
        RoundVariables.ROUND_KEY, RoundVariables.ENTRY_DATE, RoundVariables.WITHDRAWAL_DATE, RoundVariables.PLAN_FILING_DATE,
        "inquiriesSent", "inquiryWorkdays");
  }

  @Test
  void leadingGroupReturnsThePlanWithACommentTheOfficeSees() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());

    steps.review(round, "leader1", "return", "请补充各组联络员");

    assertThat(round).isWaitingAt("Task_DraftRoundPlan");
    assertThat(returnCommentOnOfficeTask(round)).isEqualTo("请补充各组联络员");
    assertThat(rounds.find(round.getBusinessKey())).get().extracting(RoundRecord::status).isEqualTo(RoundStatus.RETURNED);

    steps.submitPlan(round, Map.of(RoundPlanForm.NAME, "十五届县委第二轮巡察（修改稿）"));
    assertThat(round).isWaitingAt("Task_ReviewRoundPlan");
    assertThat(rounds.findPlan(round.getBusinessKey())).get().extracting(RoundPlan::name)
        .isEqualTo("十五届县委第二轮巡察（修改稿）");
  }

  @Test
  void committeeReturnsThePlanToTheOffice() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());
    steps.review(round, "leader1", "approve", null);

    steps.review(round, "committee1", "return", "撤回日期请与县委工作安排衔接");

    assertThat(round).isWaitingAt("Task_DraftRoundPlan");
    assertThat(returnCommentOnOfficeTask(round)).isEqualTo("撤回日期请与县委工作安排衔接");
    steps.submitPlan(round, Map.of());
    steps.review(round, "leader1", "approve", null);
    steps.review(round, "committee1", "approve", null);
    assertThat(round).hasPassed("Task_StoreApprovedPlan");
    assertThat(reviews(round.getBusinessKey())).extracting(Review::outcome)
        .containsExactly(ReviewOutcome.APPROVE, ReviewOutcome.RETURN, ReviewOutcome.APPROVE, ReviewOutcome.APPROVE);
  }

  @Test
  void returnWithoutCommentIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());

    assertThatThrownBy(() -> steps.review(round, "leader1", "return", "  "))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThatThrownBy(() -> steps.review(round, "leader1", "maybe", null))
        .hasMessageContaining("审核结果");

    assertThat(round).isWaitingAt("Task_ReviewRoundPlan");
    assertThat(reviews(round.getBusinessKey())).isEmpty();
  }

  @Test
  void laterReviewCannotReuseAnEarlierDecision() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());
    steps.review(round, "leader1", "approve", null);

    assertThatThrownBy(() -> steps.complete("committee1", round, "Task_ApproveRoundPlan", Map.of()))
        .hasMessageContaining("审核结果");
    assertThat(round).isWaitingAt("Task_ApproveRoundPlan");
  }

  @Test
  void invalidPlansAreRefusedWithChineseMessagesAndNothingIsStored() throws Exception {
    ProcessInstance round = steps.startWithSample();
    List<Map<String, Object>> teams = formList(round, RoundPlanForm.TEAMS);
    List<Map<String, Object>> units = formList(round, RoundPlanForm.UNITS);
    teams.get(1).put("leader", "");
    units.get(2).put("teamNo", 1);
    units.get(1).put("name", units.get(0).get("name"));

    assertThatThrownBy(() -> steps.submitPlan(round, Map.of(
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

    assertThat(round).isWaitingAt("Task_DraftRoundPlan");
    assertThat(rounds.find(round.getBusinessKey())).isEmpty();
  }

  @Test
  void unreadableValuesAreRefusedBeforeTheRules() {
    ProcessInstance round = steps.startWithSample();

    assertThatThrownBy(() -> steps.submitPlan(round, Map.of(RoundPlanForm.ROUND_NO, "第二", RoundPlanForm.ENTRY_DATE, "4月21日")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("轮次：请填写整数")
        .hasMessageContaining("进驻日期：日期格式应为");
    assertThatThrownBy(() -> steps.submitPlan(round, Map.of(RoundPlanForm.TEAMS, "{not json")))
        .hasMessage("巡察组：数据格式不正确");
    assertThat(rounds.find(round.getBusinessKey())).isEmpty();
  }

  @Test
  void startFormRefusesAnUnknownPreset() {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("inspection-round").latestVersion().singleResult().getId();
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition, Map.of(RoundVariables.PRESET, "2019")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("方案来源");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void blankPresetGivesTheOfficeAnEmptyPlan() {
    String definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("inspection-round").latestVersion().singleResult().getId();
    ProcessInstance round = steps.as("office1", () -> engine.getFormService()
        .submitStartForm(definition, Map.of(RoundVariables.PRESET, RoundStartedListener.BLANK)));

    Task task = steps.task(round, "Task_DraftRoundPlan");
    assertThat(engine.getTaskService().getVariable(task.getId(), RoundPlanForm.NAME)).isNull();
    assertThatThrownBy(() -> steps.submitPlan(round, Map.of()))
        .hasMessageContaining("巡察组：至少需要一个巡察组");
  }

  @Test
  void formsInFormsFolderAreDeployedAndResolvedByFormRef() throws Exception {
    ProcessInstance round = steps.startWithSample();
    String deploymentId = engine.getRepositoryService().getProcessDefinition(round.getProcessDefinitionId()).getDeploymentId();

    assertThat(engine.getRepositoryService().getDeploymentResourceNames(deploymentId))
        .anySatisfy(name -> assertThat(name).endsWith("round-plan.form"))
        .anySatisfy(name -> assertThat(name).endsWith("round-start.form"))
        .anySatisfy(name -> assertThat(name).endsWith("round-plan-review.form"));
    try (InputStream form = engine.getFormService().getDeployedTaskForm(steps.task(round, "Task_DraftRoundPlan").getId())) {
      assertThat(new ObjectMapper().readTree(form).get("id").asText()).isEqualTo("round-plan");
    }
    try (InputStream form = engine.getFormService().getDeployedStartForm(round.getProcessDefinitionId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"round-start\"");
    }
  }

  private List<Review> reviews(String key) {
    return reviews.history(Subject.round(rounds.find(key).orElseThrow().id()),
        ReviewKind.ROUND_PLAN_PROPOSAL, ReviewKind.ROUND_PLAN_APPROVAL);
  }

  private Object returnCommentOnOfficeTask(ProcessInstance round) {
    return engine.getTaskService().getVariable(steps.task(round, "Task_DraftRoundPlan").getId(), RoundVariables.RETURN_COMMENT);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> formList(ProcessInstance round, String field) throws Exception {
    Object value = engine.getTaskService().getVariable(steps.task(round, "Task_DraftRoundPlan").getId(), field);
    return new ObjectMapper().readValue(value.toString(), List.class);
  }

  private static String json(Object value) throws Exception {
    return new ObjectMapper().writeValueAsString(value);
  }
}

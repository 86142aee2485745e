package cn.xuncha.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The one review mechanism (issue 14.5), on the office's filing of a team plan: an approval and a
 * return with a comment are stored and route the process through {@code reviewOutcome}; a return
 * without a comment is refused with the one Chinese message and changes nothing. And every review
 * task of the models is a {@link ReviewKind} whose form asks the same two fields.
 */
@XunchaSpringTest
class ReviewTaskTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Reviews reviews;
  @Autowired
  RoundUnits rounds;
  @Autowired
  ApplicationContext context;
  ProcedureSteps steps;
  ProcessInstance unit;

  @BeforeEach
  void unitWithATeamPlanToFile() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    unit = steps.startUnit(steps.approvedRound(), 1);
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of());
  }

  @Test
  void theFormOffersTheKindsLabels() {
    Object options = engine.getTaskService().getVariable(filing().getId(), ReviewTask.OUTCOME_OPTIONS);

    assertThat(options.toString()).contains("\"value\":\"approve\"", "\"label\":\"予以备案\"", "\"value\":\"return\"", "\"label\":\"退回修改\"");
  }

  @Test
  void approvalIsStoredAndRoutesOn() {
    Task filing = filing();

    steps.fileTeamPlan(unit, "approve", null);

    assertThat(steps.task(unit, "Task_PrepareAnnouncement", null)).isNotNull();
    assertThat(outcomeVariable(filing)).containsExactly("approve");
    assertThat(history()).singleElement().satisfies(review -> {
      assertThat(review.kind()).isEqualTo(ReviewKind.TEAM_PLAN_FILING);
      assertThat(review.outcome()).isEqualTo(ReviewOutcome.APPROVE);
      assertThat(review.comment()).isNull();
      assertThat(review.actor()).isEqualTo("office1");
      assertThat(review.taskId()).isEqualTo(filing.getId());
      assertThat(review.decidedAt()).isEqualTo(java.time.OffsetDateTime.parse("2022-04-01T09:00+08:00").toInstant());
    });
  }

  @Test
  void returnWithACommentIsStoredAndTheAuthorSeesTheComment() {
    Task filing = filing();

    steps.fileTeamPlan(unit, "return", "  请补充信访应急预案的联系人 ");

    assertThat(outcomeVariable(filing)).containsExactly("return");
    assertThat(history()).extracting(Review::outcome, Review::comment)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ReviewOutcome.RETURN, "请补充信访应急预案的联系人"));
    Task draft = steps.task(unit, "Task_DraftTeamPlan", null);
    assertThat(engine.getTaskService().getVariable(draft.getId(), "returnComment")).isEqualTo("请补充信访应急预案的联系人");
  }

  @Test
  void returnWithoutACommentIsRefusedInChineseAndChangesNothing() {
    Task filing = filing();

    for (String blank : Arrays.asList(null, "", "   ")) {
      assertThatThrownBy(() -> steps.fileTeamPlan(unit, "return", blank))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("退回时须填写意见");
    }

    assertThat(filing().getId()).isEqualTo(filing.getId());
    assertThat(history()).isEmpty();
    assertThat(outcomeVariable(filing)).isEmpty();
  }

  @Test
  void anOutcomeOtherThanApproveOrReturnIsRefused() {
    assertThatThrownBy(() -> steps.fileTeamPlan(unit, "file", null)).hasMessage("审核结果：“file”不是可选项");
    assertThatThrownBy(() -> steps.fileTeamPlan(unit, null, null)).hasMessage("审核结果：请选择");
    assertThat(history()).isEmpty();
  }

  /**
   * Each user task whose listener is a review task is one kind, and each kind is such a task; its
   * form ends with outcome and comment (a review may ask more before them, as 同时移交 for a clue).
   */
  @Test
  void everyReviewTaskOfTheModelsIsAKindWithTheSameFormFields() throws IOException {
    Map<String, String> formsOfReviewTasks = new TreeMap<>();
    try (Stream<Path> models = Files.walk(Path.of("processes"))) {
      for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
        for (UserTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(UserTask.class)) {
          if (isReview(task)) {
            formsOfReviewTasks.put(task.getId(), task.getCamundaFormRef());
          }
        }
      }
    }

    assertThat(formsOfReviewTasks.keySet())
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ReviewKind.values()).map(ReviewKind::taskDefinitionKey).toList());
    ObjectMapper json = new ObjectMapper();
    for (String form : formsOfReviewTasks.values()) {
      JsonNode components = json.readTree(Path.of("forms", form + ".form").toFile()).path("components");
      assertThat(components.findValuesAsText("key")).as(form).endsWith(ReviewTask.OUTCOME, ReviewTask.COMMENT);
      assertThat(java.util.stream.StreamSupport.stream(components.spliterator(), false)
          .filter(component -> ReviewTask.OUTCOME.equals(component.path("key").asText())).map(component -> component.path("valuesKey").asText()))
          .as(form + ": the outcome's options come from the review kind").containsExactly(ReviewTask.OUTCOME_OPTIONS);
    }
  }

  private boolean isReview(UserTask task) {
    if (task.getExtensionElements() == null) {
      return false;
    }
    return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
        .map(CamundaTaskListener::getCamundaDelegateExpression)
        .map(expression -> expression.substring(2, expression.length() - 1))
        .anyMatch(bean -> context.getBean(bean) instanceof ReviewTask);
  }

  /** The values {@code reviewOutcome} took in the process instance of a review task, for its gateway. */
  private List<Object> outcomeVariable(Task review) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(review.getProcessInstanceId())
        .variableName(ReviewTask.REVIEW_OUTCOME).list().stream().map(variable -> variable.getValue()).toList();
  }

  private Task filing() {
    return steps.task(unit, "Task_FileTeamPlan", null);
  }

  private List<Review> history() {
    String roundKey = (String) engine.getRuntimeService().getVariable(unit.getId(), "roundKey");
    return reviews.history(Subject.unit(rounds.unit(roundKey, "unit1")), ReviewKind.values());
  }
}

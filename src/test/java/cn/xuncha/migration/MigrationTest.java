package cn.xuncha.migration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A changed model deployed under the same key while a clue transfer (办法 第十九条) waits at the
 * receiver's task: new instances start on it, the running one moves to it only on the office's
 * migration, and only where the change allows it.
 */
@XunchaSpringTest
class MigrationTest {

  private static final String KEY = "clue-transfer";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  ProcessEngine engine;
  @Autowired
  ProcessVersions versions;
  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final List<String> deployments = new ArrayList<>();
  ProcessInstance transfer;
  String originalDefinition;

  /** A clue transferred on 2022-07-01, waiting at 办理并书面反馈 with its one-month overdue timer (2022-08-01). */
  @BeforeEach
  void transferAClue() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance unit = steps.withdrawn(steps.approvedRound(), 1);
    steps.reportAndFeedBack(unit, 1, "unit1");
    ProcedureSteps.at("2022-07-01T09:00");
    steps.transferClues(unit);
    transfer = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(unit.getId())
        .processDefinitionKey(KEY).singleResult();
    originalDefinition = transfer.getProcessDefinitionId();
    assertThat(overdueTimer().getDuedate()).isEqualTo(beijing("2022-08-01T23:59:59.999"));
  }

  @AfterEach
  void removeChangedVersions() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true, true, true));
  }

  @Test
  void aChangedDeadlineTakesEffectOnARunningInstanceMigratedByTheOffice() {
    Task task = handleClue();
    Map<String, Object> variables = engine.getRuntimeService().getVariables(transfer.getId());
    Date reminder = reminderTimer().getDuedate();
    String changed = deployChanged(model -> {
      timeDate(model, "Timer_HandleClueOverdue").setTextContent("${deadlines.monthsAfter(transferredOn, 2)}");
      model.<BoundaryEvent>getModelElementById("Timer_HandleClueOverdue").setName("移交满2个月");
      UserTask handle = model.getModelElementById("Task_HandleClue");
      handle.setName("办理并在两个月内书面反馈");
      handle.setCamundaDueDate("${deadlines.monthsAfter(transferredOn, 2)}");
    }, form -> form.replace("\"办理情况书面反馈\"", "\"办理情况书面反馈（两个月内）\""));
    assertThat(task.getDueDate()).isEqualTo(beijing("2022-08-01T23:59:59.999"));
    assertThat(runningDefinition()).as("a deployment leaves running instances where they are").isEqualTo(originalDefinition);
    assertThat(engine.getRuntimeService().createProcessInstanceByKey(KEY).startBeforeActivity("Task_HandleClue")
        .setVariables(variables).execute(true, true).getProcessDefinitionId()).as("new instances start on the newest").isEqualTo(changed);

    ProcessVersions.Outcome check = versions.check(KEY, "office1", List.of("office"));
    assertThat(check.migratable()).isTrue();
    assertThat(check.targetDefinitionId()).isEqualTo(changed);
    assertThat(runningDefinition()).as("a check changes nothing").isEqualTo(originalDefinition);

    ProcessVersions.Outcome outcome = versions.migrate(KEY, changed, "office1", List.of("office"));

    assertThat(outcome.migrated()).isTrue();
    assertThat(outcome.problems()).isEmpty();
    assertThat(runningDefinition()).isEqualTo(changed);
    assertThat(handleClue().getId()).isEqualTo(task.getId());
    assertThat(handleClue().getName()).isEqualTo("办理并在两个月内书面反馈");
    assertThat(handleClue().getDueDate()).isEqualTo(beijing("2022-09-01T23:59:59.999"));
    assertThat(form(task.getId())).contains("办理情况书面反馈（两个月内）");
    assertThat(engine.getRuntimeService().getVariables(transfer.getId())).isEqualTo(variables);
    assertThat(overdueTimer().getDuedate()).isEqualTo(beijing("2022-09-01T23:59:59.999"));
    assertThat(reminderTimer().getDuedate()).isEqualTo(reminder);
    assertThat(versions.history()).first().satisfies(record -> {
      assertThat(record.user()).isEqualTo("office1");
      assertThat(record.key()).isEqualTo(KEY);
      assertThat(record.toVersion()).isEqualTo(version(changed));
      assertThat(record.fromVersion()).isEqualTo(version(originalDefinition));
    });
  }

  @Test
  void theOfficeMigratesThroughTheJsonApiWithHttpBasic() throws Exception {
    String changed = deployChanged(model -> timeDate(model, "Timer_HandleClueOverdue")
        .setTextContent("${deadlines.monthsAfter(transferredOn, 2)}"), UnaryOperator.identity());

    JsonNode listed = json(send(basic("/api/migration", "office1").GET()), 200);
    JsonNode clueTransfer = listed.findParents("key").stream().filter(p -> p.path("key").asText().equals(KEY)).findFirst().orElseThrow();
    assertThat(clueTransfer.path("versions").get(0).path("definitionId").asText()).isEqualTo(changed);

    JsonNode migrated = json(send(basic("/api/migration/" + KEY + "?target=" + enc(changed), "office1")
        .POST(HttpRequest.BodyPublishers.noBody())), 200);

    assertThat(migrated.path("migrated").asBoolean()).isTrue();
    assertThat(runningDefinition()).isEqualTo(changed);
    assertThat(overdueTimer().getDuedate()).isEqualTo(beijing("2022-09-01T23:59:59.999"));
  }

  @Test
  void aWaitingTaskMissingFromTheNewVersionIsReportedInChineseAndNothingMoves() throws Exception {
    Task task = handleClue();
    Date overdue = overdueTimer().getDuedate();
    String changed = deployChanged(model -> model.<UserTask>getModelElementById("Task_HandleClue").setId("Task_AnswerClue"),
        UnaryOperator.identity());
    String expected = "“办理并书面反馈”（Task_HandleClue）：实例正停在这一环节，新版本中没有相同 id 的同类环节（被删除、改了 id 或改了类型），不能迁移";

    String session = send(basic("/migration/" + KEY, "office1").GET()).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String page = send(basic("/migration/" + KEY, "office1").header("Cookie", session).GET()).body();
    assertThat(page).contains("不能迁移，原因如下（未做任何改动）", expected).doesNotContain("确认迁移", "instruction", "Exception");

    ProcessVersions.Outcome outcome = versions.migrate(KEY, changed, "office1", List.of("office"));
    assertThat(outcome.migrated()).isFalse();
    assertThat(outcome.problems()).anySatisfy(problem -> assertThat(problem).startsWith(expected));

    JsonNode refused = json(send(basic("/api/migration/" + KEY, "office1").POST(HttpRequest.BodyPublishers.noBody())), 409);
    assertThat(refused.path("problems").toString()).contains(expected);

    Matcher token = CSRF.matcher(send(basic("/calendar", "office1").header("Cookie", session).GET()).body());
    assertThat(token.find()).isTrue();
    HttpResponse<String> posted = send(basic("/migration/" + KEY, "office1").header("Cookie", session)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("target=" + enc(changed) + "&_csrf=" + enc(token.group(1)))));
    assertThat(posted.statusCode()).isEqualTo(302);
    assertThat(send(basic("/migration", "office1").header("Cookie", session).GET()).body())
        .contains("未迁移，所有在办实例保持原版本", expected);

    assertThat(runningDefinition()).isEqualTo(originalDefinition);
    assertThat(handleClue().getId()).isEqualTo(task.getId());
    assertThat(overdueTimer().getDuedate()).isEqualTo(overdue);
  }

  @Test
  void aNewVersionExpectingAVariableTheInstanceLacksIsRefusedAndNothingMoves() {
    Date overdue = overdueTimer().getDuedate();
    String changed = deployChanged(model -> timeDate(model, "Timer_HandleClueOverdue")
        .setTextContent("${deadlines.monthsAfter(handedOverOn, 2)}"), UnaryOperator.identity());

    assertThat(versions.check(KEY, "office1", List.of("office")).problems())
        .anySatisfy(problem -> assertThat(problem).contains("表达式无法按实例现有的流程变量计算"));
    ProcessVersions.Outcome outcome = versions.migrate(KEY, changed, "office1", List.of("office"));

    assertThat(outcome.migrated()).isFalse();
    assertThat(outcome.problems()).anySatisfy(problem -> assertThat(problem).contains("表达式无法按实例现有的流程变量计算"));
    assertThat(runningDefinition()).isEqualTo(originalDefinition);
    assertThat(overdueTimer().getDuedate()).isEqualTo(overdue);
  }

  @Test
  void everyoneButTheOfficeAndAdministratorsIsRefusedAndTheOfficeOnlyThroughTheChecks() throws Exception {
    String changed = deployChanged(model -> timeDate(model, "Timer_HandleClueOverdue")
        .setTextContent("${deadlines.monthsAfter(transferredOn, 2)}"), UnaryOperator.identity());
    for (String user : List.of("leader1", "committee1", "team1-leader", "unit1", "dept-discipline1")) {
      HttpResponse<String> list = send(basic("/api/migration", user).GET());
      assertThat(list.statusCode()).as(user).isEqualTo(403);
      assertThat(JSON.readTree(list.body()).path("message").asText()).isEqualTo(MigrationController.REFUSED);
      assertThat(send(basic("/api/migration/" + KEY + "?target=" + enc(changed), user).POST(HttpRequest.BodyPublishers.noBody()))
          .statusCode()).as(user).isEqualTo(403);
      HttpResponse<String> page = send(basic("/migration/" + KEY, user).header("Accept", "text/html").GET());
      assertThat(page.statusCode()).as(user).isEqualTo(403);
      assertThat(page.body()).contains("没有访问权限").doesNotContain("Exception");
    }
    String anyMapping = """
        {"migrationPlan": {"sourceProcessDefinitionId": "%s", "targetProcessDefinitionId": "%s",
          "instructions": [{"sourceActivityIds": ["Task_HandleClue"], "targetActivityIds": ["Task_HandleClue"]}]},
         "processInstanceIds": ["%s"]}""".formatted(originalDefinition, changed, transfer.getId());
    assertThat(send(basic("/engine-rest/migration/execute", "office1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(anyMapping))).statusCode())
        .as("the engine's API migrates with any mapping: administrators only").isEqualTo(403);
    assertThat(runningDefinition()).isEqualTo(originalDefinition);
    assertThat(send(basic("/api/migration/" + KEY, "admin").GET()).statusCode()).isEqualTo(200);
  }

  /**
   * The process model as the analyst has it, changed, deployed under the same key with the forms it
   * binds (the receiver's form changed by {@code replyForm}).
   */
  private String deployChanged(Consumer<BpmnModelInstance> change, UnaryOperator<String> replyForm) {
    BpmnModelInstance model;
    String reply;
    try (InputStream in = Files.newInputStream(Path.of("processes", KEY + ".bpmn"))) {
      model = Bpmn.readModelFromStream(in);
      reply = Files.readString(Path.of("forms", "clue-reply.form"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    change.accept(model);
    var deployment = engine.getRepositoryService().createDeployment().name("changed " + KEY)
        .addModelInstance(KEY + ".bpmn", model)
        .addString("clue-reply.form", replyForm.apply(reply)).addClasspathResource("forms/overdue.form")
        .deployWithResult();
    deployments.add(deployment.getId());
    return deployment.getDeployedProcessDefinitions().get(0).getId();
  }

  private static org.camunda.bpm.model.bpmn.instance.TimeDate timeDate(BpmnModelInstance model, String timerId) {
    return model.<BoundaryEvent>getModelElementById(timerId).getEventDefinitions().stream()
        .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast).findFirst().orElseThrow().getTimeDate();
  }

  private String form(String taskId) {
    try (InputStream form = engine.getFormService().getDeployedTaskForm(taskId)) {
      return new String(form.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String runningDefinition() {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(transfer.getId()).singleResult().getProcessDefinitionId();
  }

  private int version(String definitionId) {
    return engine.getRepositoryService().getProcessDefinition(definitionId).getVersion();
  }

  private Task handleClue() {
    return engine.getTaskService().createTaskQuery().processInstanceId(transfer.getId()).singleResult();
  }

  private Job overdueTimer() {
    return timer("Timer_HandleClueOverdue");
  }

  private Job reminderTimer() {
    return timer("Timer_HandleClueReminder");
  }

  private Job timer(String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(transfer.getId()).timers().activityId(activityId).singleResult();
  }

  private static Date beijing(String dateTime) {
    return Date.from(LocalDateTime.parse(dateTime).atZone(ProcedureSteps.BEIJING).toInstant());
  }

  private HttpRequest.Builder basic(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

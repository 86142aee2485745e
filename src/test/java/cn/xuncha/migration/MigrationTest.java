package cn.xuncha.migration;

import static cn.xuncha.ProcedureSteps.beijing;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
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
 * A changed step model deployed under the same key while a unit's on-site step ({@code
 * step-06-on-site}) waits at 登记问题底稿, whose boundary timer closes the papers at the deadline
 * {@code D8-withdrawal} of processes/deadlines.yaml: new instances start on the changed version, the
 * running one moves to it only on the office's migration, and only where the change allows it. The
 * step has called {@code step-06-mobile-villages}, which waits at 提出机动巡察村名单 under its D1 watch.
 */
@XunchaSpringTest
class MigrationTest {

  private static final String KEY = "step-06-on-site";
  private static final String MOBILE_VILLAGES = "step-06-mobile-villages";
  private static final String PAPERS_CLOSED = "${deadlineTable.due('D8-withdrawal', execution)}";
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
  ProcessInstance onSite;
  String originalDefinition;

  /**
   * Team 1 on site since its entry meeting on 2022-04-21, waiting at 登记问题底稿 with the timer that
   * closes the papers at the end of the withdrawal day (D8-withdrawal, 2022-06-10).
   */
  @BeforeEach
  void bringATeamOnSite() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance unit = steps.startUnit(steps.approvedRound(), 1);
    steps.bringOnSite(unit, 1, "unit1");
    onSite = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(unit.getId())
        .processDefinitionKey(KEY).singleResult();
    originalDefinition = onSite.getProcessDefinitionId();
    assertThat(papersClosedTimer().getDuedate()).isEqualTo(beijing("2022-06-10T23:59:59.999"));
  }

  @AfterEach
  void removeChangedVersions() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true, true, true));
  }

  @Test
  void aChangedDeadlineTakesEffectOnARunningInstanceMigratedByTheOffice() {
    Task task = recordPaper();
    Map<String, Object> variables = engine.getRuntimeService().getVariables(onSite.getId());
    Date reportsClosed = timer("Timer_ReportsClosed").getDuedate();
    String changed = deployChanged(model -> {
      timeDate(model, "Timer_PapersClosed").setTextContent(PAPERS_CLOSED.replace("D8-withdrawal", "D1"));
      model.<BoundaryEvent>getModelElementById("Timer_PapersClosed").setName("进驻满7日");
      model.<UserTask>getModelElementById("Task_RecordWorkingPaper").setName("登记问题底稿（进驻后7日内）");
    }, form -> form.replace("\"问题事实\"", "\"问题事实（进驻后7日内发现）\""));
    assertThat(runningDefinition()).as("a deployment leaves running instances where they are").isEqualTo(originalDefinition);
    assertThat(engine.getRuntimeService().createProcessInstanceByKey(KEY).startBeforeActivity("Task_RecordWorkingPaper")
        .setVariables(variables).execute(true, true).getProcessDefinitionId()).as("new instances start on the newest").isEqualTo(changed);

    ProcessVersions.Outcome check = versions.check(KEY, "office1", List.of("office"));
    assertThat(check.migratable()).as(String.join("\n", check.problems())).isTrue();
    assertThat(check.targetDefinitionId()).isEqualTo(changed);
    assertThat(runningDefinition()).as("a check changes nothing").isEqualTo(originalDefinition);
    assertThat(papersClosedTimer().getDuedate()).isEqualTo(beijing("2022-06-10T23:59:59.999"));

    ProcessVersions.Outcome outcome = versions.migrate(KEY, changed, "office1", List.of("office"));

    assertThat(outcome.migrated()).isTrue();
    assertThat(outcome.problems()).isEmpty();
    assertThat(runningDefinition()).isEqualTo(changed);
    assertThat(recordPaper().getId()).isEqualTo(task.getId());
    assertThat(recordPaper().getName()).isEqualTo("登记问题底稿（进驻后7日内）");
    assertThat(form(task.getId())).contains("问题事实（进驻后7日内发现）");
    assertThat(engine.getRuntimeService().getVariables(onSite.getId())).isEqualTo(variables);
    assertThat(papersClosedTimer().getDuedate()).as("D1: 7 days after the entry on 2022-04-21").isEqualTo(beijing("2022-04-28T23:59:59.999"));
    assertThat(timer("Timer_ReportsClosed").getDuedate()).as("an unchanged timer").isEqualTo(reportsClosed);
    assertThat(versions.history()).first().satisfies(record -> {
      assertThat(record.user()).isEqualTo("office1");
      assertThat(record.key()).isEqualTo(KEY);
      assertThat(record.toVersion()).isEqualTo(version(changed));
      assertThat(record.fromVersion()).isEqualTo(version(originalDefinition));
    });
  }

  @Test
  void theOfficeMigratesThroughTheJsonApiWithHttpBasic() throws Exception {
    String changed = deployChanged(model -> timeDate(model, "Timer_PapersClosed")
        .setTextContent(PAPERS_CLOSED.replace("D8-withdrawal", "D1")), UnaryOperator.identity());

    JsonNode listed = json(send(basic("/api/migration", "office1").GET()), 200);
    JsonNode step = listed.findParents("key").stream().filter(p -> p.path("key").asText().equals(KEY)).findFirst().orElseThrow();
    assertThat(step.path("versions").get(0).path("definitionId").asText()).isEqualTo(changed);

    JsonNode migrated = json(send(basic("/api/migration/" + KEY + "?target=" + enc(changed), "office1")
        .POST(HttpRequest.BodyPublishers.noBody())), 200);

    assertThat(migrated.path("migrated").asBoolean()).isTrue();
    assertThat(runningDefinition()).isEqualTo(changed);
    assertThat(papersClosedTimer().getDuedate()).isEqualTo(beijing("2022-04-28T23:59:59.999"));
  }

  @Test
  void aWaitingTaskMissingFromTheNewVersionIsReportedInChineseAndNothingMoves() throws Exception {
    Task task = recordPaper();
    Date papersClosed = papersClosedTimer().getDuedate();
    String changed = deployChanged(model -> model.<UserTask>getModelElementById("Task_RecordWorkingPaper").setId("Task_RecordProblem"),
        UnaryOperator.identity());
    String expected = "“登记问题底稿”（Task_RecordWorkingPaper）：实例正停在这一环节，新版本中没有相同 id 的同类环节（被删除、改了 id 或改了类型），不能迁移";

    // a call with Basic credentials keeps no session: the one the form's CSRF token lives in starts with a page that has a form
    String session = send(basic("/calendar", "office1").GET()).headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
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
    assertThat(recordPaper().getId()).isEqualTo(task.getId());
    assertThat(papersClosedTimer().getDuedate()).isEqualTo(papersClosed);
  }

  @Test
  void aNewVersionExpectingAVariableTheInstanceLacksIsRefusedAndNothingMoves() {
    Date papersClosed = papersClosedTimer().getDuedate();
    // D5 counts from feedbackReceivedOn, a variable of the rectification step that the on-site step never has.
    String changed = deployChanged(model -> timeDate(model, "Timer_PapersClosed")
        .setTextContent(PAPERS_CLOSED.replace("D8-withdrawal", "D5")), UnaryOperator.identity());

    assertThat(versions.check(KEY, "office1", List.of("office")).problems())
        .anySatisfy(problem -> assertThat(problem).contains("表达式无法按实例现有的流程变量计算"));
    ProcessVersions.Outcome outcome = versions.migrate(KEY, changed, "office1", List.of("office"));

    assertThat(outcome.migrated()).isFalse();
    assertThat(outcome.problems()).anySatisfy(problem -> assertThat(problem).contains("表达式无法按实例现有的流程变量计算"));
    assertThat(runningDefinition()).isEqualTo(originalDefinition);
    assertThat(papersClosedTimer().getDuedate()).isEqualTo(papersClosed);
  }

  @Test
  void anotherDeadlineForAWatchedActivityIsRefusedBecauseItsRunningWatchWouldKeepTheOldOne() {
    ProcessInstance mobileVillages = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(onSite.getId())
        .processDefinitionKey(MOBILE_VILLAGES).singleResult();
    String mobileDefinition = mobileVillages.getProcessDefinitionId();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("deadline-watch")
        .variableValueEquals("watchedInstanceId", mobileVillages.getId()).variableValueEquals("deadlineId", "D1").count())
        .as("naming the mobile villages is watched by D1").isOne();
    String changed = deployChanged(MOBILE_VILLAGES, model -> model.<UserTask>getModelElementById("Task_NameMobileVillages")
        .getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).singleResult().getCamundaProperties().stream()
        .filter(property -> "deadline".equals(property.getCamundaName()))
        .forEach(property -> property.setCamundaValue("D8-withdrawal")), UnaryOperator.identity());

    ProcessVersions.Outcome outcome = versions.migrate(MOBILE_VILLAGES, changed, "office1", List.of("office"));

    assertThat(outcome.migrated()).isFalse();
    assertThat(outcome.problems()).anySatisfy(problem -> assertThat(problem)
        .contains("提出机动巡察村名单", "Task_NameMobileVillages", "期限由 D1 改为 D8-withdrawal", "只能用于新轮次"));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(mobileVillages.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(mobileDefinition);
  }

  @Test
  void everyoneButTheOfficeAndAdministratorsIsRefusedAndTheOfficeOnlyThroughTheChecks() throws Exception {
    String changed = deployChanged(model -> timeDate(model, "Timer_PapersClosed")
        .setTextContent(PAPERS_CLOSED.replace("D8-withdrawal", "D1")), UnaryOperator.identity());
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
          "instructions": [{"sourceActivityIds": ["Task_RecordWorkingPaper"], "targetActivityIds": ["Task_RecordWorkingPaper"]}]},
         "processInstanceIds": ["%s"]}""".formatted(originalDefinition, changed, onSite.getId());
    assertThat(send(basic("/engine-rest/migration/execute", "office1").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(anyMapping))).statusCode())
        .as("the engine's API migrates with any mapping: administrators only").isEqualTo(403);
    assertThat(runningDefinition()).isEqualTo(originalDefinition);
    assertThat(send(basic("/api/migration/" + KEY, "admin").GET()).statusCode()).isEqualTo(200);
  }

  /**
   * The step model as the analyst has it, changed, deployed under the same key with every form it
   * binds (the working paper's form changed by {@code paperForm}).
   */
  private String deployChanged(Consumer<BpmnModelInstance> change, UnaryOperator<String> paperForm) {
    return deployChanged(KEY, change, paperForm);
  }

  /** The step model {@code key} as the analyst has it, changed and deployed like {@link #deployChanged(Consumer, UnaryOperator)}. */
  private String deployChanged(String key, Consumer<BpmnModelInstance> change, UnaryOperator<String> paperForm) {
    BpmnModelInstance model;
    try (InputStream in = Files.newInputStream(Path.of("processes", "steps", key + ".bpmn"))) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    change.accept(model);
    var deployment = engine.getRepositoryService().createDeployment().name("changed " + key).addModelInstance(key + ".bpmn", model);
    model.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef).distinct().forEach(form -> {
      try {
        String json = Files.readString(Path.of("forms", form + ".form"));
        deployment.addString(form + ".form", "working-paper".equals(form) ? paperForm.apply(json) : json);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    var deployed = deployment.deployWithResult();
    deployments.add(deployed.getId());
    return deployed.getDeployedProcessDefinitions().get(0).getId();
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
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(onSite.getId()).singleResult().getProcessDefinitionId();
  }

  private int version(String definitionId) {
    return engine.getRepositoryService().getProcessDefinition(definitionId).getVersion();
  }

  private Task recordPaper() {
    return engine.getTaskService().createTaskQuery().processInstanceId(onSite.getId()).taskDefinitionKey("Task_RecordWorkingPaper").singleResult();
  }

  private Job papersClosedTimer() {
    return timer("Timer_PapersClosed");
  }

  private Job timer(String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(onSite.getId()).timers().activityId(activityId).singleResult();
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

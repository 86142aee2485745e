package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import cn.xuncha.H2Statements;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Teams, units and the office see exactly their share of the round (办法 25(三)), by API and over REST. */
@XunchaSpringTest
class SecrecyTest {

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  RoundPlanSteps steps;
  ProcessInstance team1;
  ProcessInstance team2;
  ProcessInstance toUnit1;
  String team1Task;
  String team2Task;
  String unit1Task;

  @BeforeEach
  void startOneInstancePerTeam() {
    steps = new RoundPlanSteps(engine);
    TeamProcess.deploy(engine);
    team1 = TeamProcess.start(engine, "team1", "team1", "第一组线索");
    team2 = TeamProcess.start(engine, "team2", "team2", "第二组线索");
    toUnit1 = TeamProcess.start(engine, "team1", "unit1", "给赵村镇的通知");
    team1Task = task(team1);
    team2Task = task(team2);
    unit1Task = task(toUnit1);
  }

  @Test
  void aProcessGrantingByAVariableUsersMayWriteIsRefused() {
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment()
        .addModelInstance("open-probe.bpmn", TeamProcess.model("open-probe", "readers")).deploy())
        .hasMessageContaining("readers").hasMessageContaining("不受保护");
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("open-probe").count()).isZero();
  }

  @Test
  void teamMemberSeesOnlyOwnTeamsTasksInstancesVariablesAndHistory() {
    steps.as("team1-leader", () -> {
      assertThat(visibleTasks()).contains(team1Task).doesNotContain(team2Task, unit1Task);
      assertThat(visibleInstances()).contains(team1.getId(), toUnit1.getId()).doesNotContain(team2.getId());
      assertThat(engine.getRuntimeService().getVariable(team1.getId(), "secret")).isEqualTo("第一组线索");
      assertThatThrownBy(() -> engine.getRuntimeService().getVariable(team2.getId(), "secret"))
          .isInstanceOf(AuthorizationException.class);
      assertThat(visibleHistory()).contains(team1.getId()).doesNotContain(team2.getId());
      assertThat(historicSecrets(team1)).containsExactly("第一组线索");
      assertThat(historicSecrets(team2)).isEmpty();
      return null;
    });
  }

  /**
   * A member's checks read no list of every group holding an authorization (Camunda's per-command scan of
   * ACT_RU_AUTHORIZATION, which grows with every round's team groups; AuthorizationChecks), and see the same.
   */
  @Test
  void checksDoNotScanEveryGroupWithAnAuthorization() throws Exception {
    List<String> statements = new H2Statements(jdbc).texts(() -> steps.as("team1-leader", () -> {
      assertThat(visibleTasks()).contains(team1Task).doesNotContain(team2Task, unit1Task);
      assertThat(visibleInstances()).contains(team1.getId()).doesNotContain(team2.getId());
      return null;
    }));

    assertThat(statements).isNotEmpty().noneMatch(sql -> sql.replaceAll("\\s+", "").toUpperCase().contains("DISTINCT(A.GROUP_ID_)"));
  }

  @Test
  void officeSeesEveryTeamsWork() {
    steps.as("office1", () -> {
      assertThat(visibleTasks()).contains(team1Task, team2Task, unit1Task);
      assertThat(visibleInstances()).contains(team1.getId(), team2.getId(), toUnit1.getId());
      assertThat(visibleHistory()).contains(team1.getId(), team2.getId());
      assertThat(historicSecrets(team2)).containsExactly("第二组线索");
      return null;
    });
  }

  @Test
  void unitSeesOnlyTheTaskAddressedToIt() {
    steps.as("unit1", () -> {
      assertThat(visibleTasks()).contains(unit1Task).doesNotContain(team1Task, team2Task);
      assertThat(visibleInstances()).isEmpty();
      assertThat(visibleHistory()).isEmpty();
      return null;
    });
  }

  @Test
  void teamMemberCanWorkOnlyOwnTeamsTask() {
    steps.as("team1-member1", () -> {
      engine.getTaskService().claim(team1Task, "team1-member1");
      assertThatThrownBy(() -> engine.getTaskService().claim(team2Task, "team1-member1"))
          .isInstanceOf(AuthorizationException.class);
      engine.getTaskService().complete(team1Task);
      return null;
    });
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(team1.getId()).count()).isZero();
  }

  @Test
  void restApiAppliesTheSameRules() throws Exception {
    String tasks = get("/engine-rest/task?maxResults=1000&processDefinitionKey=" + TeamProcess.KEY, "team1-leader");
    assertThat(tasks).contains(team1Task).doesNotContain(team2Task, unit1Task);
    String history = get("/engine-rest/history/process-instance?maxResults=1000&processDefinitionKey=" + TeamProcess.KEY, "team1-leader");
    assertThat(history).contains(team1.getId()).doesNotContain(team2.getId());
    assertThat(status("/engine-rest/process-instance/" + team1.getId() + "/variables", "team1-leader")).isEqualTo(200);
    assertThat(status("/engine-rest/process-instance/" + team2.getId() + "/variables", "team1-leader"))
        .as("another team's instance answers as a missing one").isEqualTo(404)
        .isEqualTo(status("/engine-rest/process-instance/no-such-instance/variables", "team1-leader"));
    assertThat(get("/engine-rest/task?maxResults=1000&processDefinitionKey=" + TeamProcess.KEY, "office1"))
        .contains(team1Task, team2Task, unit1Task);
  }

  /**
   * Another team's instance answers the activity tree as a missing one, to the byte: Camunda's resource turns the
   * engine's answer for a missing instance (none) into its own 404, and a refusal into a 500 (InvalidInputPlugin).
   */
  @Test
  void anotherTeamsActivityTreeAnswersAsAMissingOne() throws Exception {
    EngineApi api = new EngineApi(port);
    for (EngineApi.Prefix prefix : EngineApi.Prefix.values()) {
      HttpResponse<String> hidden = api.call(prefix, "team1-leader", "GET", "/process-instance/" + team2.getId() + "/activity-instances", null);
      HttpResponse<String> missing = api.call(prefix, "team1-leader", "GET", "/process-instance/no-such-instance/activity-instances", null);

      assertThat(hidden.statusCode()).as(prefix + " " + hidden.body()).isEqualTo(404).isEqualTo(missing.statusCode());
      assertThat(hidden.body()).as(prefix.name()).isEqualTo(missing.body());
    }
  }

  /**
   * The team reads the history of its finished instance and may not delete it: refused with the reason (403), not
   * answered as missing (the instance has no runtime execution any more); the history stays.
   */
  @Test
  void ownFinishedInstanceIsRefusedNotHidden() throws Exception {
    engine.getTaskService().complete(team1Task);
    EngineApi api = new EngineApi(port);
    for (EngineApi.Prefix prefix : EngineApi.Prefix.values()) {
      for (String resource : List.of("/history/process-instance/" + team1.getId(), "/history/process-instance/" + team1.getId() + "/variable-instances")) {
        HttpResponse<String> answer = api.call(prefix, "team1-leader", "DELETE", resource, null);

        assertThat(answer.statusCode()).as(prefix + " " + resource + " " + answer.body()).isEqualTo(403);
        assertThat(answer.body()).contains("您无权进行此项操作");
      }
    }
    assertThat(historicSecrets(team1)).containsExactly("第一组线索");
  }

  private List<String> visibleTasks() {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(TeamProcess.KEY).listPage(0, 1000)
        .stream().map(Task::getId).toList();
  }

  private List<String> visibleInstances() {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(TeamProcess.KEY).listPage(0, 1000)
        .stream().map(ProcessInstance::getId).toList();
  }

  private List<String> visibleHistory() {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(TeamProcess.KEY).listPage(0, 1000)
        .stream().map(HistoricProcessInstance::getId).toList();
  }

  private List<Object> historicSecrets(ProcessInstance instance) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName("secret").listPage(0, 10)
        .stream().map(HistoricVariableInstance::getValue).toList();
  }

  private String task(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
  }

  private String get(String path, String user) throws Exception {
    HttpResponse<String> response = send(path, user);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private int status(String path, String user) throws Exception {
    return send(path, user).statusCode();
  }

  private HttpResponse<String> send(String path, String user) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
  }
}

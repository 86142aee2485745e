package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The office changes who receives each kind of clue (办法 第十九条) on {@code /clue-routing}: a new
 * version routes the clues approved after it, a clue already transferred keeps its receiver, a
 * wrong table publishes nothing, and nobody else may publish — nor may the office deploy anything
 * else through the engine's API.
 */
@XunchaSpringTest
class ClueRoutingPageTest extends StepTestSupport {

  private static final String HOME = "county";
  /** A county without a table of its own, which routes by the default. */
  private static final String OTHER = "no-such-county";

  /** The default table as deployed with the application. */
  private static final String ROUTING_FILE = read(java.nio.file.Path.of("processes/clue-routing.dmn"));

  /** A table sending discipline clues to both the discipline and the organisation department, as the page's API takes it. */
  static final String DISCIPLINE_TO_BOTH = """
      {"work":[{"receiver":"unitGroup","replyDeadline":"D6"}],
       "discipline":[{"receiver":"dept-discipline","replyDeadline":"D6"},{"receiver":"dept-organization","replyDeadline":"D6"}],
       "organisation":[{"receiver":"dept-organization","replyDeadline":"D6"}],"other":[{"receiver":"namedDepartment","replyDeadline":"D6"}]}""";

  @Autowired
  ClueService clues;
  @Autowired
  ClueRoutingTable table;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;
  @LocalServerPort
  int port;
  RestCaller rest;
  String round;

  @BeforeEach
  void setUp() {
    rest = new RestCaller("http://localhost:" + port);
    ProcedureSteps.at("2022-06-29T09:00");
    round = fixture.sampleRound();
    clues.replaceDrafts(units.unit(round, "unit1"), List.of(Clue.draft("discipline", null, "村干部违规发放补贴"),
        Clue.draft("discipline", null, "挪用集体资金")));
  }

  @AfterEach
  void removePublishedVersions() {
    engine.getRepositoryService().createDeploymentQuery().deploymentName(ClueRoutingTable.DEPLOYMENT).list()
        .forEach(deployment -> engine.getRepositoryService().deleteDeployment(deployment.getId(), true));
  }

  @Test
  void aPublishedVersionRoutesLaterCluesWhileAnEarlierTransferKeepsItsReceiver() {
    ProcessInstance before = approvedClue(0);
    assertThat(transferredTo(before)).containsExactly("dept-discipline");

    RestCaller.Answer published = rest.post("office1", ClueRoutingController.API, DISCIPLINE_TO_BOTH);

    assertThat(published.status()).as(published.body()).isEqualTo(200);
    assertThat(table.current(HOME).version()).as("the county's first own version").isOne();
    assertThat(table.current(HOME).county()).isEqualTo(HOME);
    assertThat(table.current(HOME).publishedBy()).isEqualTo("office1");
    assertThat(table.current(HOME).routes()).containsEntry("discipline", List.of(new ClueRoutingTable.Route("dept-discipline", "D6"),
        new ClueRoutingTable.Route("dept-organization", "D6"))).containsEntry("work", List.of(new ClueRoutingTable.Route("unitGroup", "D6")));
    ProcessInstance after = approvedClue(1);
    assertThat(transferredTo(after)).containsExactlyInAnyOrder("dept-discipline", "dept-organization");
    assertThat(transferredTo(before)).as("a clue under way keeps its receivers").containsExactly("dept-discipline");
    assertThat(clues.find(clues.ids(round, "unit1").get(0)).transfers()).extracting(ClueService.Transfer::receiver)
        .containsExactly("dept-discipline");

    String page = rest.get("office1", ClueRoutingController.PAGE).body();
    assertThat(page).contains("问题线索移交规则", "现行规则（本县规则第 1 版）", "office1", "随程序部署", "县委组织部", "被巡察单位党组织");
  }

  @Test
  void aRedeploymentOfTheUnchangedModelsUndoesNeitherACountysTableNorTheDefaultTheOfficePublished() throws Exception {
    assertThat(rest.post("office1", ClueRoutingController.API, DISCIPLINE_TO_BOTH).status()).isEqualTo(200);
    publishedAsDefault(table.current(HOME));
    assertThat(table.keepOfficeVersion()).as("the office's default is the newest: nothing to keep").isEmpty();
    byte[] file = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes/clue-routing.dmn"));
    String redeployment = engine.getRepositoryService().createDeployment().name("SpringAutoDeployment")
        .addInputStream("processes/clue-routing.dmn", new java.io.ByteArrayInputStream(file)).deploy().getId();
    try {
      assertThat(table.current(HOME).publishedBy()).as("a county's own table is not the application's to replace").isEqualTo("office1");
      assertThat(table.current(OTHER).publishedBy()).as("the application's copy is now the newest default").isNull();

      var kept = table.keepOfficeVersion();

      assertThat(kept).get().satisfies(version -> {
        assertThat(version.version()).isEqualTo(4);
        assertThat(version.county()).isNull();
        assertThat(version.publishedBy()).isEqualTo("office1");
      });
      assertThat(table.current(OTHER).routes().get("discipline")).extracting(ClueRoutingTable.Route::receiver)
          .containsExactly("dept-discipline", "dept-organization");
      assertThat(table.keepOfficeVersion()).as("once kept, nothing more to do").isEmpty();
    } finally {
      engine.getRepositoryService().deleteDeployment(redeployment, true);
    }
  }

  /**
   * {@code version}'s table published as the installation's default, as the office's page did before each
   * county had its own table (a deployment without tenant, its change row without county).
   */
  private void publishedAsDefault(ClueRoutingTable.Version version) throws java.io.IOException {
    var repository = engine.getRepositoryService();
    String own = repository.createDecisionDefinitionQuery().decisionDefinitionKey(ClueRoutingTable.DECISION).tenantIdIn(HOME)
        .latestVersion().singleResult().getId();
    byte[] model;
    try (var stream = repository.getDecisionModel(own)) {
      model = stream.readAllBytes();
    }
    var definition = repository.createDeployment().name(ClueRoutingTable.DEPLOYMENT)
        .addInputStream("clue-routing.dmn", new java.io.ByteArrayInputStream(model)).deployWithResult().getDeployedDecisionDefinitions().get(0);
    jdbc.sql("insert into xc_clue_routing_change (decision_definition_id, version, published_by, published_at) values (?, ?, ?, ?)")
        .params(definition.getId(), definition.getVersion(), version.publishedBy(), java.sql.Timestamp.from(version.publishedAt())).update();
  }

  @Test
  void aWrongTableIsRefusedInChineseAndPublishesNothing() {
    RestCaller.Answer refused = rest.post("office1", ClueRoutingController.API, """
        {"work":[{"receiver":"unitGroup","replyDeadline":"D2"}],
         "discipline":[{"receiver":"dept-discipline","replyDeadline":"D6"},{"receiver":"dept-nowhere","replyDeadline":"D6"},
                       {"receiver":"dept-discipline","replyDeadline":"D6"}],
         "organisation":[{"receiver":"${execution.getProcessEngineServices()}","replyDeadline":"D6"},
                         {"receiver":"unitGroup","replyDeadline":"D6"},{"receiver":"namedDepartment","replyDeadline":"D6"}],
         "other":[],"bribery":[{"receiver":"dept-audit","replyDeadline":"D6"}]}""");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("问题类别“bribery”不存在", "违纪违法问题线索：接收单位“dept-nowhere”不存在",
        "组织建设、选人用人问题：接收单位“${execution.getProcessEngineServices()}”不存在", "其他问题：请至少选择一个接收单位",
        "违纪违法问题线索：接收单位“县纪委监委”选了两次", "组织建设、选人用人问题：不能移交“被巡察单位党组织”（只用于工作方面问题）",
        "组织建设、选人用人问题：不能移交“报告中指定的相关部门”（只用于其他问题）", "工作方面问题：答复期限“D2”不是期限表中从移交之日起算的期限");
    assertThat(rest.post("office1", ClueRoutingController.API, """
        {"work":[{"receiver":"unitGroup","replyDeadline":"D6"}],"discipline":[{"receiver":"dept-discipline","replyDeadline":"D6"}],
         "organisation":[{"receiver":"dept-organization","replyDeadline":"D6"}],"other":[{"receiver":"namedDepartment","replyDeadline":"D6"}]}""").body())
        .contains("移交规则没有改动");
    RestCaller.Answer unreadable = rest.post("office1", ClueRoutingController.API, "{\"work\":\"unitGroup\"");
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body()).contains("请求内容不是有效的移交规则").doesNotContain("java", "JSON parse");
    assertThat(table.current(HOME).version()).isOne();
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey(ClueRoutingTable.DECISION).count()).isOne();
  }

  @Test
  void onlyTheOfficeAndAdministratorsPublishAndTheOfficeDeploysNothingElse() {
    for (String user : List.of("leader1", "committee1", "team1-leader", "unit1", "dept-discipline1")) {
      RestCaller.Answer refused = rest.post(user, ClueRoutingController.API, DISCIPLINE_TO_BOTH);
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.body()).as(user).contains(ClueRoutingController.REFUSED_PUBLISH);
    }
    for (String user : List.of("office1", "leader1", "committee1", "team1-leader", "unit1", "dept-discipline1")) {
      boolean reader = List.of("office1", "leader1").contains(user);
      for (String path : List.of(ClueRoutingController.PAGE, ClueRoutingController.API)) {
        assertThat(rest.get(user, path).status()).as(user + " reads " + path).isEqualTo(reader ? 200 : 403);
      }
    }
    assertThat(rest.get("leader1", ClueRoutingController.PAGE).body()).as("the leading group sees no publishing form")
        .contains("县纪委监委").doesNotContain("发布为新版本");
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    assertThat(deployRouting(cn.xuncha.security.EngineApi.Prefix.REST, "office1", ROUTING_FILE).statusCode()).as("general deployment stays with administrators").isEqualTo(403);
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(table.current(HOME).version()).isOne();
  }

  @Test
  void anAdministratorsDeploymentOfAnotherShapeOfTableIsRefusedInChineseAndDeploysNothing() throws Exception {
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    String expression = ROUTING_FILE.replaceFirst("<text>\"dept-discipline\"</text>", "<text>\\${execution.getProcessEngineServices()}</text>");
    assertThat(expression).isNotEqualTo(ROUTING_FILE);

    for (cn.xuncha.security.EngineApi.Prefix prefix : cn.xuncha.security.EngineApi.Prefix.values()) {
      var refused = deployRouting(prefix, "admin", expression);

      assertThat(refused.statusCode()).as(prefix + " " + refused.body()).isEqualTo(400);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.body()).path("message").asText()).as(prefix.name())
          .startsWith("问题线索移交规则 clue-routing.dmn：规则的接收单位必须是").doesNotContain("Exception", "ENGINE-");
    }
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(table.current(HOME).version()).isOne();
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().addString("clue-routing.dmn", expression).deploy())
        .as("the Java API too").isInstanceOf(InvalidInputException.class);
    assertThat(deployRouting(cn.xuncha.security.EngineApi.Prefix.REST, "admin", ROUTING_FILE).statusCode()).as("the table itself is still deployed").isEqualTo(200);
    engine.getRepositoryService().createDeploymentQuery().deploymentName("routing").list()
        .forEach(deployment -> engine.getRepositoryService().deleteDeployment(deployment.getId(), true));
  }

  /**
   * The answer to a multipart deployment of {@code dmn} as clue-routing.dmn through the engine's REST API under
   * {@code prefix} as {@code user}: HTTP Basic, or under the webapps' prefix a signed-in session with its XSRF token.
   */
  private java.net.http.HttpResponse<String> deployRouting(cn.xuncha.security.EngineApi.Prefix prefix, String user, String dmn) {
    String boundary = "xuncha-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nrouting\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"clue-routing.dmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + dmn
        + "\r\n--" + boundary + "--\r\n";
    String contentType = "multipart/form-data; boundary=" + boundary;
    try {
      if (prefix == cn.xuncha.security.EngineApi.Prefix.WEBAPP) {
        return cn.xuncha.security.WebSession.signedIn(port, user).webapp("POST", prefix.path() + "/deployment/create", contentType, body);
      }
      var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + prefix.path() + "/deployment/create"))
          .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
          .header("Content-Type", contentType)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
      return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The receivers of the clue's transfer instances, one each. */
  private List<Object> transferredTo(ProcessInstance clue) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(clue.getId()).list().stream()
        .map(transfer -> engine.getRuntimeService().getVariable(transfer.getId(), "receiver")).toList();
  }

  /** The clue {@code index} of unit1 prepared by the team and approved by the office, now in its transfer. */
  private ProcessInstance approvedClue(int index) {
    String clueId = clues.ids(round, "unit1").get(index);
    ProcessInstance clue = fixture.start("step-08-clue", round + "/unit1", fixture.unitVariables(round, "unit1", Map.of("clueId", clueId)));
    steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "谈话笔录和账目"));
    steps.complete("office1", clue, "Task_ReviewClue", null, ProcedureSteps.APPROVE);
    assertThat(clue).hasPassed("Rule_RouteClue").isWaitingAt("CallActivity_TransferClue");
    return clue;
  }
}

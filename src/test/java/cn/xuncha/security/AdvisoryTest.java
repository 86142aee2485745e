package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.system.IdentitySetup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each advisory and hardening setting: the attack is tried and refused, and normal use still works. */
@XunchaSpringTest
class AdvisoryTest {

  private static final String SETUP = "/camunda/api/admin/setup/default/user/create";
  private static final String ATTACKER = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"x\",\"lastName\":\"y\"},"
      + "\"credentials\":{\"password\":\"intruder-password\"}}";

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentitySetup identitySetup;
  @LocalServerPort
  int port;
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void restore() {
    ClockUtil.reset();
    identitySetup.ensureBaseIdentity();
  }

  @Test
  void adminSetupIsRefusedEvenWhenTheAdminGroupHasNoMember() throws Exception {
    engine.getIdentityService().deleteMembership("admin", Roles.ADMIN);
    assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Roles.ADMIN).count()).isZero();

    WebSession ordinaryUser = WebSession.signedIn(port, "unit2");
    assertThat(ordinaryUser.webappPost(SETUP, ATTACKER).statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri(SETUP)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(ATTACKER)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(engine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();

    identitySetup.ensureBaseIdentity();
    assertThat(engine.getIdentityService().createUserQuery().memberOfGroup(Roles.ADMIN).userId("admin").count()).isOne();
  }

  @Test
  void onlyTheAdministratorDeploysSoOrdinaryUsersCannotDeployScripts() {
    RoundPlanSteps steps = new RoundPlanSteps(engine);
    var scripted = Bpmn.createExecutableProcess("scripted").camundaHistoryTimeToLive(1)
        .startEvent().scriptTask().scriptFormat("javascript").scriptText("java.lang.System.exit(1)").endEvent().done();
    assertThatThrownBy(() -> steps.as("office1", () -> engine.getRepositoryService().createDeployment()
        .addModelInstance("scripted.bpmn", scripted).deploy()))
        .isInstanceOf(AuthorizationException.class);

    var harmless = Bpmn.createExecutableProcess("harmless").camundaHistoryTimeToLive(1).startEvent().endEvent().done();
    String deployment = steps.as("admin", () -> engine.getRepositoryService().createDeployment()
        .addModelInstance("harmless.bpmn", harmless).deploy().getId());
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  @Test
  void unboundedQueriesAreRefusedAndPagedOnesWork() {
    RoundPlanSteps steps = new RoundPlanSteps(engine);
    steps.as("team1-leader", () -> {
      assertThatThrownBy(() -> engine.getTaskService().createTaskQuery().list()).isInstanceOf(BadUserRequestException.class);
      assertThatThrownBy(() -> engine.getTaskService().createTaskQuery().listPage(0, 2001)).isInstanceOf(BadUserRequestException.class);
      assertThat(engine.getTaskService().createTaskQuery().listPage(0, 2000)).isNotNull();
      return null;
    });
  }

  @Test
  void javaSerializedAndUnexpectedTypesAreRefused() {
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "线索");
    var javaSerialized = Variables.serializedObjectValue("rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==")
        .serializationDataFormat(SerializationDataFormats.JAVA).objectTypeName("java.util.ArrayList").create();
    assertThatThrownBy(() -> engine.getRuntimeService().setVariable(instance.getId(), "payload", javaSerialized))
        .isInstanceOf(ProcessEngineException.class);

    var gadget = Variables.serializedObjectValue("[\"team1\",\"team2\",\"team3\"]").serializationDataFormat(SerializationDataFormats.JSON)
        .objectTypeName("java.util.concurrent.CopyOnWriteArrayList").create();
    engine.getRuntimeService().setVariable(instance.getId(), "gadget", gadget);
    assertThatThrownBy(() -> engine.getRuntimeService().getVariable(instance.getId(), "gadget"))
        .isInstanceOf(ProcessEngineException.class)
        .rootCause().hasMessageContaining("not whitelisted for deserialization: [java.util.concurrent.CopyOnWriteArrayList]");

    engine.getRuntimeService().setVariable(instance.getId(), "teams", List.of("team1"));
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "teams")).isEqualTo(List.of("team1"));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

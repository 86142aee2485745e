package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.EngineApi.Prefix;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 10.3: the unit holding its 签收巡察通知 task cannot reroute the team's work or shadow a bean
 * through any variable API, and not even the administrator can set a protected variable through the
 * API; the form submission stores only its declared fields. Each attack is sent under every prefix;
 * afterwards nothing has changed and the proper submission still works.
 */
@XunchaSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProtectedVariablesTest {

  private static final String HIJACK = "{\"value\":\"unit1\",\"type\":\"String\"}";
  private static final String FORM = "\"receivedOn\":{\"value\":\"2022-04-19\",\"type\":\"String\"},"
      + "\"receivedBy\":{\"value\":\"党政办主任\",\"type\":\"String\"},"
      + "\"liaisonGroup\":{\"value\":\"党委副书记、党政办主任\",\"type\":\"String\"}";

  /** {@code TASK} and {@code UNIT} stand for the acknowledgement task and the unit's process instance. */
  record Attack(String name, String user, String method, String resource, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Attack> ATTACKS = List.of(
      new Attack("task variable", "unit1", "PUT", "/task/TASK/variables/teamGroup", HIJACK),
      new Attack("task local variable", "unit1", "PUT", "/task/TASK/localVariables/teamGroup", HIJACK),
      new Attack("task variable named like a bean", "unit1", "PUT", "/task/TASK/variables/deadlines", HIJACK),
      new Attack("task variables modification", "unit1", "POST", "/task/TASK/variables", "{\"modifications\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("removal of a form field", "unit1", "DELETE", "/task/TASK/variables/receivedOn", null),
      new Attack("extra field in the form", "unit1", "POST", "/task/TASK/submit-form", "{\"variables\":{" + FORM + ",\"teamGroup\":" + HIJACK + "}}"),
      new Attack("bean name in the form", "unit1", "POST", "/task/TASK/submit-form", "{\"variables\":{" + FORM + ",\"remind\":" + HIJACK + "}}"),
      new Attack("complete with variables", "unit1", "POST", "/task/TASK/complete", "{\"variables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("BPMN error with variables", "unit1", "POST", "/task/TASK/bpmnError", "{\"errorCode\":\"x\",\"variables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("task due date", "unit1", "PUT", "/task/TASK", "{\"name\":\"签收巡察通知\",\"due\":\"2099-01-01T00:00:00.000+0800\"}"),
      new Attack("another unit as candidate", "unit1", "POST", "/task/TASK/identity-links", "{\"groupId\":\"unit2\",\"type\":\"candidate\"}"),
      new Attack("another unit's user as candidate", "unit1", "POST", "/task/TASK/identity-links", "{\"userId\":\"unit2\",\"type\":\"candidate\"}"),
      new Attack("candidate group removed", "unit1", "POST", "/task/TASK/identity-links/delete", "{\"groupId\":\"unit1\",\"type\":\"candidate\"}"),
      new Attack("task assigned to another team's leader", "unit1", "POST", "/task/TASK/assignee", "{\"userId\":\"team1-leader\"}"),
      new Attack("task delegated to another unit", "unit1", "POST", "/task/TASK/delegate", "{\"userId\":\"unit2\"}"),
      new Attack("task claimed for another unit", "unit1", "POST", "/task/TASK/claim", "{\"userId\":\"unit2\"}"),
      new Attack("task saved with another unit as assignee", "unit1", "PUT", "/task/TASK", "{\"name\":\"签收巡察通知\",\"due\":DUE,\"assignee\":\"unit2\"}"),
      new Attack("task moved to another county", "unit1", "PUT", "/task/TASK", "{\"name\":\"签收巡察通知\",\"due\":DUE,\"tenantId\":\"songchuan\"}"),
      new Attack("task saved with another unit as owner", "unit1", "PUT", "/task/TASK", "{\"name\":\"签收巡察通知\",\"due\":DUE,\"owner\":\"unit2\"}"),
      new Attack("another unit as assignee link", "unit1", "POST", "/task/TASK/identity-links", "{\"userId\":\"unit2\",\"type\":\"assignee\"}"),
      new Attack("the office assigns a unit's task to a team", "office1", "POST", "/task/TASK/assignee", "{\"userId\":\"team1-leader\"}"),
      new Attack("process variable", "admin", "PUT", "/process-instance/UNIT/variables/teamGroup", HIJACK),
      new Attack("process variable named like a bean", "admin", "PUT", "/process-instance/UNIT/variables/remind", HIJACK),
      new Attack("execution local variable", "admin", "PUT", "/execution/UNIT/localVariables/unitGroup", HIJACK),
      new Attack("process variables modification", "admin", "POST", "/process-instance/UNIT/variables", "{\"modifications\":{\"unitGroup\":" + HIJACK + "}}"),
      new Attack("process variable removal", "admin", "DELETE", "/process-instance/UNIT/variables/unitGroup", null),
      new Attack("message payload", "admin", "POST", "/message", "{\"messageName\":\"any\",\"processInstanceId\":\"UNIT\",\"processVariables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("signal payload", "admin", "POST", "/signal", "{\"name\":\"any\",\"variables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("modification variables", "admin", "POST", "/process-instance/UNIT/modification",
          "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_AcknowledgeNotice\",\"variables\":{\"teamGroup\":" + HIJACK + "}}]}"),
      new Attack("batch set variables", "admin", "POST", "/process-instance/variables-async", "{\"processInstanceIds\":[\"UNIT\"],\"variables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("start with variables", "admin", "POST", "/process-definition/key/unit-inspection/start", "{\"variables\":{\"teamGroup\":" + HIJACK + "}}"),
      new Attack("start form with variables", "admin", "POST", "/process-definition/key/inspection-round/submit-form", "{\"variables\":{\"teamGroup\":" + HIJACK + "}}"));

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;
  ProcessInstance unit;
  Task acknowledgement;

  /** Once for the class (the coverage extension needs a running test, so not in {@code @BeforeAll}). */
  @BeforeEach
  void unitAtItsAcknowledgement() {
    if (unit != null) {
      return;
    }
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    unit = steps.startUnit(round, 1);
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of());
    steps.fileTeamPlan(unit, "approve", null);
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(unit, Map.of());
    acknowledgement = steps.task(unit, "Task_AcknowledgeNotice", null);
    assertThat(acknowledgement).isNotNull();
  }

  Stream<Arguments> attacksUnderEveryPrefix() {
    return Arrays.stream(Prefix.values()).flatMap(prefix -> ATTACKS.stream().map(attack -> Arguments.of(prefix, attack)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("attacksUnderEveryPrefix")
  void everyWayOfRewritingRoutingIsRefusedAndChangesNothing(Prefix prefix, Attack attack) throws Exception {
    Map<String, Object> before = routing();
    String body = attack.body() == null ? null : attack.body().replace("UNIT", unit.getId())
        .replace("DUE", "\"" + new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(acknowledgement.getDueDate()) + "\"");
    HttpResponse<String> response = new EngineApi(port).call(prefix, attack.user(), attack.method(),
        attack.resource().replace("TASK", acknowledgement.getId()).replace("UNIT", unit.getId()), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).containsAnyOf(UserCommandGuard.UNDECLARED, UserCommandGuard.PROTECTED, UserCommandGuard.NO_REMOVAL,
        UserCommandGuard.TASK_ROUTING, UserCommandGuard.HAND_OVER);
    assertThat(routing()).isEqualTo(before);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theDeclaredFieldsAreStillSubmittedAndApplicationCodeStillRoutes() throws Exception {
    ProcedureSteps.at("2022-04-19T10:00");
    Map<String, Object> before = routingVariables();
    Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(unit.getBusinessKey())
        .taskDefinitionKey("Task_AcknowledgeNotice").singleResult();
    HttpResponse<String> response = new EngineApi(port).call(Prefix.REST, "unit1", "POST", "/task/" + task.getId() + "/submit-form",
        "{\"variables\":{" + FORM + "}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(routingVariables()).isEqualTo(before);
    ProcedureSteps.at("2022-04-21T08:00");
    new ProcedureSteps(engine).fireDueTimers(unit);
    Task next = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(unit.getBusinessKey()).taskDefinitionKey("Task_RecordEntryMeeting").singleResult();
    assertThat(engine.getTaskService().getIdentityLinksForTask(next.getId())).extracting(IdentityLink::getGroupId)
        .contains(new ProcedureSteps(engine).teamGroup(unit, 1));
  }

  /** A client that saves the task without naming its county (REST PUT without tenantId) keeps it: Camunda answered a 500. */
  @Test
  void aTaskSavedWithoutItsCountyKeepsIt() throws Exception {
    String county = acknowledgement.getTenantId();
    String due = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(acknowledgement.getDueDate());
    HttpResponse<String> response = new EngineApi(port).call(Prefix.REST, "unit1", "PUT", "/task/" + acknowledgement.getId(),
        "{\"name\":\"签收巡察通知\",\"due\":\"" + due + "\",\"followUp\":\"2022-04-19T09:00:00.000+0800\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    Task saved = engine.getTaskService().createTaskQuery().taskId(acknowledgement.getId()).singleResult();
    assertThat(county).isNotNull();
    assertThat(saved.getTenantId()).isEqualTo(county);
    assertThat(saved.getFollowUpDate()).isNotNull();
  }

  private Map<String, Object> routingVariables() {
    return engine.getRuntimeService().getVariables(unit.getId(), List.of("teamGroup", "unitGroup", "remind", "deadlines"));
  }

  private Map<String, Object> routing() {
    Map<String, Object> variables = routingVariables();
    Task open = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(unit.getBusinessKey()).taskDefinitionKey("Task_AcknowledgeNotice").singleResult();
    variables.put("open", open == null ? null : open.getId());
    variables.put("candidates", open == null ? null : engine.getTaskService().getIdentityLinksForTask(open.getId()).stream()
        .map(link -> link.getType() + ":" + link.getGroupId() + ":" + link.getUserId()).toList());
    variables.put("due", open == null ? null : open.getDueDate());
    variables.put("name", open == null ? null : open.getName());
    variables.put("county", open == null ? null : open.getTenantId());
    variables.put("instances", engine.getRuntimeService().createProcessInstanceQuery().count());
    return variables;
  }
}

package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.EngineApi.Prefix;
import java.net.http.HttpResponse;
import java.text.SimpleDateFormat;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 组长's task (分析研判, assigned by the process to the leader, offered to the team's group) stays
 * the leader's (实施办法第八条): a member of the same team cannot take it, return it, hand it on, delegate
 * it, save it with another assignee or complete it through any engine API prefix; the refusal is
 * Chinese and nothing changes. The leader may hand it to a member, who then holds it and may give it
 * back (the office replaces a leader through /teams, TeamsTest).
 */
@XunchaSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderTaskTest {

  private static final String MEMBER = "team1-member1";
  private static final String LEADER = "team1-leader";

  record Attack(String name, String method, String resource, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Attack> ATTACKS = List.of(
      new Attack("assignee set to the member", "POST", "/task/TASK/assignee", "{\"userId\":\"" + MEMBER + "\"}"),
      new Attack("assignee link to the member", "POST", "/task/TASK/identity-links", "{\"userId\":\"" + MEMBER + "\",\"type\":\"assignee\"}"),
      new Attack("returned to the group", "POST", "/task/TASK/unclaim", null),
      new Attack("assignee removed", "POST", "/task/TASK/assignee", "{\"userId\":null}"),
      new Attack("delegated to the member", "POST", "/task/TASK/delegate", "{\"userId\":\"" + MEMBER + "\"}"),
      new Attack("owner set to the member", "POST", "/task/TASK/identity-links", "{\"userId\":\"" + MEMBER + "\",\"type\":\"owner\"}"),
      new Attack("saved with the member as assignee", "PUT", "/task/TASK", "{\"name\":\"分析研判：谈话与重点问题\",\"due\":DUE,\"assignee\":\"" + MEMBER + "\"}"),
      new Attack("completed", "POST", "/task/TASK/complete", "{}"),
      new Attack("form submitted", "POST", "/task/TASK/submit-form", "{\"variables\":{\"talks\":{\"value\":\"组员代填\",\"type\":\"String\"}}}"),
      new Attack("resolved", "POST", "/task/TASK/resolve", "{}"));

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;
  ProcessInstance unit;
  Task analysis;

  @BeforeEach
  void leadersTaskOpen() {
    if (unit != null) {
      return;
    }
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    unit = steps.startUnit(steps.approvedRound(), 1);
    analysis = steps.task(unit, "Task_RecordTeamAnalysis", null);
    assertThat(analysis.getAssignee()).isEqualTo(LEADER);
    assertThat(engine.getIdentityService().createUserQuery().userId(MEMBER).memberOfGroup(steps.teamGroup(unit, 1)).count()).isOne();
  }

  Stream<Arguments> attacksUnderEveryPrefix() {
    return Arrays.stream(Prefix.values()).flatMap(prefix -> ATTACKS.stream().map(attack -> Arguments.of(prefix, attack)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("attacksUnderEveryPrefix")
  void aMemberCannotTakeOrWorkOnTheLeadersTask(Prefix prefix, Attack attack) throws Exception {
    List<Object> before = state();
    HttpResponse<String> response = new EngineApi(port).call(prefix, MEMBER, attack.method(),
        attack.resource().replace("TASK", analysis.getId()), attack.body() == null ? null : attack.body().replace("DUE", due()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains(UserCommandGuard.ASSIGNED);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void theLeaderHandsItToAMemberWhoGivesItBack() throws Exception {
    EngineApi api = new EngineApi(port);
    String resource = "/task/" + analysis.getId() + "/assignee";

    HttpResponse<String> byLeader = api.call(Prefix.REST, LEADER, "POST", resource, "{\"userId\":\"" + MEMBER + "\"}");
    assertThat(byLeader.statusCode()).as(byLeader.body()).isEqualTo(204);
    HttpResponse<String> byMember = api.call(Prefix.REST, MEMBER, "POST", resource, "{\"userId\":\"" + LEADER + "\"}");
    assertThat(byMember.statusCode()).as(byMember.body()).isEqualTo(204);
    assertThat(engine.getTaskService().createTaskQuery().taskId(analysis.getId()).singleResult().getAssignee()).isEqualTo(LEADER);
  }

  /** The task's due date as the REST API writes it, so that a save changes nothing but what the attack names. */
  private String due() {
    return analysis.getDueDate() == null ? "null"
        : "\"" + new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(analysis.getDueDate()) + "\"";
  }

  private List<Object> state() {
    Task task = engine.getTaskService().createTaskQuery().taskId(analysis.getId()).singleResult();
    return Arrays.asList(task == null ? null : task.getAssignee(), task == null ? null : task.getOwner(),
        task == null ? null : task.getName(), engine.getTaskService().getVariablesLocal(analysis.getId()));
  }
}

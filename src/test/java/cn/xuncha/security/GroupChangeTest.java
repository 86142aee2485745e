package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.IdentitySetup;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An administrator's change of membership counts from the member's next request, in an open
 * session, for the webapps, the REST API and the application's own pages (issue 10 item 6).
 */
@XunchaSpringTest
class GroupChangeTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentitySetup identitySetup;
  @LocalServerPort
  int port;

  @Test
  void aMemberRemovedFromHisTeamLosesItsTasksAtTheNextRequest() throws Exception {
    identitySetup.ensureUser("moving-member", "调出", "组员", "demo");
    identitySetup.ensureMembership("moving-member", "team1");
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "第一组的秘密");
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    WebSession member = WebSession.signedIn(port, "moving-member");
    String query = "/task?maxResults=10&processInstanceId=" + instance.getId();
    assertThat(member.get("/camunda/api/engine/engine/default" + query).body()).contains(taskId);
    assertThat(member.get("/engine-rest" + query).body()).contains(taskId);
    assertThat(member.get("/engine-rest/engine/default" + query).body()).contains(taskId);

    engine.getIdentityService().deleteMembership("moving-member", "team1");

    assertThat(member.get("/camunda/api/engine/engine/default" + query).body()).isEqualTo("[]");
    assertThat(member.get("/engine-rest" + query).body()).isEqualTo("[]");
    assertThat(member.get("/engine-rest/engine/default" + query).body()).isEqualTo("[]");
    assertThat(member.get("/camunda/api/engine/engine/default/variable-instance?maxResults=10&processInstanceIdIn=" + instance.getId()).body())
        .doesNotContain("第一组的秘密");
  }

  @Test
  void aMemberRemovedFromTheOfficeLosesTheOverviewAtTheNextRequest() throws Exception {
    identitySetup.ensureUser("moving-clerk", "调出", "办员", "demo");
    identitySetup.ensureMembership("moving-clerk", Roles.OFFICE);
    WebSession clerk = WebSession.signedIn(port, "moving-clerk");
    assertThat(clerk.get("/overview").statusCode()).isEqualTo(200);

    engine.getIdentityService().deleteMembership("moving-clerk", Roles.OFFICE);
    assertThat(clerk.get("/overview").statusCode()).isEqualTo(403);
    assertThat(clerk.get("/camunda/api/admin/auth/user/default").body()).doesNotContain("cockpit");

    identitySetup.ensureMembership("moving-clerk", Roles.OFFICE);
    assertThat(clerk.get("/overview").statusCode()).isEqualTo(200);
  }

  @Test
  void aDeletedAccountLosesItsOpenSession() throws Exception {
    identitySetup.ensureUser("leaving-member", "离职", "人员", "demo");
    identitySetup.ensureMembership("leaving-member", "team1");
    WebSession member = WebSession.signedIn(port, "leaving-member");
    assertThat(member.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);

    engine.getIdentityService().deleteUser("leaving-member");

    assertThat(member.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
    assertThat(member.get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(member.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(302);
  }
}

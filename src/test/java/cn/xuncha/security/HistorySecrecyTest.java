package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** History is granted per instance, never through one task of it (issue 10, item 2), on H2. */
@XunchaSpringTest
class HistorySecrecyTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoleAuthorizations roles;

  @Test
  void aTaskOfAnInstanceDoesNotOpenTheInstancesHistory() {
    HistorySecrecyScenario.runAndCheck(engine);
  }

  @Test
  void historicTaskGrantsOfEarlierVersionsAreWithdrawnAtStart() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    Authorization leaky = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    leaky.setGroupId("unit1");
    leaky.setResource(Resources.HISTORIC_TASK);
    leaky.setResourceId("some-finished-task");
    leaky.addPermission(HistoricTaskPermissions.READ);
    authorizations.saveAuthorization(leaky);

    roles.grantAll();

    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).list())
        .extracting(Authorization::getResourceId).containsOnly(Authorization.ANY);
    assertThat(authorizations.createAuthorizationQuery().resourceType(Resources.HISTORIC_TASK).groupIdIn(Roles.OFFICE).count()).isOne();
  }
}

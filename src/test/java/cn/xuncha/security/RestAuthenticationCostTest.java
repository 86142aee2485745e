package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.IdentitySetup;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * HTTP Basic authentication costs a few statements per REST request (issue 16: it took 30, then
 * 15): the password check, the user's groups and tenants, nothing else; and it still reads them on
 * every request, so a member removed from a group loses its access on the next one.
 */
@XunchaSpringTest
@Import(RestAuthenticationCostTest.CountedStatements.class)
class RestAuthenticationCostTest {

  /** Statements issued while an HTTP request is bound to the thread (the engine's and the app's alike). */
  static final AtomicInteger REQUEST_STATEMENTS = new AtomicInteger();

  @TestConfiguration
  static class CountedStatements {
    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (!(bean instanceof DataSource dataSource)) {
            return bean;
          }
          return ProxyDataSourceBuilder.create(dataSource).afterQuery((execution, queries) -> {
            if (RequestContextHolder.getRequestAttributes() != null) {
              REQUEST_STATEMENTS.addAndGet(queries.size());
            }
          }).build();
        }
      };
    }
  }

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentitySetup identitySetup;

  @Test
  void aBasicRequestCostsAFewStatements() {
    RestCaller rest = new RestCaller("http://localhost:" + port);
    try {
      for (String user : new String[] {"office1", "team1-leader", "admin-cost"}) {
        if (user.equals("admin-cost")) {
          identitySetup.ensureUser(user, "管理", "员", "demo");
          identitySetup.ensureMembership(user, Roles.ADMIN);
        }
        assertThat(rest.get(user, "/engine-rest/version").status()).isEqualTo(200);
        REQUEST_STATEMENTS.set(0);
        for (int i = 0; i < 10; i++) {
          assertThat(rest.get(user, "/engine-rest/version").status()).isEqualTo(200);
        }
        assertThat(REQUEST_STATEMENTS.get() / 10.0).as("statements per request of %s", user).isLessThanOrEqualTo(5);
      }
    } finally {
      // the fast tests share one database: a further administrator would change what AdvisoryTest sees
      engine.getIdentityService().deleteUser("admin-cost");
    }
  }

  @Test
  void aMemberRemovedFromHisTeamLosesItsTasksAtTheNextBasicRequest() {
    identitySetup.ensureUser("basic-member", "调出", "组员", "demo");
    identitySetup.ensureMembership("basic-member", "team1");
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "第一组的秘密");
    String taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    RestCaller rest = new RestCaller("http://localhost:" + port);
    String query = "/engine-rest/task?maxResults=10&processInstanceId=" + instance.getId();
    assertThat(rest.get("basic-member", query).body()).contains(taskId);

    engine.getIdentityService().deleteMembership("basic-member", "team1");

    assertThat(rest.get("basic-member", query).body()).isEqualTo("[]");
  }
}

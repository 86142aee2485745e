package cn.xuncha.system;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.XunchaApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The concurrent completion of {@link ConcurrentCompletionScenario} on real PostgreSQL. */
class ConcurrentCompletionPostgresIT {

  @Test
  void aLateTeamPlanSubmittedWhileItsOverdueTimerFiresIsFiled() throws Exception {
    String url = PostgresDatabase.create("concurrent_completion_it");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres").run(
        "--XUNCHA_DB_URL=" + url, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
        "--XUNCHA_ADMIN_PASSWORD=it-admin-secret", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.process-engine-name=concurrent-completion-it")) {
      ConcurrentCompletionScenario.run(app.getBean(ProcessEngine.class));
    }
  }
}

package cn.xuncha.security;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.XunchaApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** {@link HistorySecrecyScenario} on real PostgreSQL, whose query plans and joins differ from H2's. */
class HistorySecrecyPostgresIT {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aTaskOfAnInstanceDoesNotOpenTheInstancesHistory() {
    String url = PostgresDatabase.create("history_secrecy_it");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres").run(
        "--XUNCHA_DB_URL=" + url, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
        "--XUNCHA_ADMIN_PASSWORD=it-admin-secret", "--xuncha.demo=true", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.process-engine-name=history-secrecy-it")) {
      HistorySecrecyScenario.runAndCheck(app.getBean(ProcessEngine.class));
    }
  }
}

package cn.xuncha.onsite;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.XunchaApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seven-team sample round from plan to publication on real PostgreSQL. */
class SampleRoundPostgresIT {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void sevenTeamsTakeTheirUnitsFromPlanToPublication() {
    String url = PostgresDatabase.create("sample_round_it");
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres").run(
        "--XUNCHA_DB_URL=" + url, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
        "--XUNCHA_ADMIN_PASSWORD=it-admin-secret", "--xuncha.demo=true", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false", "--camunda.bpm.process-engine-name=sample-round-it")) {
      SampleRoundScenario.runAndCheck(app.getBean(ProcessEngine.class), app.getBean(JdbcClient.class));
    }
  }
}

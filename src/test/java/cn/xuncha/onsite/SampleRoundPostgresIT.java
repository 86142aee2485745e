package cn.xuncha.onsite;

import cn.xuncha.PostgresDatabase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    try (ConfigurableApplicationContext app = PostgresDatabase.application(url, "--camunda.bpm.process-engine-name=sample-round-it")) {
      SampleRoundScenario.runAndCheck(app.getBean(ProcessEngine.class), app.getBean(JdbcClient.class));
    }
  }
}

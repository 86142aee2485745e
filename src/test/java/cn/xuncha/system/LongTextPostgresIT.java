package cn.xuncha.system;

import cn.xuncha.PostgresDatabase;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Texts up to the forms' 20,000 characters on real PostgreSQL ({@link LongTextScenario}). */
class LongTextPostgresIT {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void reportFeedbackAndRectificationPlanKeepTwentyThousandCharacters() {
    String url = PostgresDatabase.create("long_text_it");
    try (ConfigurableApplicationContext app = PostgresDatabase.application(url, "--camunda.bpm.process-engine-name=long-text-it")) {
      LongTextScenario.run(app.getBean(ProcessEngine.class), app.getBean(JdbcClient.class));
    }
  }
}

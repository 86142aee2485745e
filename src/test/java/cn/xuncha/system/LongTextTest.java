package cn.xuncha.system;

import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Texts up to the forms' 20,000 characters on H2 ({@link LongTextScenario}). */
@XunchaSpringTest
class LongTextTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @Test
  void reportFeedbackAndRectificationPlanKeepTwentyThousandCharacters() {
    LongTextScenario.run(engine, jdbc);
  }
}

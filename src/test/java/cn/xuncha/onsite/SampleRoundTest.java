package cn.xuncha.onsite;

import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The seven-team sample round from plan to publication on H2. */
@XunchaSpringTest
class SampleRoundTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @Test
  void sevenTeamsTakeTheirUnitsFromPlanToPublication() {
    SampleRoundScenario.runAndCheck(engine, jdbc);
  }
}

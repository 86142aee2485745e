package cn.xuncha.onsite;

import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
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

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void sevenTeamsTakeTheirUnitsFromPlanToPublication() {
    SampleRoundScenario.runAndCheck(engine, jdbc);
  }
}

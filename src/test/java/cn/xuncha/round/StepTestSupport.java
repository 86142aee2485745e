package cn.xuncha.round;

import cn.xuncha.DeadlineAssertions;
import cn.xuncha.ProcedureSteps;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every step's test class starts from: the engine, the users who work the tasks
 * ({@link ProcedureSteps}), the {@link StepFixture} that starts the step from seeded records and
 * the checks of its deadlines ({@link DeadlineAssertions}).
 * Subclasses carry {@code @XunchaSpringTest} and start their step in their own {@code @BeforeEach},
 * which JUnit runs after this one.
 */
public abstract class StepTestSupport {

  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected RoundRepository rounds;
  @Autowired
  protected RoundUnits units;
  @Autowired
  protected TeamGroups teamGroups;
  protected ProcedureSteps steps;
  protected StepFixture fixture;
  protected DeadlineAssertions deadlines;

  @BeforeEach
  void prepareSteps() {
    steps = new ProcedureSteps(engine);
    fixture = new StepFixture(engine, rounds, units, teamGroups);
    deadlines = new DeadlineAssertions(engine, steps);
  }
}

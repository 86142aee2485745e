package cn.xuncha;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory H2 database with a real web server on a random port,
 * in demo mode. Every test that uses it shares one Spring context, so tests must not assume an
 * empty database: each starts its own process instances. Process tests leave a coverage report
 * per class under {@code target/process-test-coverage/}, aggregated for the whole build by
 * {@code mvn verify}. The global team groups of rounds from before per-round teams exist too ({@link LegacyTeamGroups}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, LegacyTeamGroups.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
@ExtendWith(ProcessTestSupport.class)
public @interface XunchaSpringTest {
}

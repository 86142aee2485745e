package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A failed start-up disturbs the web layer of other application contexts alive in the same JVM,
 * so this runs with the integration tests, which keep no context open between tests.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminPasswordIT {

  @Test
  void outsideDemoModeTheApplicationRefusesToStartWithoutAdminPassword(CapturedOutput output) {
    SpringApplicationBuilder app = new SpringApplicationBuilder(XunchaApplication.class);

    assertThatThrownBy(() -> app.run(
        "--xuncha.demo=false",
        "--xuncha.admin.password=",
        "--spring.datasource.url=jdbc:h2:mem:no-admin-password",
        "--server.port=0",
        // Engines register by name in a JVM-wide registry: closing a second "default" would unregister the shared one.
        "--camunda.bpm.process-engine-name=no-admin-password",
        "--camunda.bpm.job-execution.enabled=false"))
        .hasRootCauseInstanceOf(AdminPasswordMissingException.class);
    assertThat(output).contains("Set the environment variable XUNCHA_ADMIN_PASSWORD");
  }
}

package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An analyst's mistake in the deadline table stops the application at start, with the table's
 * Chinese message naming the line and the entry. An integration test for the reason AdminPasswordIT
 * gives: a failed start-up disturbs other application contexts in the same JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidDeadlineTableIT {

  @TempDir
  Path dir;

  @Test
  void theApplicationRefusesToStartWithAnInvalidDeadlineTable(CapturedOutput output) throws IOException {
    Path table = dir.resolve("deadlines.yaml");
    Files.writeString(table, Files.readString(Path.of("processes/deadlines.yaml")).replace("length: 10 工作日", "length: 10 工作天"));
    SpringApplicationBuilder app = new SpringApplicationBuilder(XunchaApplication.class);

    assertThatThrownBy(() -> app.run(
        "--xuncha.deadlines.table=file:" + table,
        "--spring.datasource.url=jdbc:h2:mem:invalid-deadline-table",
        "--server.port=0",
        "--camunda.bpm.process-engine-name=invalid-deadline-table",
        "--camunda.bpm.job-execution.enabled=false"))
        .hasRootCauseInstanceOf(DeadlineTable.InvalidTableException.class);
    assertThat(output).contains("期限表 deadlines.yaml 第 24 行（D2）：期限“10 工作天”无法识别", "改正期限表");
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the operator reads in the log: a refused input is one INFO line, stamped in the county's
 * time with its offset; so is a command on a task that does not exist (any more), or a read, deletion or HEAD of
 * its variable, under every prefix of the engine's REST API; a browser that leaves before its answer is written is one DEBUG line; a
 * real error keeps ERROR and its stack trace.
 */
@XunchaSpringTest
@ExtendWith(OutputCaptureExtension.class)
class RefusalLoggingTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

  @Test
  void aRefusedSubmissionIsOneInfoLineWithItsChineseMessage(CapturedOutput output) throws Exception {
    HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/process-definition/key/inspection-round/submit-form"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"preset\":{\"value\":\"everything\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    List<String> lines = output.getAll().lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("方案来源：只能选择")))
        .singleElement().asString().contains(" INFO ", "Input refused").containsPattern("^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+08:00 ");
    assertThat(lines).noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by"));
  }

  @Test
  void aCommandOnATaskThatIsGoneIsOneInfoLineAnd404UnderEveryPrefix(CapturedOutput output) throws Exception {
    cn.xuncha.security.EngineApi api = new cn.xuncha.security.EngineApi(port);
    int calls = 0;
    for (cn.xuncha.security.EngineApi.Prefix prefix : cn.xuncha.security.EngineApi.Prefix.values()) {
      for (String command : List.of("complete", "submit-form", "claim")) {
        HttpResponse<String> answer = api.call(prefix, "office1", "POST", "/task/gone-" + command + "/" + command, "{\"userId\":\"office1\"}");
        assertThat(answer.statusCode()).as(prefix + " " + command).isEqualTo(404);
        assertThat(answer.body()).contains("此任务不存在或已办结，请刷新任务列表");
        calls++;
      }
      // a task's variable: Camunda's resource wraps the engine's report in a 500 and logged it at WARN; HEAD answered 500
      for (String method : List.of("GET", "DELETE", "HEAD")) {
        HttpResponse<String> answer = api.call(prefix, "office1", method, "/task/gone-variable/variables/x", null);
        assertThat(answer.statusCode()).as(prefix + " " + method + " variable").isEqualTo(404);
        if (method.equals("HEAD")) {
          assertThat(answer.body()).isEmpty();
        } else {
          assertThat(answer.body()).contains("\"message\":\"" + InvalidInputPlugin.TASK_GONE + "\"");
        }
        calls++;
      }
    }

    List<String> lines = output.getAll().lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("Not found ("))).hasSize(calls)
        .allMatch(line -> line.contains(" INFO "));
    assertThat(lines).noneMatch(line -> line.contains(" ERROR ") || line.contains("ENGINE-REST-HTTP500") || line.startsWith("\tat ")
        || line.startsWith("Caused by"));
  }

  @Test
  void aTaskThatIsGoneUnderAVariableCommandIsOneInfoLine(CapturedOutput output) {
    assertThatThrownBy(() -> engine.getTaskService().setVariableLocal("gone-variable", "x", "a"))
        .hasMessage(InvalidInputPlugin.TASK_GONE);
    assertThatThrownBy(() -> engine.getTaskService().getVariables("gone-variables")).hasMessage(InvalidInputPlugin.TASK_GONE);

    List<String> lines = output.getAll().lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("Not found ("))).hasSize(2).allMatch(line -> line.contains(" INFO "));
    assertThat(lines).noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by"));
  }

  @Test
  void aBrowserThatLeftIsOneDebugLineWithoutStackTrace(CapturedOutput output) {
    ch.qos.logback.classic.Logger own = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LogNoise.class);
    ch.qos.logback.classic.Level level = own.getLevel();
    own.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      // as Jersey reports it, through java.util.logging
      java.util.logging.Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder").log(java.util.logging.Level.SEVERE,
          "An I/O error has occurred while writing a response message entity to the container output stream.",
          new java.io.UncheckedIOException(new org.apache.catalina.connector.ClientAbortException(new java.io.IOException("Broken pipe"))));
    } finally {
      own.setLevel(level);
    }

    List<String> lines = output.getAll().lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("Broken pipe"))).singleElement().asString()
        .contains(" DEBUG ", "Browser went away", "ServerRuntime$Responder");
    assertThat(lines).noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ") || line.startsWith("Caused by"));
  }

  /**
   * A record not found that the user's command did not name (a call activity's process, a unit a delegate looked up)
   * is an error of the installation: it keeps its message, ERROR and stack trace, and is no 404 to the user.
   */
  @Test
  void aRecordNotFoundThatTheCommandDidNotNameStaysAnError(CapturedOutput output) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
      throw new org.camunda.bpm.engine.ProcessEngineException("no deployed process definition found with key 'unit-inspection-v9'");
    })).isNotInstanceOf(org.camunda.bpm.engine.exception.NotFoundException.class)
        .hasMessage("no deployed process definition found with key 'unit-inspection-v9'");

    assertThat(output.getAll()).containsPattern(" ERROR .*ENGINE-16004 .*unit-inspection-v9").contains("\tat ")
        .doesNotContain("Not found (");
  }

  @Test
  void anErrorThatIsNoRefusalIsStillLoggedAsErrorWithItsStackTrace(CapturedOutput output) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
      throw new IllegalStateException("database gone");
    })).hasMessage("database gone");

    assertThat(output.getAll()).containsPattern(" ERROR .*ENGINE-16004 Exception while closing command context: database gone")
        .contains("\tat ");
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a refused submission and an error page say: Chinese only, no Camunda prefix, no stack trace. */
@XunchaSpringTest
class ChineseAnswersTest {

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void refusedStartFormAnswersWithTheChineseReasonAlone() throws Exception {
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/inspection-round/submit-form"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"preset\":{\"value\":\"everything\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"message\":\"方案来源：只能选择“空白方案”或“载入示例轮次”\"")
        .doesNotContain("Cannot");
  }

  @Test
  void errorPageIsChineseWithoutDetails() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/error")).header("Accept", "text/html").build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(page.body()).contains("系统出错", "县委巡察工作平台").doesNotContain("Whitelabel", "Exception", "at cn.");
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

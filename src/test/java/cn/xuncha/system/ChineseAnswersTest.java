package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a refused submission and an error page or error JSON say: Chinese only, no Camunda prefix, no
 * English reason phrase ("error": "Forbidden"), no stack trace; an upload over 10 MB and any other body over 2 MB
 * answer 413, their length declared or not, to the engine's API and to our own pages; a model that breaks the
 * schema is named by file and line.
 */
@XunchaSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ChineseAnswersTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;

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

  @Test
  void errorAnswersOfSpringAreChineseInEveryField() throws Exception {
    for (String[] call : new String[][] {{"/api/ledger/clues/x", "unit1", "403"}, {"/api/no-such-thing", "office1", "404"}}) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(call[0])).header("Accept", "application/json")
          .header("Authorization", basic(call[1])).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(call[0]).isEqualTo(Integer.parseInt(call[2]));
      com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
      assertThat(body.path("error").asText() + body.path("message").asText()).as(answer.body())
          .containsPattern("\\p{IsHan}").doesNotContainPattern("[A-Za-z]{3,}");
    }
  }

  @Test
  void anUploadOverTenMegabytesAnswers413InChineseAsJsonAndAsPage() throws Exception {
    byte[] eleven = new byte[11 * 1024 * 1024];
    String boundary = "xuncha-boundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.xlsx\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    // with its length declared, as browsers send a form
    byte[] upload = new byte[head.length + eleven.length + tail.length];
    System.arraycopy(head, 0, upload, 0, head.length);
    System.arraycopy(tail, 0, upload, head.length + eleven.length, tail.length);
    for (String[] call : new String[][] {{"/api/round-plan/import", "application/json"}, {"/round-plan/import", "text/html"}}) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(call[0])).version(HttpClient.Version.HTTP_1_1).header("Accept", call[1])
          .header("Authorization", basic("office1")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(call[0]).isEqualTo(413);
      assertThat(answer.headers().firstValue("Content-Type")).as(answer.headers() + answer.body()).get().asString().startsWith(call[1]);
      assertThat(answer.body()).contains("文件过大", "上传的文件超过 10 MB").doesNotContain("Maximum", "Exception");
    }
  }

  @Test
  void anUploadOverTenMegabytesSentWithoutItsLengthAnswers413AndStoresNothing() throws Exception {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("inspection-round", "round-chunked-upload").getId();
    String boundary = "xuncha-boundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"valueType\"\r\n\r\nBytes\r\n--" + boundary
        + "--\r\n").getBytes(StandardCharsets.UTF_8);
    java.io.InputStream upload = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head),
        new java.io.ByteArrayInputStream(new byte[11 * 1024 * 1024]), new java.io.ByteArrayInputStream(tail))));

    // an input stream of unknown length goes out chunked, without Content-Length
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance + "/variables/big/data"))
        .version(HttpClient.Version.HTTP_1_1).header("Accept", "application/json").header("Authorization", basic("admin"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofInputStream(() -> upload))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
    assertThat(answer.body()).contains("文件过大", "上传的文件超过 10 MB").doesNotContain("Maximum", "Exception");
    assertThat(engine.getRuntimeService().getVariable(instance, "big")).isNull();
  }

  @Test
  void aJsonBodyOverTwoMegabytesAnswers413InChineseWithOrWithoutItsLengthAndStoresNothing() throws Exception {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("inspection-round", "round-large-json").getId();
    byte[] json = ("{\"type\":\"String\",\"value\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    for (boolean chunked : List.of(false, true)) {
      // an input stream of unknown length goes out chunked, without Content-Length
      HttpRequest.BodyPublisher body = chunked
          ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(json))
          : HttpRequest.BodyPublishers.ofByteArray(json);
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance + "/variables/big"))
          .version(HttpClient.Version.HTTP_1_1).header("Accept", "application/json").header("Authorization", basic("admin"))
          .header("Content-Type", "application/json").PUT(body).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(chunked + " " + answer.body()).isEqualTo(413);
      assertThat(answer.body()).contains("提交的内容超过 2 MB，未保存任何内容").doesNotContain("Maximum", "Exception");
      assertThat(engine.getRuntimeService().getVariable(instance, "big")).isNull();
    }
  }

  @Test
  void aChunkedJsonBodyOverTwoMegabytesAnswers413HoweverItsTransferEncodingIsSpelled() throws Exception {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("inspection-round", "round-chunked-spelling").getId();
    byte[] json = ("{\"type\":\"String\",\"value\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    // Tomcat reads these as "chunked"
    for (String encoding : List.of("chunked,", ", chunked")) {
      try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
        StringBuilder head = new StringBuilder("PUT /engine-rest/process-instance/" + instance + "/variables/big HTTP/1.1\r\n"
            + "Host: localhost\r\nConnection: close\r\nAuthorization: " + basic("admin") + "\r\nContent-Type: application/json\r\n");
        head.append("Transfer-Encoding: ").append(encoding).append("\r\n");
        java.io.OutputStream out = socket.getOutputStream();
        try {
          out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
          for (int start = 0; start < json.length; start += 65536) {
            int length = Math.min(65536, json.length - start);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json, start, length);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (java.io.IOException refusedBeforeTheEnd) {
          // the server answered and closed before the whole body was sent
        }
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(answer).as(encoding).startsWith("HTTP/1.1 413").contains("提交的内容超过 2 MB，未保存任何内容");
        assertThat(engine.getRuntimeService().getVariable(instance, "big")).isNull();
      }
    }
  }

  @Test
  void anUploadToOurOwnPagesSentWithoutItsLengthAnswers413InChineseAsJsonAndAsPage() throws Exception {
    String boundary = "xuncha-boundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.xlsx\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    for (String[] call : new String[][] {{"/api/round-plan/import", "application/json"}, {"/round-plan/import", "text/html"}}) {
      java.io.InputStream upload = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(new java.io.ByteArrayInputStream(head),
          new java.io.ByteArrayInputStream(new byte[11 * 1024 * 1024]), new java.io.ByteArrayInputStream(tail))));

      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(call[0])).version(HttpClient.Version.HTTP_1_1).header("Accept", call[1])
          .header("Authorization", basic("office1")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> upload)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(call[0]).isEqualTo(413);
      assertThat(answer.headers().firstValue("Content-Type")).as(answer.headers() + answer.body()).get().asString().startsWith(call[1]);
      assertThat(answer.body()).contains("文件过大", "上传的文件超过 10 MB").doesNotContain("Maximum", "Exception");
    }
  }

  /**
   * A model that breaks the BPMN schema: the administrator reads which file and which line, in Chinese; the
   * schema's English detail ("cvc-complex-type.2.4.a …") is left to the operator's log, as one INFO line.
   */
  @Test
  void aDeploymentThatBreaksTheSchemaNamesFileAndLineInChinese(CapturedOutput output) throws Exception {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
          <bpmn:process id="schema-broken" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:nonsense/></bpmn:startEvent>
          </bpmn:process>
        </bpmn:definitions>
        """;
    String boundary = "xuncha-boundary";
    String upload = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbroken\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"broken.bpmn\"\r\nContent-Type: application/xml\r\n\r\n"
        + bpmn + "\r\n--" + boundary + "--\r\n";
    long deployments = engine.getRepositoryService().createDeploymentQuery().count();
    int logged = output.getAll().length();

    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create")).header("Authorization", basic("admin"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(upload)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("message").asText())
        .isEqualTo("模型文件“broken.bpmn”第 4 行不符合 BPMN 规范，请用 Camunda Modeler 检查后重新部署，未部署任何内容");
    assertThat(answer.body()).doesNotContain("cvc-", "details");
    assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
    List<String> lines = output.getAll().substring(logged).lines().toList();
    assertThat(lines.stream().filter(line -> line.contains("cvc-"))).singleElement().asString().contains(" INFO ", "Deployment refused");
    assertThat(lines).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat "));
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * How {@link RefusalMessageFilter} passes answers on: a successful answer (a file variable's bytes,
 * a page of results) reaches the client as the engine writes it, not held in memory to its end;
 * an error answer is held and rewritten in Chinese, without the length of the engine's answer, without the English words
 * Camunda puts before a reason of ours, without technical fields beside the message, with the status the refusal means.
 */
class RefusalMessageFilterTest {

  private static final int MEGABYTE = 1024 * 1024;

  @Test
  void aDownloadStreamsThroughWithoutBeingHeld() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/process-instance/p/variables/file/data");
    MockHttpServletResponse client = new MockHttpServletResponse();
    long[] reachedWhileWriting = new long[1];
    HttpServlet engine = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/octet-stream");
        resp.setContentLengthLong(8L * MEGABYTE);
        byte[] chunk = new byte[MEGABYTE];
        Arrays.fill(chunk, (byte) 7);
        for (int i = 0; i < 8; i++) {
          resp.getOutputStream().write(chunk);
        }
        reachedWhileWriting[0] = client.getContentAsByteArray().length;
      }
    };

    new RefusalMessageFilter().doFilter(request, client, new MockFilterChain(engine));

    assertThat(reachedWhileWriting[0]).as("bytes the client had before the engine finished").isEqualTo(8L * MEGABYTE);
    assertThat(client.getContentAsByteArray()).hasSize(8 * MEGABYTE);
    assertThat(client.getHeader("Content-Length")).isEqualTo(String.valueOf(8 * MEGABYTE));
  }

  @Test
  void anErrorIsHeldAndRewrittenWithoutTheEnginesLength() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/deployment");
    MockHttpServletResponse client = new MockHttpServletResponse();
    byte[] english = "{\"type\":\"BadUserRequestException\",\"message\":\"An unbound number of results is forbidden!\"}".getBytes();
    HttpServlet engine = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // Jersey's order: length and headers, then the status
        resp.setContentLength(english.length);
        resp.setContentType("application/json");
        resp.setStatus(400);
        resp.getOutputStream().write(english);
        resp.flushBuffer();
      }
    };

    new RefusalMessageFilter().doFilter(request, client, new MockFilterChain(engine));

    assertThat(client.getStatus()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(client.getContentAsByteArray()).path("message").asText()).isEqualTo("查询须指定每页条数，请分页查询");
    assertThat(client.getHeader("Content-Length")).as("the engine's length of its English answer").isNull();
  }

  @Test
  void camundasEnglishWordsBeforeOurReasonAreDropped() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("DELETE", "/engine-rest/task/gone/localVariables/x");
    MockHttpServletResponse client = new MockHttpServletResponse();
    byte[] wrapped = ("{\"type\":\"RestException\",\"message\":\"Cannot delete task variable x: " + InvalidInputPlugin.TASK_GONE + "\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpServlet engine = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(500);
        resp.setContentType("application/json");
        resp.getOutputStream().write(wrapped);
      }
    };

    new RefusalMessageFilter().doFilter(request, client, new MockFilterChain(engine));

    assertThat(client.getStatus()).isEqualTo(404);
    assertThat(new ObjectMapper().readTree(client.getContentAsByteArray()).path("message").asText()).isEqualTo(InvalidInputPlugin.TASK_GONE);
  }

  @Test
  void aModelThatDoesNotParseIsNamedAsSuch() {
    for (String english : List.of("ENGINE-09003 Could not parse 'bad.bpmn'. XML document structures must start and end within the same entity.",
        "ENGINE-09005 Could not parse BPMN process. Errors: \n* cvc-complex-type.2.4.a",
        "ENGINE-09033 Could not parse Camunda Form resource bad.form. Cause: java.io.EOFException: End of input",
        "ENGINE-22004 Unable to transform DMN resource 'bad.dmn'.")) {
      assertThat(RefusalMessageFilter.reason("POST", "/deployment/create", "ProcessEngineException", english, 500))
          .isEqualTo("上传的模型或表单文件无法解析，请用 Camunda Modeler 检查后重新部署，未部署任何内容");
    }
  }

  @Test
  void aRefusedAuthorizationKeepsNoTechnicalFieldsBesideItsChineseMessage() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/engine-rest/process-instance/p/variables/term");
    MockHttpServletResponse client = new MockHttpServletResponse();
    byte[] english = ("{\"type\":\"AuthorizationException\",\"message\":\"The user with id 'office1' does not have 'UPDATE' permission on "
        + "resource 'p' of type 'ProcessInstance'.\",\"code\":0,\"userId\":\"office1\",\"missingAuthorizations\":[{\"permissionName\":"
        + "\"UPDATE\",\"resourceName\":\"ProcessInstance\",\"resourceId\":\"p\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpServlet engine = new HttpServlet() {
      @Override
      protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(403);
        resp.setContentType("application/json");
        resp.getOutputStream().write(english);
      }
    };

    new RefusalMessageFilter().doFilter(request, client, new MockFilterChain(engine));

    assertThat(client.getStatus()).isEqualTo(403);
    assertThat(new ObjectMapper().readTree(client.getContentAsByteArray()))
        .isEqualTo(new ObjectMapper().readTree("{\"type\":\"RestException\",\"message\":\"您无权进行此项操作，未保存任何内容\",\"code\":0}"));
  }

  @Test
  void schemaErrorsAreNamedByFileAndLine() throws Exception {
    com.fasterxml.jackson.databind.JsonNode details = new ObjectMapper().readTree("{\"plan.bpmn\":{\"errors\":[{\"message\":\"cvc-complex-type.2.4.a\","
        + "\"line\":12},{\"message\":\"cvc-id.1\",\"line\":30}],\"warnings\":[]},\"ok.bpmn\":{\"errors\":[],\"warnings\":[]}}");

    assertThat(RefusalMessageFilter.unparsed(details))
        .isEqualTo("模型文件“plan.bpmn”第 12 行、第 30 行不符合 BPMN 规范，请用 Camunda Modeler 检查后重新部署，未部署任何内容");
  }

  @Test
  void aRefusalOfOursWrappedInA500Answers400AndAMissingRecord404() {
    assertThat(RefusalMessageFilter.status(500, "Could not delete task: " + InvalidInputPlugin.PROCESS_TASK, InvalidInputPlugin.PROCESS_TASK))
        .isEqualTo(400);
    assertThat(RefusalMessageFilter.status(500, "Cannot get form for task x", InvalidInputPlugin.TASK_GONE)).isEqualTo(404);
    assertThat(RefusalMessageFilter.status(400, "x", InvalidInputPlugin.NOT_FOUND)).isEqualTo(404);
    assertThat(RefusalMessageFilter.status(500, "database gone", "系统出错，请稍后重试")).as("an error stays an error").isEqualTo(500);
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.EngineApi;
import cn.xuncha.security.EngineApi.Prefix;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's own English refusals, on reads and on commands other than completing a task, as a
 * user meets them under every prefix the application serves the engine's REST API: each answers with
 * its status and a Chinese message, no English word in any field of the answer ({@code "error":
 * "Forbidden"}, "An unbound number of results is forbidden!", "The user with id … does not have …").
 */
@XunchaSpringTest
@ExtendWith(OutputCaptureExtension.class)
class EngineApiInChineseTest {

  /** A value in Java's serialization format (a serialized string), which the engine must never deserialize. */
  static final String JAVA_SERIALIZED = "{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":"
      + "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * The ids of records that do not exist: a plain one, and ones with a quote, a colon or a double quote, which a user
   * can write into a path (URL-encoded) and the engine quotes in its message ("Task 'a:b' not found").
   */
  private static final List<String> ODD_IDS = List.of("missing", "a'b", "a:b", "a\"b");

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;

  record Refusal(String name, String user, String method, String resource, String body, int status, String message) {
  }

  @TestFactory
  List<DynamicTest> engineRefusalsReadInChineseUnderEveryPrefix() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("inspection-round", "round-api-chinese").getId();
    List<Refusal> refusals = List.of(
        new Refusal("page larger than allowed", "office1", "GET", "/task?maxResults=100000", null, 400, "一次最多查询 2000 条，请分页查询"),
        new Refusal("query without page size", "office1", "GET", "/deployment", null, 400, "查询须指定每页条数，请分页查询"),
        new Refusal("no such user", "office1", "GET", "/user/no-such-user/profile", null, 404, "您要找的内容不存在或已被删除"),
        new Refusal("method not allowed", "office1", "GET", "/user/leader1", null, 405, "请求方式不正确"),
        new Refusal("change without permission", "office1", "PUT", "/process-instance/" + instance + "/variables/term",
            "{\"value\":\"x\",\"type\":\"String\"}", 403, "您无权进行此项操作，未保存任何内容"),
        new Refusal("claim of no such task", "office1", "POST", "/task/no-such-task/claim", "{\"userId\":\"office1\"}", 404,
            "此任务不存在或已办结，请刷新任务列表"),
        new Refusal("start with a Java-serialized value", "office1", "POST", "/process-definition/key/inspection-round/start",
            "{\"variables\":{\"term\":" + JAVA_SERIALIZED + "}}", 400, "不接受以序列化对象提交的值，未保存任何内容"));
    EngineApi api = new EngineApi(port);
    List<DynamicTest> tests = new ArrayList<>();
    for (Prefix prefix : Prefix.values()) {
      for (Refusal refusal : refusals) {
        tests.add(DynamicTest.dynamicTest(prefix.name() + ": " + refusal.name(), () -> {
          long instances = engine.getRuntimeService().createProcessInstanceQuery().count();

          HttpResponse<String> answer = api.call(prefix, refusal.user(), refusal.method(), refusal.resource(), refusal.body());

          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(refusal.status());
          JsonNode body = JSON.readTree(answer.body());
          assertThat(body.path("message").asText()).isEqualTo(refusal.message());
          assertThat(englishShown(body)).as(answer.body()).isEmpty();
          // no technical English beside the message: a 403 without Camunda's userId and missingAuthorizations
          assertThat(body.fieldNames()).toIterable().as(answer.body()).isSubsetOf("type", "message", "code");
          assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
          assertThat(engine.getRuntimeService().getVariable(instance, "term")).isNull();
        }));
      }
    }
    return tests;
  }

  /** A call on a record that does not exist, and what it must answer: its status and Chinese message. */
  record Missing(String method, String resource, String body, int status, String message) {

    Missing(String method, String resource, String body) {
      this(method, resource, body, 404, resource.startsWith("/task/") ? InvalidInputPlugin.TASK_GONE : InvalidInputPlugin.NOT_FOUND);
    }
  }

  /**
   * The sweep of the engine's REST surface: every family's reads, deletions and commands on an id that does not
   * exist, under every prefix, and every read again as HEAD. Each answers 4xx with its Chinese message (HEAD: GET's
   * status, no body), changes nothing, and leaves no WARN or ERROR line nor stack trace in the log: the engine
   * reported each in its own way (a NullValueException, "No job found", a NullPointerException, nothing at all for a
   * deletion) and Camunda's resources answered 400, 500 or 204. Each call is made with ids a user can put in a path
   * too ({@link #ODD_IDS}): a quote or a colon in the id, which the engine quotes in its message, must not hide that
   * the record is missing.
   */
  @TestFactory
  List<DynamicTest> everyCallOnAMissingRecordAnswers4xxInChineseWithoutAStack(CapturedOutput output) throws Exception {
    List<Missing> calls = List.of(
        new Missing("GET", "/task/missing", null),
        new Missing("DELETE", "/task/missing", null),
        new Missing("GET", "/task/missing/variables", null),
        new Missing("GET", "/task/missing/variables/x", null),
        new Missing("DELETE", "/task/missing/variables/x", null),
        new Missing("GET", "/task/missing/localVariables/x", null),
        new Missing("DELETE", "/task/missing/localVariables/x", null),
        new Missing("GET", "/task/missing/identity-links", null),
        new Missing("GET", "/task/missing/form", null),
        new Missing("GET", "/task/missing/deployed-form", null),
        new Missing("GET", "/task/missing/rendered-form", null),
        new Missing("GET", "/task/missing/form-variables", null),
        new Missing("POST", "/task/missing/assignee", "{\"userId\":\"admin\"}"),
        new Missing("POST", "/task/missing/resolve", "{}"),
        new Missing("GET", "/process-instance/missing", null),
        new Missing("DELETE", "/process-instance/missing", null),
        new Missing("GET", "/process-instance/missing/variables", null),
        new Missing("GET", "/process-instance/missing/variables/x", null),
        new Missing("DELETE", "/process-instance/missing/variables/x", null),
        new Missing("GET", "/process-instance/missing/activity-instances", null),
        new Missing("GET", "/history/process-instance/missing", null),
        new Missing("DELETE", "/history/process-instance/missing", null),
        new Missing("GET", "/history/variable-instance/missing", null),
        new Missing("DELETE", "/history/variable-instance/missing", null),
        new Missing("GET", "/history/activity-instance/missing", null),
        new Missing("GET", "/variable-instance/missing", null),
        new Missing("GET", "/variable-instance/missing/data", null),
        new Missing("GET", "/execution/missing", null),
        new Missing("GET", "/execution/missing/localVariables", null),
        new Missing("GET", "/execution/missing/localVariables/x", null),
        new Missing("POST", "/execution/missing/signal", "{}"),
        new Missing("GET", "/job/missing", null),
        new Missing("DELETE", "/job/missing", null),
        new Missing("POST", "/job/missing/execute", "{}"),
        new Missing("GET", "/job/missing/stacktrace", null),
        new Missing("GET", "/deployment/missing", null),
        new Missing("DELETE", "/deployment/missing", null),
        new Missing("GET", "/deployment/missing/resources", null),
        new Missing("GET", "/deployment/missing/resources/x/data", null),
        new Missing("GET", "/process-definition/missing", null),
        new Missing("GET", "/process-definition/missing/xml", null),
        new Missing("GET", "/process-definition/missing/diagram", null),
        new Missing("GET", "/process-definition/missing/startForm", null),
        new Missing("GET", "/process-definition/missing/deployed-start-form", null),
        new Missing("GET", "/process-definition/missing/rendered-form", null),
        new Missing("GET", "/process-definition/missing/form-variables", null),
        new Missing("DELETE", "/process-definition/missing", null),
        new Missing("GET", "/process-definition/key/missing", null),
        new Missing("POST", "/process-definition/missing/start", "{}"),
        new Missing("POST", "/process-definition/missing/submit-form", "{}"),
        new Missing("POST", "/process-definition/key/missing/start", "{}"),
        new Missing("GET", "/filter/missing", null),
        new Missing("DELETE", "/filter/missing", null),
        new Missing("GET", "/filter/missing/count", null),
        new Missing("GET", "/decision-definition/missing", null),
        new Missing("GET", "/decision-definition/missing/xml", null),
        new Missing("POST", "/decision-definition/missing/evaluate", "{}"),
        new Missing("GET", "/incident/missing", null),
        new Missing("DELETE", "/incident/missing", null),
        new Missing("GET", "/external-task/missing", null),
        new Missing("GET", "/external-task/missing/errorDetails", null),
        new Missing("POST", "/external-task/missing/complete", "{\"workerId\":\"w\"}"),
        new Missing("POST", "/signal", "{\"name\":\"missing\",\"executionId\":\"missing\"}"),
        new Missing("GET", "/batch/missing", null),
        new Missing("DELETE", "/batch/missing", null),
        new Missing("PUT", "/process-instance/missing/suspended", "{\"suspended\":true}"),
        new Missing("POST", "/process-instance/missing/modification", "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"x\"}]}"),
        new Missing("DELETE", "/user/missing", null),
        new Missing("DELETE", "/group/missing", null),
        new Missing("POST", "/message", "{\"messageName\":\"missing\"}", 400, InvalidInputPlugin.NO_RECEIVER),
        new Missing("POST", "/message", "{\"messageName\":\"missing\",\"processInstanceId\":\"missing\"}", 400,
            InvalidInputPlugin.NO_RECEIVER));
    EngineApi api = new EngineApi(port);
    List<DynamicTest> tests = new ArrayList<>();
    for (Prefix prefix : Prefix.values()) {
      for (Missing call : calls) {
        List<String> methods = call.method().equals("GET") ? List.of("GET", "HEAD") : List.of(call.method());
        for (String method : methods) {
          for (String id : ODD_IDS) {
            String resource = call.resource().replace("missing", URLEncoder.encode(id, StandardCharsets.UTF_8));
            String body = call.body() == null ? null : call.body().replace("\"missing\"", JSON.writeValueAsString(id));
            tests.add(DynamicTest.dynamicTest(prefix.name() + " " + method + " " + resource + " " + Objects.toString(body, ""), () -> {
              long instances = engine.getRuntimeService().createProcessInstanceQuery().count();
              int logged = output.getAll().length();

              HttpResponse<String> answer = api.call(prefix, "admin", method, resource, body);

              assertThat(answer.statusCode()).as(answer.body()).isEqualTo(call.status());
              if (method.equals("HEAD")) {
                assertThat(answer.body()).isEmpty();
              } else {
                JsonNode error = JSON.readTree(answer.body());
                assertThat(error.path("message").asText()).as(answer.body()).isEqualTo(call.message());
                assertThat(englishShown(error)).as(answer.body()).isEmpty();
              }
              String log = output.getAll().substring(logged);
              assertThat(log.lines()).as(log).noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                  || line.startsWith("\tat ") || line.startsWith("Caused by"));
              assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
            }));
          }
        }
      }
    }
    return tests;
  }

  /**
   * English words in what the webapps show of an error answer: its message and, in Spring's answers,
   * its error (the type name and an authorization refusal's permission names are for programs).
   */
  private static List<String> englishShown(JsonNode body) {
    List<String> words = new ArrayList<>();
    body.fields().forEachRemaining(field -> {
      if (List.of("message", "error").contains(field.getKey()) && field.getValue().isTextual()) {
        java.util.regex.Pattern.compile("[A-Za-z]{3,}").matcher(field.getValue().asText()).results().forEach(word -> words.add(word.group()));
      }
    });
    return words;
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.EngineApi;
import cn.xuncha.security.EngineApi.Prefix;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The engine's own English refusals, on reads and on commands other than completing a task, as a
 * user meets them under every prefix the application serves the engine's REST API: each answers with
 * its status and a Chinese message, no English word in any field of the answer ({@code "error":
 * "Forbidden"}, "An unbound number of results is forbidden!", "The user with id … does not have …").
 */
@XunchaSpringTest
class EngineApiInChineseTest {

  /** A value in Java's serialization format (a serialized string), which the engine must never deserialize. */
  static final String JAVA_SERIALIZED = "{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":"
      + "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";
  private static final ObjectMapper JSON = new ObjectMapper();

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
          assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(instances);
          assertThat(engine.getRuntimeService().getVariable(instance, "term")).isNull();
        }));
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

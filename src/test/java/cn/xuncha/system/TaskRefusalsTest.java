package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.EngineApi;
import cn.xuncha.security.EngineApi.Prefix;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every refusal a user meets when completing a task or submitting its form over the REST API, under
 * every prefix the application serves it: the message is Chinese, carries no English word of
 * Camunda's (no "Cannot complete task …:" prefix, no Java type), and nothing is stored.
 */
@XunchaSpringTest
class TaskRefusalsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;

  record Refusal(String name, String user, String task, String body, int status, String message) {
  }

  @TestFactory
  List<DynamicTest> refusalsReadInChineseUnderEveryPrefix() {
    String task = draftTask("round-refusals");
    Map<String, JsonNode> shown = localVariables(task);
    List<Refusal> refusals = List.of(
        new Refusal("rule broken", "office1", task, "{\"variables\":{}}", 400, "轮次名称：不能为空"),
        new Refusal("no such task", "office1", "no-such-task", "{}", 404, "此任务不存在或已办结，请刷新任务列表"),
        new Refusal("another party's task, as if missing", "unit1", task, "{}", 404, "此任务不存在或已办结，请刷新任务列表"),
        new Refusal("value of the wrong type", "office1", task, "{\"variables\":{\"term\":{\"value\":\"x1\",\"type\":\"Integer\"}}}",
            400, "“x1”不是有效的整数，未保存任何内容"),
        new Refusal("value in Java's serialization format", "office1", task, "{\"variables\":{\"term\":" + EngineApiInChineseTest.JAVA_SERIALIZED + "}}",
            400, "不接受以序列化对象提交的值，未保存任何内容"),
        new Refusal("body not JSON", "office1", task, "{variables", 400, "提交的内容格式不正确，未保存任何内容"));
    EngineApi api = new EngineApi(port);
    List<DynamicTest> tests = new ArrayList<>();
    for (Prefix prefix : Prefix.values()) {
      for (String endpoint : List.of("complete", "submit-form")) {
        for (Refusal refusal : refusals) {
          tests.add(DynamicTest.dynamicTest(prefix.name() + " " + endpoint + ": " + refusal.name(), () -> {
            HttpResponse<String> answer = api.call(prefix, refusal.user(), "POST", "/task/" + refusal.task() + "/" + endpoint, refusal.body());

            assertThat(answer.statusCode()).isEqualTo(refusal.status());
            String message = JSON.readTree(answer.body()).path("message").asText(answer.body());
            assertThat(message).startsWith(refusal.message()).doesNotContainPattern("[A-Za-z]{3,}");
            assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult()).isNotNull();
            assertThat(localVariables(task)).isEqualTo(shown);
          }));
        }
      }
    }
    return tests;
  }

  /**
   * Deleting a task of a process instance (Camunda: a 500 "The task cannot be deleted because is part of a running
   * process") is refused in Chinese to whoever may read the task; to anyone else the task is as missing as one that
   * does not exist (Camunda: 204 for an unknown id). The task stays.
   */
  @TestFactory
  List<DynamicTest> aProcessTaskCannotBeDeletedUnderEveryPrefix() {
    String task = draftTask("round-task-deletion");
    EngineApi api = new EngineApi(port);
    List<DynamicTest> tests = new ArrayList<>();
    for (Prefix prefix : Prefix.values()) {
      for (Refusal refusal : List.of(
          new Refusal("by the office", "office1", task, null, 400, InvalidInputPlugin.PROCESS_TASK),
          new Refusal("by an administrator", "admin", task, null, 400, InvalidInputPlugin.PROCESS_TASK),
          new Refusal("by a unit that may not read it", "unit1", task, null, 404, InvalidInputPlugin.TASK_GONE),
          new Refusal("that does not exist", "office1", "no-such-task", null, 404, InvalidInputPlugin.TASK_GONE))) {
        tests.add(DynamicTest.dynamicTest(prefix.name() + " DELETE a task " + refusal.name(), () -> {
          HttpResponse<String> answer = api.call(prefix, refusal.user(), "DELETE", "/task/" + refusal.task(), null);

          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(refusal.status());
          assertThat(JSON.readTree(answer.body()).path("message").asText()).isEqualTo(refusal.message());
          assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult()).isNotNull();
        }));
      }
    }
    return tests;
  }

  /**
   * A task the user may not read answers every read and command on it exactly as a task that does not exist: a 403
   * would tell an inspected unit that the id is a task of the round (InvalidInputPlugin's hidden records).
   */
  @TestFactory
  List<DynamicTest> aHiddenTaskAnswersAsAMissingOneUnderEveryPrefix() {
    String task = draftTask("round-hidden-task");
    Map<String, JsonNode> shown = localVariables(task);
    EngineApi api = new EngineApi(port);
    List<DynamicTest> tests = new ArrayList<>();
    for (Prefix prefix : Prefix.values()) {
      for (String call : List.of("GET /form", "GET /variables", "GET /identity-links", "GET /rendered-form", "GET /form-variables",
          "GET /deployed-form", "GET /variables/task/data", "GET /variables/execution/data", "POST /claim", "POST /complete", "POST /submit-form", "POST /assignee", "PUT /variables/term")) {
        String method = call.substring(0, call.indexOf(' '));
        String resource = call.substring(call.indexOf(' ') + 1);
        String body = method.equals("GET") ? null : resource.startsWith("/variables") ? "{\"value\":\"x\",\"type\":\"String\"}"
            : resource.equals("/claim") || resource.equals("/assignee") ? "{\"userId\":\"unit1\"}" : "{}";
        tests.add(DynamicTest.dynamicTest(prefix.name() + " " + call, () -> {
          HttpResponse<String> hidden = api.call(prefix, "unit1", method, "/task/" + task + resource, body);
          HttpResponse<String> missing = api.call(prefix, "unit1", method, "/task/no-such-task" + resource, body);

          assertThat(hidden.statusCode()).as(hidden.body()).isEqualTo(404).isEqualTo(missing.statusCode());
          assertThat(hidden.body()).isEqualTo(missing.body()).contains(InvalidInputPlugin.TASK_GONE);
          assertThat(engine.getTaskService().createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();
          assertThat(localVariables(task)).isEqualTo(shown);
        }));
      }
    }
    return tests;
  }

  /** The task's variables as JSON, so that an object compares equal whatever the order of its fields. */
  private Map<String, JsonNode> localVariables(String task) {
    Map<String, JsonNode> values = new TreeMap<>();
    engine.getTaskService().getVariablesLocal(task).forEach((name, value) -> values.put(name, asJson(value)));
    return values;
  }

  private static JsonNode asJson(Object value) {
    try {
      return JSON.readTree(String.valueOf(value));
    } catch (JsonProcessingException text) {
      return JSON.valueToTree(value);
    }
  }

  private String draftTask(String round) {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("inspection-round", round).getId();
    Task draft = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round)
        .taskDefinitionKey("Task_DraftRoundPlan").singleResult();
    assertThat(draft).as("draft task of " + instance).isNotNull();
    return draft.getId();
  }
}

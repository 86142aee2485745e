package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine accepts a task form submission only with the fields the task declared — the
 * task-local variables its {@code FormTask} created (UserCommandGuard). Tasklist submits every
 * field of the Camunda Form, so every field of every form must be among them: checked on every task
 * of the sample round, from plan to publication.
 */
@XunchaSpringTest
class DeclaredFormFieldsTest {

  private static final Set<String> WITHOUT_VALUE = Set.of("text", "html", "button", "separator", "spacer", "image", "group", "table");

  @Autowired
  ProcessEngine engine;

  @Test
  void everyFieldOfEveryFormIsDeclaredOnItsTask() throws IOException {
    ProcessInstance round = new ProcedureSteps(engine).runSampleRoundToPublication();
    Map<String, Set<String>> formFields = formFields();

    Map<String, Set<String>> undeclared = new HashMap<>();
    for (HistoricTaskInstance task : engine.getHistoryService().createHistoricTaskInstanceQuery()
        .rootProcessInstanceId(round.getId()).unlimitedList()) {
      UserTask userTask = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
      Set<String> declared = engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId())
          .unlimitedList().stream().map(HistoricVariableInstance::getName).collect(Collectors.toSet());
      Set<String> missing = new TreeSet<>(formFields.get(userTask.getCamundaFormRef()));
      missing.removeAll(declared);
      if (!missing.isEmpty()) {
        undeclared.put(task.getTaskDefinitionKey(), missing);
      }
    }
    assertThat(undeclared).isEmpty();
  }

  private static Map<String, Set<String>> formFields() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> fields = new HashMap<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode root = json.readTree(form.toFile());
        Set<String> keys = new TreeSet<>();
        collect(root.path("components"), keys);
        fields.put(root.path("id").asText(), keys);
      }
    }
    return fields;
  }

  /** Top-level keys only: the fields inside a dynamic list travel inside its one variable (its path or key). */
  private static void collect(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if ("dynamiclist".equals(type)) {
        keys.add(component.hasNonNull("path") ? component.path("path").asText() : component.path("key").asText());
      } else if ("group".equals(type)) {
        collect(component.path("components"), keys);
      } else if (component.hasNonNull("key") && !WITHOUT_VALUE.contains(type)) {
        keys.add(component.path("key").asText());
      }
    }
  }
}

package cn.xuncha.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

/**
 * The keys of the fields a task's deployed Camunda Form submits: every component with a {@code key}
 * (text fields, dates, selects, checklists …) and the {@code path} of each dynamic list (its rows
 * arrive as one list), read from the form file of the task's deployment as the engine serves it to
 * Tasklist ({@link GetDeployedTaskFormCmd}). Empty for a task without {@code camunda:formRef}.
 * Forms bound to their deployment ({@code formRefBinding="deployment"}, all of this application's)
 * never change, so their keys are read once per process definition and task.
 */
final class DeployedFormFields {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Set<String>> BY_TASK_DEFINITION = new ConcurrentHashMap<>();

  private DeployedFormFields() {
  }

  /** The field keys of {@code task}'s form, read inside {@code context} without the user's authorization checks. */
  static Set<String> of(TaskEntity task, CommandContext context) {
    TaskDefinition definition = task.getTaskDefinition();
    if (definition == null || definition.getCamundaFormDefinitionKey() == null) {
      return Set.of();
    }
    if (!"deployment".equals(definition.getCamundaFormDefinitionBinding())) {
      return read(task, context);
    }
    return BY_TASK_DEFINITION.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
        key -> read(task, context));
  }

  private static Set<String> read(TaskEntity task, CommandContext context) {
    try (InputStream form = context.runWithoutAuthorization(() -> new GetDeployedTaskFormCmd(task.getId()).execute(context))) {
      return keys(form);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the form of task " + task.getId(), e);
    }
  }

  /** The field keys of a form file (JSON of form-js). */
  static Set<String> keys(InputStream form) throws IOException {
    Set<String> keys = new TreeSet<>();
    collect(JSON.readTree(form).path("components"), keys);
    return Set.copyOf(keys);
  }

  private static void collect(JsonNode components, Set<String> keys) {
    for (JsonNode component : components) {
      if ("dynamiclist".equals(component.path("type").asText())) {
        keys.add(component.hasNonNull("path") ? component.get("path").asText() : component.path("key").asText());
      } else if (component.hasNonNull("key")) {
        keys.add(component.get("key").asText());
      } else if (component.has("components")) {
        collect(component.get("components"), keys);
      }
    }
  }
}

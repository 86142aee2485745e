package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.system.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * A form submission may carry every field of the task's deployed form and nothing else
 * ({@link UserCommandGuard}, {@link DeployedFormFields}), also the fields the task shows no value
 * for; the submitted values stay on the task as transient variables (cn.xuncha.system.TransientFormFields):
 * the application's records keep them, the engine's variable history does not, and the completion
 * stays in the task history and the operation log. A refused submission changes nothing.
 */
@XunchaSpringTest
class DeclaredFormFieldsTest extends StepTestSupport {

  private static final Set<String> WITHOUT_VALUE = Set.of("text", "html", "button", "separator", "spacer", "image", "group", "table");
  private static final List<String> ANALYSIS = List.of("talks", "keyPersons", "keyMatters", "keyProblems");

  @Test
  void theGuardReadsEveryFieldOfEveryForm() throws IOException {
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        try (InputStream read = Files.newInputStream(form)) {
          assertThat(DeployedFormFields.keys(read)).as(form.toString()).isEqualTo(expectedKeys(form));
        }
      }
    }
  }

  /** The top-level keys, found independently: the fields inside a dynamic list travel inside its one variable (its path or key). */
  private static Set<String> expectedKeys(Path form) throws IOException {
    Set<String> keys = new TreeSet<>();
    collect(new ObjectMapper().readTree(form.toFile()).path("components"), keys);
    return keys;
  }

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

  /** The team's analysis of its unit: a form whose fields all start empty. */
  private ProcessInstance startAnalysis() {
    String roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    return fixture.startForUnit("step-03-team-analysis", roundKey, "unit1", Map.of());
  }

  @Test
  void fieldsTheTaskShowsNoValueForAreAcceptedAndNeverWritten() {
    ProcessInstance step = startAnalysis();
    Task task = steps.task(step, "Task_RecordTeamAnalysis", null);
    assertThat(engine.getTaskService().getVariablesLocal(task.getId()).keySet()).as("empty fields have no variable")
        .doesNotContainAnyElementsOf(ANALYSIS);

    steps.analyseForTeam(step, 1);

    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(step.getId()).list())
        .extracting(HistoricVariableInstance::getName).doesNotContainAnyElementsOf(ANALYSIS);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(step.getId()).formFields().list()).isEmpty();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).finished().singleResult().getAssignee())
        .isEqualTo("team1-leader");
    assertThat(engine.getHistoryService().createUserOperationLogQuery().taskId(task.getId()).operationType("Complete").count()).isOne();
  }

  @Test
  void aNameOutsideTheFormOrAnInvalidValueIsRefusedAndChangesNothing() {
    ProcessInstance step = startAnalysis();
    Task task = steps.task(step, "Task_RecordTeamAnalysis", null);
    Map<String, Object> shown = engine.getTaskService().getVariablesLocal(task.getId());

    assertThatThrownBy(() -> steps.complete("team1-leader", step, "Task_RecordTeamAnalysis", null, Map.of("talks", "谈话", "unitGroup", "unit2")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining(UserCommandGuard.UNDECLARED + "unitGroup");
    assertThatThrownBy(() -> steps.complete("team1-leader", step, "Task_RecordTeamAnalysis", null, Map.of("talks", "谈话")))
        .isInstanceOf(InvalidInputException.class);

    assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult()).isNotNull();
    assertThat(engine.getTaskService().getVariablesLocal(task.getId())).isEqualTo(shown);
    assertThat(engine.getRuntimeService().getVariable(step.getId(), "talks")).isNull();
  }
}

package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;

/**
 * A deadline the deployed models can still reach cannot leave the table: the start refuses, naming
 * who uses it; an older version counts only while a running instance follows it.
 */
@XunchaSpringTest
class DeadlineReferencesTest {

  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  Deadlines shipped;

  @Test
  void theShippedTableHoldsEveryDeadlineTheModelsName() {
    assertThatCode(() -> new DeadlineReferences(repository, runtime, shipped).checkDeployedModels()).doesNotThrowAnyException();
  }

  @Test
  void aRenamedDeadlineStopsTheStartNamingTheProcessAndTheActivity() throws IOException {
    assertThatThrownBy(() -> new DeadlineReferences(repository, runtime, withoutD7()).checkDeployedModels())
        .isInstanceOf(DeadlineTable.InvalidTableException.class)
        .hasMessageContaining("制定方案").hasMessageContaining("step-04-team-plan")
        .hasMessageContaining("“制定巡察组工作方案”（Task_DraftTeamPlan）引用的期限“D7”")
        .hasMessageNotContaining("D2”");
  }

  @Test
  void anOlderVersionIsCheckedOnlyWhileAnInstanceStillFollowsIt() throws IOException {
    String key = "deadline-references-" + UUID.randomUUID();
    String first = deploy(key, "D7");
    String second = deploy(key, null);
    try {
      DeadlineReferences check = new DeadlineReferences(repository, runtime, withoutD7());
      assertThatThrownBy(check::checkDeployedModels).as("version 1 has no instance, version 2 names no deadline")
          .isInstanceOf(DeadlineTable.InvalidTableException.class).hasMessageNotContaining(key);

      runtime.startProcessInstanceById(repository.createProcessDefinitionQuery().deploymentId(first).singleResult().getId());

      assertThatThrownBy(check::checkDeployedModels).isInstanceOf(DeadlineTable.InvalidTableException.class)
          .hasMessageContaining("（" + key + " 第 1 版）的“以后的任务”（Task_Later）引用的期限“D7”");
    } finally {
      repository.deleteDeployment(first, true);
      repository.deleteDeployment(second, true);
    }
  }

  /** The shipped table with D7 renamed D7x, as an analyst's mistake would leave it. */
  private static Deadlines withoutD7() throws IOException {
    String table = Files.readString(Path.of("processes/deadlines.yaml")).replace("\nD7:", "\nD7x:");
    return new Deadlines(null, new ByteArrayResource(table.getBytes(StandardCharsets.UTF_8), "deadlines.yaml") {
      @Override
      public String getFilename() {
        return "deadlines.yaml";
      }
    });
  }

  /** A process waiting at a first task before a later one that names {@code deadline} (none if null); returns the deployment's id. */
  private String deploy(String key, String deadline) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).name("期限引用测试").camundaHistoryTimeToLive(1)
        .startEvent().userTask("Task_First").name("先办的任务").userTask("Task_Later").name("以后的任务").endEvent().done();
    if (deadline != null) {
      CamundaProperty property = model.newInstance(CamundaProperty.class);
      property.setCamundaName(cn.xuncha.escalation.DeadlineWatch.PROPERTY);
      property.setCamundaValue(deadline);
      CamundaProperties properties = model.newInstance(CamundaProperties.class);
      properties.getCamundaProperties().add(property);
      model.<UserTask>getModelElementById("Task_Later").builder().addExtensionElement(properties);
    }
    return repository.createDeployment().name(key).addModelInstance(key + ".bpmn", model).deploy().getId();
  }
}

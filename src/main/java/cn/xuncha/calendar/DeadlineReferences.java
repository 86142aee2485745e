package cn.xuncha.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, every deadline a deployed process can still reach must be in the deadline table:
 * that of the latest version of each process (what new instances start) and that of every older
 * version a running instance still follows. Otherwise the engine would parse such a model only when
 * a task needs it, and every task list holding such a task would fail. A missing deadline stops the
 * start with a Chinese message naming the process, its version and the activity
 * ({@link DeadlineTableFailureAnalyzer}), like any other mistake in the table.
 *
 * <p>Older versions without running instances are not parsed: new instances start on the latest
 * version, and only the running ones follow an older one. So the start-up cost grows with the
 * deployed versions (a count query for each older one) and the versions running instances follow,
 * never with the finished instances.
 */
@Component
class DeadlineReferences {

  /** The extension property that names an activity's deadline (cn.xuncha.escalation.DeadlineWatch). */
  private static final String PROPERTY = cn.xuncha.escalation.DeadlineWatch.PROPERTY;

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final Deadlines deadlines;

  DeadlineReferences(RepositoryService repository, RuntimeService runtime, Deadlines deadlines) {
    this.repository = repository;
    this.runtime = runtime;
    this.deadlines = deadlines;
  }

  @EventListener(ApplicationStartedEvent.class)
  void checkDeployedModels() {
    List<String> missing = new ArrayList<>();
    for (ProcessDefinition definition : reachable()) {
      for (CamundaProperty property : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(CamundaProperty.class)) {
        // ${variable}: the id is chosen per instance and checked where it is chosen and when the activity starts
        if (PROPERTY.equals(property.getCamundaName()) && !property.getCamundaValue().startsWith("${")
            && !deadlines.defines(property.getCamundaValue())) {
          ModelElementInstance activity = property.getParentElement().getParentElement().getParentElement();
          missing.add("流程“" + definition.getName() + "”（" + definition.getKey() + " 第 " + definition.getVersion() + " 版）的“"
              + activity.getAttributeValue("name") + "”（" + activity.getAttributeValue("id") + "）引用的期限“" + property.getCamundaValue() + "”");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new DeadlineTable.InvalidTableException("（processes/deadlines.yaml）中没有" + String.join("；", missing)
          + "。已部署的流程（包括在办实例所用的旧版本）仍在使用这些期限，不能删除或改名");
    }
  }

  /** The latest version of every process, and the older versions that running instances follow. */
  private List<ProcessDefinition> reachable() {
    Set<String> latest = repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getId).collect(Collectors.toSet());
    return repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list()
        .stream().filter(definition -> latest.contains(definition.getId())
            || runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count() > 0)
        .toList();
  }
}

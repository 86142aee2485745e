package cn.xuncha.overview;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * Which of the ten steps (办法 第十八条) a user task belongs to: the {@code step} property each user
 * task carries in the BPMN (Camunda Modeler shows it under "Extension properties").
 */
@Component
class TaskSteps {

  static final Map<Integer, String> NAMES = Map.of(1, "组织部署", 2, "人员培训", 3, "分析研判", 4, "制定方案", 5, "巡察预告",
      6, "开展巡察", 7, "巡察报告", 8, "巡察反馈", 9, "督促整改", 10, "结果公开");

  private final RepositoryService repository;
  private final Map<String, Integer> cache = new ConcurrentHashMap<>();

  TaskSteps(RepositoryService repository) {
    this.repository = repository;
  }

  /** The step of a task, or 0 when its model does not say. */
  int of(String processDefinitionId, String taskKey) {
    return cache.computeIfAbsent(processDefinitionId + "#" + taskKey, key -> {
      BaseElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey);
      if (element == null || element.getExtensionElements() == null) {
        return 0;
      }
      return element.getExtensionElements().getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
          .list().stream().flatMap(properties -> properties.getCamundaProperties().stream())
          .filter(property -> "step".equals(property.getCamundaName()))
          .map(CamundaProperty::getCamundaValue).map(Integer::valueOf).findFirst().orElse(0);
    });
  }
}

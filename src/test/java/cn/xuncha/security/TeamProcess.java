package cn.xuncha.security;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * A one-task process, deployed by the tests only, whose task goes to the group in {@code candidates}
 * and whose instances the group in {@code readers} may read (its {@code accessGroups} property).
 */
final class TeamProcess {

  static final String KEY = "secrecy-probe";
  static final String TASK = "Task_Probe";

  private TeamProcess() {
  }

  static void deploy(ProcessEngine engine) {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() > 0) {
      return;
    }
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY)
        .name("保密测试")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask(TASK).name("组内任务").camundaCandidateGroups("${candidates}")
        .endEvent()
        .done();
    Process process = model.getModelElementById(KEY);
    CamundaProperty readers = model.newInstance(CamundaProperty.class);
    readers.setCamundaName(AccessGroupsPlugin.ACCESS_GROUPS);
    readers.setCamundaValue("readers");
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    properties.getCamundaProperties().add(readers);
    process.builder().addExtensionElement(properties);
    engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
  }

  /** Started by the office, visible to {@code accessGroup}, its task offered to {@code candidates}. */
  static ProcessInstance start(ProcessEngine engine, String accessGroup, String candidates, String secret) {
    return engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of(
        "readers", accessGroup,
        "candidates", candidates,
        "secret", secret));
  }
}

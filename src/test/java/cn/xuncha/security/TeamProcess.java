package cn.xuncha.security;

import cn.xuncha.round.RoundVariables;
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
 * and whose instances the group in {@code teamGroup} may read (its {@code accessGroups} property).
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
    engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model(KEY, RoundVariables.TEAM_GROUP)).deploy();
  }

  /** The probe's model under {@code key}, its instances readable by the group in the variable {@code readersVariable}. */
  static BpmnModelInstance model(String key, String readersVariable) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(key)
        .name("保密测试")
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask(TASK).name("组内任务").camundaCandidateGroups("${candidates}")
        .endEvent()
        .done();
    Process process = model.getModelElementById(key);
    CamundaProperty readers = model.newInstance(CamundaProperty.class);
    readers.setCamundaName(AccessGroupsPlugin.ACCESS_GROUPS);
    readers.setCamundaValue(readersVariable);
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    properties.getCamundaProperties().add(readers);
    process.builder().addExtensionElement(properties);
    return model;
  }

  /** Started by the office, visible to {@code accessGroup}, its task offered to {@code candidates}. */
  static ProcessInstance start(ProcessEngine engine, String accessGroup, String candidates, String secret) {
    return engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of(
        RoundVariables.TEAM_GROUP, accessGroup,
        "candidates", candidates,
        "secret", secret));
  }
}

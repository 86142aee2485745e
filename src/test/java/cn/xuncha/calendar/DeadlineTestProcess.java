package cn.xuncha.calendar;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/** A process with one D2-style deadline, used as a timer and as a task due date. */
final class DeadlineTestProcess {

  static final String KEY = "deadline-test";
  static final String DEADLINE = "${deadlines.workdaysAfter(inspectionEnd, 10)}";
  static final String DESCRIPTION = "巡察结束后10个工作日内报送巡察报告";

  private DeadlineTestProcess() {
  }

  static void deploy(ProcessEngine engine) {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() > 0) {
      return;
    }
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_DeliverReport").name("报送巡察报告").documentation(DESCRIPTION).camundaDueDate(DEADLINE)
        .boundaryEvent("Timer_ReportDue").timerWithDate(DEADLINE)
        .endEvent("End_ReportLate")
        .moveToActivity("Task_DeliverReport")
        .endEvent("End_ReportInTime")
        .done();
    engine.getRepositoryService().createDeployment().name(KEY).addModelInstance(KEY + ".bpmn", model).deploy();
  }
}

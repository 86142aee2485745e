package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A D2-style deadline (10 working days after the inspection ends) as a timer and a task due date. */
@XunchaSpringTest
class DeadlineTimerTest {

  @Autowired
  ProcessEngine engine;

  @BeforeEach
  void setUp() {
    AbstractAssertions.init(engine);
    DeadlineTestProcess.deploy(engine);
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    AbstractAssertions.reset();
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }

  private ProcessInstance startOn(String now, String inspectionEnd) {
    ClockUtil.setCurrentTime(at(now));
    return engine.getRuntimeService().startProcessInstanceByKey(DeadlineTestProcess.KEY, Map.of("inspectionEnd", inspectionEnd));
  }

  private List<Job> dueTimers(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().executable().list();
  }

  @Test
  void timerFiresAfterTheTenthWorkingDayAndNotBefore() {
    ProcessInstance instance = startOn("2022-06-10T17:00:00+08:00", "2022-06-10");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(task.getDueDate()).isEqualTo(at("2022-06-24T23:59:59.999+08:00"));
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult().getDuedate())
        .isEqualTo(at("2022-06-24T23:59:59.999+08:00"));

    ClockUtil.setCurrentTime(at("2022-06-24T23:59:59.000+08:00"));
    assertThat(dueTimers(instance)).isEmpty();

    ClockUtil.setCurrentTime(at("2022-06-25T00:00:00.000+08:00"));
    assertThat(dueTimers(instance)).hasSize(1);
    engine.getManagementService().executeJob(dueTimers(instance).get(0).getId());
    assertThat(instance).isEnded().hasPassed("Timer_ReportDue", "End_ReportLate").hasNotPassed("End_ReportInTime");
  }

  @Test
  void timerIsCancelledWhenTheReportArrivesInTime() {
    ProcessInstance instance = startOn("2022-06-10T17:00:00+08:00", "2022-06-10");

    ClockUtil.setCurrentTime(at("2022-06-24T16:00:00+08:00"));
    engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId());

    assertThat(instance).isEnded().hasPassed("End_ReportInTime").hasNotPassed("Timer_ReportDue");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aDueDateInsideAKnownYearIsNotProvisional() {
    ProcessInstance instance = startOn("2022-06-10T17:00:00+08:00", "2022-06-10");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(engine.getTaskService().getVariableLocal(task.getId(), ProvisionalDeadlines.VARIABLE)).isNull();
    assertThat(task.getDescription()).isEqualTo(DeadlineTestProcess.DESCRIPTION);
  }
}

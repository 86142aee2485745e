package cn.xuncha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * The two ways a deadline watch (cn.xuncha.escalation.DeadlineWatch, one per deadline of
 * processes/deadlines.yaml) can go, checked the same way in every step's test: the task is done in
 * time, or the clock passes the reminder and then the deadline.
 */
public record DeadlineAssertions(ProcessEngine engine, ProcedureSteps steps) {

  /** The watch ended because its task was done in time: no reminder, no escalation, no timer left. */
  public void endedInTime(ProcessInstance watch) {
    assertThat(watch).hasPassed("EndEvent_DoneInTime").hasNotPassed("Task_Remind", "Task_Overdue").isEnded();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).count()).isZero();
  }

  /**
   * Moves the clock over the reminder and the deadline of the watch {@code deadlineId} of {@code step}
   * (Beijing times): a minute before {@code remindAt} no timer is due; at it the watch reminds, the
   * task {@code taskKey} stays open with priority 80 and nothing is escalated; a minute before
   * {@code dueAt} no timer is due; at it the office gets the watch's 逾期督办 task — the only open
   * escalation of the step — and the task stays open. Returns the escalation.
   */
  public Task remindsThenEscalates(ProcessInstance step, String taskKey, String deadlineId, String remindAt, String dueAt) {
    ProcessInstance watch = steps.watch(step, deadlineId);
    assertThat(watch).as("the watch of " + deadlineId).isNotNull();
    fireOnlyAt(step, remindAt);
    assertThat(watch).hasPassed("Task_Remind").isWaitingAt("Timer_Due");
    assertThat(step).isWaitingAt(taskKey);
    assertThat(steps.task(step, taskKey, null).getPriority()).as("priority of the reminded task").isEqualTo(80);
    assertThat(steps.overdueTasks(step)).as("escalations before the deadline").isEmpty();

    fireOnlyAt(step, dueAt);
    assertThat(step).isWaitingAt(taskKey);
    Task escalation = steps.task(watch, "Task_Overdue", null);
    assertThat(escalation).hasCandidateGroup("office");
    assertThat(steps.overdueTasks(step)).extracting(Task::getId).containsExactly(escalation.getId());
    return escalation;
  }

  /** Nothing is due a minute before {@code beijingDateTime}; one timer fires at it. */
  private void fireOnlyAt(ProcessInstance step, String beijingDateTime) {
    ProcedureSteps.at(LocalDateTime.parse(beijingDateTime).minusMinutes(1).toString());
    assertThat(steps.fireDueTimers(step)).as("timers due a minute before " + beijingDateTime).isZero();
    ProcedureSteps.at(beijingDateTime);
    assertThat(steps.fireDueTimers(step)).as("timers due at " + beijingDateTime).isOne();
  }
}

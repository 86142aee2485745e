package cn.xuncha.report;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 7, {@code step-07-secretary-meeting}: the county secretary's meeting hears the report within
 * 10 days of the leading group's approval (D3), reminded on the 7th day and escalated after the
 * 10th. Started directly with the approval date the report step hands on.
 */
@XunchaSpringTest
class SecretaryMeetingStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  String round;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    round = fixture.sampleRoundAt("2022-06-27T09:00");
    step = fixture.startForUnit("step-07-secretary-meeting", round, "unit1", Map.of("reportHeardOn", "2022-06-27"));
  }

  @Test
  void meetingHeldInTimeIsRecordedAndCancelsItsTimers() {
    assertThat(step).isWaitingAt("Task_SecretaryMeeting").task().hasCandidateGroup("committee")
        .hasDueDate(ProcedureSteps.beijing("2022-07-07T23:59:59.999"));
    ProcessInstance watch = steps.watch(step, "D3");
    ProcedureSteps.at("2022-07-01T15:00");
    assertThatThrownBy(() -> steps.complete("committee1", step, "Task_SecretaryMeeting", null,
        Map.of("meetingOn", "2022-06-26", "decisions", "同意")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("会议日期：须在领导小组审定（2022-06-27）之后、今天之前");
    assertThat(RecordFields.find(records, units.unitIdOf(round, "unit1"), cn.xuncha.report.SecretaryMeeting.class)).isEmpty();

    steps.complete("committee1", step, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-07-01", "decisions", "同意报告，督促整改"));

    assertThat(step).isEnded().hasPassed("EndEvent_SecretaryMeetingStep");
    assertThat(watch).isEnded().hasPassed("EndEvent_DoneInTime").hasNotPassed("Task_Remind");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).count()).isZero();
    assertThat(RecordFields.find(records, units.unitIdOf(round, "unit1"), cn.xuncha.report.SecretaryMeeting.class).orElseThrow())
        .containsEntry("meetingOn", "2022-07-01").containsEntry("decisions", "同意报告，督促整改");
  }

  @Test
  void lateMeetingIsRemindedOnTheSeventhDayAndEscalatedAfterTheTenth() {
    ProcessInstance watch = steps.watch(step, "D3");
    deadlines.remindsThenEscalates(step, "Task_SecretaryMeeting", "D3", "2022-07-05T00:00", "2022-07-08T00:00");

    steps.complete("committee1", step, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-07-08", "decisions", "同意"));
    assertThat(step).isEnded();
    assertThat(steps.overdueTasks(step)).as("the escalation survives the meeting").hasSize(1);
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "已报县委办公室安排"));
    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated");
  }
}

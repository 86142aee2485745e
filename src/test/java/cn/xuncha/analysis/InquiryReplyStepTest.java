package cn.xuncha.analysis;

import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One department's reply to its inquiry letter (step-03-inquiry-reply), started as step 3 calls it
 * once the letters are recorded: the department's own instance, watched by deadline {@code inquiry-reply}
 * (reminded one working day before the deadline, escalated to the office when it passes).
 */
@XunchaSpringTest
class InquiryReplyStepTest extends StepTestSupport {

  private static final String DEPARTMENT = "dept-discipline";

  @Autowired
  InquiryService inquiries;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    InquiryService.Letters letters = inquiries.send(roundKey);
    step = fixture.startForRound("step-03-inquiry-reply", roundKey, Map.of("department", DEPARTMENT, SendInquiriesDelegate.SENT, letters.sent()));
  }

  @Test
  void replyInTimeEndsTheStepAndCancelsTheReminder() {
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder(DEPARTMENT);
    // Five working days from Friday 2022-04-01: Saturday 04-02 is worked, Qingming (04-03 to 04-05) is not.
    assertThat(step).isWaitingAt("Task_AnswerInquiry").task().hasCandidateGroup(DEPARTMENT)
        .hasDueDate(ProcedureSteps.beijing("2022-04-11T23:59:59.999"));
    ProcessInstance watch = steps.watch(step, "inquiry-reply");
    assertThat(watch).isWaitingAt("Timer_RemindTime");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).timers().count()).isOne();

    assertThatThrownBy(() -> steps.complete(DEPARTMENT + "1", step, "Task_AnswerInquiry", DEPARTMENT, Map.of("reply", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("回复内容");
    assertThat(reply()).isNull();
    ProcedureSteps.at("2022-04-07T17:00");
    steps.answerInquiry(step, DEPARTMENT);

    assertThat(step).hasPassed("EndEvent_InquiryReplyStep").isEnded();
    deadlines.endedInTime(watch);
    assertThat(reply()).isEqualTo(DEPARTMENT + "：未发现需要通报的问题线索");
  }

  @Test
  void departmentIsRemindedAWorkingDayBeforeTheDeadlineAndTheOfficeEscalatesWhenItPasses() {
    ProcessInstance watch = steps.watch(step, "inquiry-reply");
    Task escalation = deadlines.remindsThenEscalates(step, "Task_AnswerInquiry", "inquiry-reply", "2022-04-08T00:00", "2022-04-12T00:00");
    assertThat(engine.getTaskService().getTaskComments(steps.task(step, "Task_AnswerInquiry", null).getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).startsWith("催办：“回复函询”将于"));
    assertThat(escalation.getName()).as("names whose letter is late").isEqualTo("逾期督办：回复函询（县纪委监委）");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue")).contains("回复函询", "2022-04-11 23:59");

    ProcedureSteps.at("2022-04-20T09:00");
    assertThat(steps.fireDueTimers(step)).isZero();
    steps.answerInquiry(step, DEPARTMENT);
    assertThat(step).isEnded();
    assertThat(watch).as("the escalation survives the late reply").isWaitingAt("Task_Overdue");
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "已电话督促纪委监委回复"));
    assertThat(watch).hasPassed("EndEvent_Escalated").isEnded();
  }

  private String reply() {
    return inquiries.inquiries(roundKey).stream().filter(inquiry -> inquiry.department().equals(DEPARTMENT))
        .findFirst().orElseThrow().reply();
  }
}

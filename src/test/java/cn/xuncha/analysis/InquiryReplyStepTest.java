package cn.xuncha.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.StepFixture;
import cn.xuncha.system.InvalidInputException;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One department's reply to its inquiry letter (step-03-inquiry-reply), started as step 3 calls it
 * once the letters are recorded: the department's own instance, reminded once when the reply is late.
 */
@XunchaSpringTest
class InquiryReplyStepTest {

  private static final String DEPARTMENT = "dept-discipline";

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  RoundUnits units;
  @Autowired
  InquiryService inquiries;
  ProcedureSteps steps;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    StepFixture fixture = new StepFixture(engine, rounds, units);
    roundKey = fixture.approvedRound("round-" + UUID.randomUUID(), SampleRound.plan());
    InquiryService.Letters letters = inquiries.send(roundKey);
    step = fixture.start("step-03-inquiry-reply", roundKey, Map.of(RoundVariables.ROUND_KEY, roundKey, "department", DEPARTMENT,
        SendInquiriesDelegate.SENT, letters.sent()));
  }

  @Test
  void replyInTimeEndsTheStepAndCancelsTheReminder() {
    assertThat(engine.getRuntimeService().getVariable(step.getId(), "accessGroups")).isEqualTo(DEPARTMENT);
    // Five working days from Friday 2022-04-01: Saturday 04-02 is worked, Qingming (04-03 to 04-05) is not.
    assertThat(step).isWaitingAt("Task_AnswerInquiry").task().hasCandidateGroup(DEPARTMENT)
        .hasDueDate(Date.from(LocalDateTime.parse("2022-04-11T23:59:59.999").atZone(ProcedureSteps.BEIJING).toInstant()));
    assertThat(timers()).isOne();

    assertThatThrownBy(() -> steps.complete(DEPARTMENT + "1", step, "Task_AnswerInquiry", DEPARTMENT, Map.of("reply", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("回复内容");
    assertThat(reply()).isNull();
    ProcedureSteps.at("2022-04-11T17:00");
    steps.answerInquiry(step, DEPARTMENT);

    assertThat(step).hasPassed("EndEvent_InquiryReplyStep").hasNotPassed("Task_RemindInquiry").isEnded();
    assertThat(timers()).isZero();
    assertThat(reply()).isEqualTo(DEPARTMENT + "：未发现需要通报的问题线索");
  }

  @Test
  void departmentThatHasNotAnsweredByTheDeadlineIsRemindedOnce() {
    ProcedureSteps.at("2022-04-11T23:00");
    assertThat(steps.fireDueTimers(step)).isZero();

    ProcedureSteps.at("2022-04-12T00:00");
    assertThat(steps.fireDueTimers(step)).isOne();

    assertThat(step).hasPassed("Task_RemindInquiry", "EndEvent_InquiryReminded").isWaitingAt("Task_AnswerInquiry");
    Task open = steps.task(step, "Task_AnswerInquiry", null);
    assertThat(open.getPriority()).isEqualTo(80);
    assertThat(engine.getTaskService().getTaskComments(open.getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).startsWith("催办：“回复函询”将于"));
    ProcedureSteps.at("2022-04-20T09:00");
    assertThat(steps.fireDueTimers(step)).isZero();

    steps.answerInquiry(step, DEPARTMENT);
    assertThat(step).isEnded();
  }

  private long timers() {
    return engine.getManagementService().createJobQuery().processInstanceId(step.getId()).timers().count();
  }

  private String reply() {
    return inquiries.inquiries(roundKey).stream().filter(inquiry -> inquiry.department().equals(DEPARTMENT))
        .findFirst().orElseThrow().reply();
  }
}

package cn.xuncha.analysis;

import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 3 at round level (step-03-inquiry), started from an approved round: the letters go out, each
 * department answers in an instance of its own (step-03-inquiry-reply), then the office analyses
 * all replies together.
 */
@XunchaSpringTest
class InquiryStepTest extends StepTestSupport {

  @Autowired
  JdbcClient jdbc;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    step = fixture.startForRound("step-03-inquiry", roundKey, Map.of());
  }

  @Test
  void lettersGoToEveryDepartmentInItsOwnInstance() {
    assertThat(step).hasPassed("Task_SendInquiries").isWaitingAt("CallActivity_InquiryReplies");
    assertThat(count("select count(*) from xc_inquiry where round_id = ? and reply is null")).isEqualTo(5);
    List<ProcessInstance> replies = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(step.getId()).list();
    assertThat(replies).hasSize(5).allSatisfy(reply -> {
      assertThat(reply.getBusinessKey()).isEqualTo(roundKey);
      String department = (String) engine.getRuntimeService().getVariable(reply.getId(), "department");
      assertThat(new ProcedureSteps(engine).readers(reply)).containsExactlyInAnyOrder(department);
      assertThat(reply).isWaitingAt("Task_AnswerInquiry").task().hasCandidateGroup(department);
    });
    assertThat(candidateGroups("Task_AnswerInquiry")).containsExactlyInAnyOrderElementsOf(ProcedureSteps.DEPARTMENTS);
  }

  @Test
  void analysisWaitsForEveryDepartmentAndEachSeesOnlyItsOwnLetter() {
    ProcedureSteps.DEPARTMENTS.subList(0, 4).forEach(department -> steps.answerInquiry(step, department));
    assertThat(steps.task(step, "Task_AnalyseInquiries", null)).isNull();
    assertThat(candidateGroups("Task_AnswerInquiry")).containsExactly("dept-petition");

    steps.answerInquiry(step, "dept-petition");

    assertThat(step).hasPassed("CallActivity_InquiryReplies").isWaitingAt("Task_AnalyseInquiries").task().hasCandidateGroup("office");
    Task analysis = steps.task(step, "Task_AnalyseInquiries", null);
    assertThat((String) engine.getTaskService().getVariable(analysis.getId(), "replies"))
        .contains("县纪委监委", "县信访局", "dept\\-petition：未发现需要通报的问题线索");
    assertThat(count("select count(*) from xc_inquiry where round_id = ? and reply is not null")).isEqualTo(5);

    assertThatThrownBy(() -> steps.complete("office1", step, "Task_AnalyseInquiries", null, Map.of("analysisNotes", " ")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("分析研判意见");
    assertThat(count("select count(*) from xc_round_analysis where round_id = ?")).isZero();

    steps.analyseInquiries(step);

    assertThat(step).hasPassed("EndEvent_Inquiry").isEnded();
    assertThat(count("select count(*) from xc_round_analysis where round_id = ?")).isOne();
  }

  private List<String> candidateGroups(String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(roundKey).taskDefinitionKey(taskKey).list().stream()
        .flatMap(task -> engine.getTaskService().getIdentityLinksForTask(task.getId()).stream())
        .map(link -> link.getGroupId()).filter(group -> group != null).toList();
  }

  private long count(String sql) {
    return jdbc.sql(sql).param(units.roundId(roundKey)).query(Long.class).single();
  }
}

package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Steps 2 and 3 at round level: training, party branches, inquiry letters and the office's analysis. */
@XunchaSpringTest
class PreparationProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  ProcedureSteps steps;
  ProcessInstance round;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    round = steps.approvedRound();
  }

  @Test
  void preparationRunsInParallelThenEveryTeamInspectsItsUnit() {
    assertThat(round).isWaitingAt("Task_RecordTraining", "Task_RecordPartyBranch", "Task_AnswerInquiry");
    assertThat(candidateGroups("Task_RecordPartyBranch")).containsExactlyInAnyOrder(
        "team1", "team2", "team3", "team4", "team5", "team6", "team7");
    assertThat(candidateGroups("Task_AnswerInquiry")).containsExactlyInAnyOrderElementsOf(ProcedureSteps.DEPARTMENTS);

    steps.prepare(round);

    assertThat(round).isWaitingAt("CallActivity_InspectUnits");
    List<ProcessInstance> units = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(round.getId()).list();
    assertThat(units).hasSize(7);
    ProcessInstance zhaocun = steps.unit(round, "unit1");
    assertThat(zhaocun.getBusinessKey()).isEqualTo(round.getBusinessKey() + "/unit1");
    assertThat(engine.getRuntimeService().getVariables(zhaocun.getId())).containsAllEntriesOf(Map.of(
        "teamGroup", "team1", "accessGroups", "team1", "coverage", "PARTIAL", "entryDate", "2022-04-21",
        "withdrawalDate", "2022-06-10", "planFilingDate", "2022-04-22"));
    assertThat(engine.getRuntimeService().getVariable(steps.unit(round, "unit2").getId(), "coverage")).isEqualTo("ALL");
    assertThat(zhaocun).isWaitingAt("Task_RecordTeamAnalysis").task().hasCandidateGroup("team1");

    long roundId = roundId();
    assertThat(count("select count(*) from xc_training where round_id = ?", roundId)).isOne();
    assertThat(count("select count(*) from xc_party_branch b join xc_team t on t.id = b.team_id where t.round_id = ?", roundId))
        .isEqualTo(7);
    assertThat(count("select count(*) from xc_inquiry where round_id = ? and reply is not null", roundId)).isEqualTo(5);
    assertThat(count("select count(*) from xc_round_analysis where round_id = ?", roundId)).isOne();
  }

  @Test
  void trainingMustCoverEveryTopicOfTheMeasures() {
    assertThatThrownBy(() -> steps.recordTraining(round, Map.of("topics", List.of("goals", "steps", "methods", "arrangements"),
        "trainingDate", "2022-04-22")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("培训内容：按照办法第十八条，培训还须包括工作纪律、保密纪律")
        .hasMessageContaining("培训日期：巡察前培训须在进驻日期（2022-04-21）之前或当天");

    assertThat(round).isWaitingAt("Task_RecordTraining");
    assertThat(count("select count(*) from xc_training where round_id = ?", roundId())).isZero();
  }

  @Test
  void partyBranchOfficersAreFourDifferentMembersOfTheTeam() {
    List<String> team1 = SampleRound.plan().teams().get(0).people();

    assertThatThrownBy(() -> steps.recordPartyBranch(round, 1, Map.of("deputySecretary", team1.get(0), "disciplineMember", "外来人")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("副书记：" + team1.get(0) + " 已担任其他支委职务")
        .hasMessageContaining("纪检委员：外来人 不是第一巡察组的成员");

    assertThat(count("select count(*) from xc_party_branch b join xc_team t on t.id = b.team_id where t.round_id = ?", roundId()))
        .isZero();
    steps.recordPartyBranch(round, 1, Map.of());
    assertThat(candidateGroups("Task_RecordPartyBranch")).doesNotContain("team1").hasSize(6);
  }

  @Test
  void analysisWaitsForEveryDepartmentAndEachSeesOnlyItsOwnLetter() {
    ProcedureSteps.DEPARTMENTS.subList(0, 4).forEach(department -> steps.answerInquiry(round, department));
    assertThat(steps.task(round, "Task_AnalyseInquiries", null)).isNull();
    assertThat(candidateGroups("Task_AnswerInquiry")).containsExactly("dept-petition");

    steps.answerInquiry(round, "dept-petition");

    Task analysis = steps.task(round, "Task_AnalyseInquiries", null);
    assertThat(analysis).isNotNull();
    assertThat((String) engine.getTaskService().getVariable(analysis.getId(), "replies"))
        .contains("县纪委监委", "县信访局", "dept\\-petition：未发现需要通报的问题线索");
  }

  @Test
  void departmentsThatHaveNotAnsweredByTheDeadlineAreRemindedOnce() {
    Date due = engine.getTaskService().createTaskQuery().processInstanceId(round.getId())
        .taskDefinitionKey("Task_AnswerInquiry").list().get(0).getDueDate();
    steps.answerInquiry(round, "dept-discipline");
    assertThat(steps.fireDueTimers(round)).isZero();

    ClockUtil.setCurrentTime(new Date(due.getTime() + 1000));
    assertThat(steps.fireDueTimers(round)).isEqualTo(4);

    List<Task> open = engine.getTaskService().createTaskQuery().processInstanceId(round.getId())
        .taskDefinitionKey("Task_AnswerInquiry").list();
    assertThat(open).hasSize(4).allSatisfy(task -> {
      assertThat(task.getPriority()).isEqualTo(80);
      assertThat(engine.getTaskService().getTaskComments(task.getId())).singleElement()
          .satisfies(comment -> assertThat(comment.getFullMessage()).startsWith("催办：“回复函询”将于"));
    });
    assertThat(round).isWaitingAt("Task_AnswerInquiry");
  }

  private List<String> candidateGroups(String taskKey) {
    return engine.getTaskService().createTaskQuery().processInstanceId(round.getId()).taskDefinitionKey(taskKey).list().stream()
        .flatMap(task -> engine.getTaskService().getIdentityLinksForTask(task.getId()).stream())
        .map(link -> link.getGroupId()).filter(group -> group != null).toList();
  }

  private long roundId() {
    return jdbc.sql("select id from xc_round where business_key = ?").param(round.getBusinessKey()).query(Long.class).single();
  }

  private long count(String sql, long roundId) {
    return jdbc.sql(sql).param(roundId).query(Long.class).single();
  }
}

package cn.xuncha.teamplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Steps 3–5 of one unit: the team's analysis, its work plan filed with the office, the announcement. */
@XunchaSpringTest
class TeamPlanProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  ProcedureSteps steps;
  ProcessInstance round;
  ProcessInstance unit;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    round = steps.approvedRound();
    unit = steps.startUnit(round, 1);
  }

  @Test
  void planFiledOnTimeFixesTheFirstVillagesAndNoDeadlineFires() {
    assertThat(unit).isWaitingAt("Task_RecordTeamAnalysis").task().hasCandidateGroup("team1");
    steps.analyseForTeam(unit, 1);
    assertThat(unit).isWaitingAt("Task_DraftTeamPlan").task().hasCandidateGroup("team1")
        .hasDueDate(java.util.Date.from(java.time.LocalDateTime.parse("2022-04-22T23:59:59.999").atZone(ProcedureSteps.BEIJING).toInstant()));

    steps.draftTeamPlan(unit, 1, Map.of());
    assertThat(unit).isWaitingAt("Task_FileTeamPlan").task().hasCandidateGroup("office");
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(false);
    steps.fileTeamPlan(unit, "approve", null);

    assertThat(unit).isWaitingAt("Task_PrepareAnnouncement");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(unit.getId()).activityId("Timer_TeamPlanOverdue").count())
        .isZero();
    assertThat(inspectedVillages()).containsExactlyElementsOf(
        cn.xuncha.round.SampleRound.plan().units().get(0).villages().subList(0, 6));
  }

  @Test
  void officeReturnsThePlanWithACommentTheTeamSees() {
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of());
    assertThatThrownBy(() -> steps.fileTeamPlan(unit, "return", " "))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);

    steps.fileTeamPlan(unit, "return", "请补充信访应急预案的联系人");

    assertThat(unit).isWaitingAt("Task_DraftTeamPlan");
    Task draft = task("Task_DraftTeamPlan");
    assertThat(engine.getTaskService().getVariable(draft.getId(), "returnComment")).isEqualTo("请补充信访应急预案的联系人");
    assertThat(engine.getTaskService().getVariable(draft.getId(), "tasks")).isEqualTo("tasks：按方案执行");
    assertThat(inspectedVillages()).isEmpty();
  }

  @Test
  void teamPlanMustNameTheFirstVillagesThePlanAsksFor() {
    steps.analyseForTeam(unit, 1);
    List<String> villages = cn.xuncha.round.SampleRound.plan().units().get(0).villages();

    assertThatThrownBy(() -> steps.draftTeamPlan(unit, 1, Map.of(
        "initialVillages", List.of(villages.get(0), villages.get(0), "外乡某村"), "methods", "")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("方法步骤：不能为空")
        .hasMessageContaining("先行巡察的村（社区）：“" + villages.get(0) + "”选了两次")
        .hasMessageContaining("先行巡察的村（社区）：外乡某村 不是赵村镇党委所辖的村（社区）")
        .hasMessageContaining("先行巡察的村（社区）：按巡察工作方案须选择 6 个，现选择了 2 个");
    assertThat(unit).isWaitingAt("Task_DraftTeamPlan");
  }

  @Test
  void lateTeamIsRemindedTheOfficeEscalatesAndTheLatePlanIsFlagged() {
    steps.analyseForTeam(unit, 1);
    ProcedureSteps.at("2022-04-21T08:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    Task draft = task("Task_DraftTeamPlan");
    assertThat(draft.getPriority()).isEqualTo(80);
    assertThat(unit).isWaitingAt("Task_DraftTeamPlan").isNotWaitingAt("Task_TeamPlanOverdue");

    ProcedureSteps.at("2022-04-23T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(unit).isWaitingAt("Task_DraftTeamPlan", "Task_TeamPlanOverdue");
    Task escalation = task("Task_TeamPlanOverdue");
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("office");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue"))
        .contains("制定巡察组工作方案", "2022-04-22 23:59", "尚未认领");
    steps.complete("office1", unit, "Task_TeamPlanOverdue", null, Map.of("actionTaken", "电话催办第一巡察组组长"));
    assertThat(jdbc.sql("select action_taken from xc_escalation where subject = '制定巡察组工作方案'").query(String.class).list())
        .contains("电话催办第一巡察组组长");

    steps.draftTeamPlan(unit, 1, Map.of());
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(true);
    steps.fileTeamPlan(unit, "approve", null);
    assertThat(unit).isWaitingAt("Task_PrepareAnnouncement");
  }

  @Test
  void announcementIsCheckedAndTheUnitAcknowledgesTheNotice() {
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of());
    steps.fileTeamPlan(unit, "approve", null);

    assertThatThrownBy(() -> steps.announce(unit, Map.of("noticeSentOn", "2022-04-21", "email", "xcz@", "phone", "12345",
        "entryMeetingOn", "2022-06-11")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("书面通知印发日期：须提前通知，早于进驻日期（2022-04-21）")
        .hasMessageContaining("电子邮箱：格式不正确")
        .hasMessageContaining("举报电话：请填写固定电话")
        .hasMessageContaining("进驻动员会日期：须在进驻期间");
    assertThatThrownBy(() -> steps.announce(unit, Map.of()))
        .as("a notice dated later than today could never be signed by the unit")
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("书面通知印发日期：不能晚于今天（2022-04-01）；被巡察单位随即签收，请在通知印发后再提交本任务");
    assertThat(unit).isWaitingAt("Task_PrepareAnnouncement");

    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(unit, Map.of());
    assertThat(unit).isWaitingAt("Task_AcknowledgeNotice").task().hasCandidateGroup("unit1");
    assertThatThrownBy(() -> steps.acknowledge(unit, "unit1"))
        .isInstanceOf(InvalidInputException.class).hasMessage("签收日期：须在通知印发日期（2022-04-18）与今天（2022-04-18）之间");
    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(unit, "unit1");
    assertThat(unit).isWaitingAt("Timer_EntryDate");
  }

  @Test
  void theUnitSignsTheNoticeOnTheDayItIsSent() {
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of());
    steps.fileTeamPlan(unit, "approve", null);
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(unit, Map.of());

    assertThatThrownBy(() -> steps.complete("unit1", unit, "Task_AcknowledgeNotice", null, Map.of(
        "receivedOn", "2022-04-17", "receivedBy", "党政办主任", "liaisonGroup", "党委副书记")))
        .isInstanceOf(InvalidInputException.class).hasMessage("签收日期：须在通知印发日期（2022-04-18）与今天（2022-04-18）之间");
    steps.complete("unit1", unit, "Task_AcknowledgeNotice", null, Map.of(
        "receivedOn", "2022-04-18", "receivedBy", "党政办主任", "liaisonGroup", "党委副书记"));
    assertThat(unit).isWaitingAt("Timer_EntryDate");
  }

  private Task task(String key) {
    return steps.task(unit, key, null);
  }

  private List<String> inspectedVillages() {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
            where r.business_key = ? and u.group_id = 'unit1' order by v.position""")
        .param(round.getBusinessKey()).query(String.class).list();
  }
}

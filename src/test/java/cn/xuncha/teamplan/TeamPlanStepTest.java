package cn.xuncha.teamplan;

import cn.xuncha.round.StepTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.UnitRecords;
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
 * Step 4 (step-04-team-plan), started for the first unit of an approved round: the team drafts its
 * work plan, the office files it or returns it; a reminder one working day before the filing date
 * (2022-04-22) and an escalation to the office once it has passed.
 */
@XunchaSpringTest
class TeamPlanStepTest extends StepTestSupport {

  @Autowired
  JdbcClient jdbc;
  @Autowired
  UnitRecords records;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    step = fixture.startForUnit("step-04-team-plan", roundKey, "unit1", Map.of());
  }

  @Test
  void planFiledOnTimeFixesTheFirstVillagesAndNoDeadlineFires() {
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder(steps.teamGroup(step, 1));
    assertThat(step).isWaitingAt("Task_DraftTeamPlan").task().hasCandidateGroup(steps.teamGroup(step, 1))
        .hasDueDate(ProcedureSteps.beijing("2022-04-22T23:59:59.999"));
    ProcessInstance watch = steps.watch(step, "D7");
    assertThat(watch).isWaitingAt("Timer_RemindTime");

    steps.draftTeamPlan(step, 1, Map.of());
    assertThat(step).isWaitingAt("Task_FileTeamPlan").task().hasCandidateGroup("office");
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(false);
    deadlines.endedInTime(watch);
    steps.fileTeamPlan(step, "approve", null);

    assertThat(step).hasPassed("Gateway_TeamPlanFiled", "EndEvent_TeamPlanStep").isEnded();
    assertThat(inspectedVillages()).containsExactlyElementsOf(SampleRound.plan().units().get(0).villages().subList(0, 6));
  }

  @Test
  void officeReturnsThePlanWithACommentTheTeamSees() {
    steps.draftTeamPlan(step, 1, Map.of());
    assertThatThrownBy(() -> steps.fileTeamPlan(step, "return", " "))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(step).isWaitingAt("Task_FileTeamPlan");

    steps.fileTeamPlan(step, "return", "请补充信访应急预案的联系人");

    assertThat(step).hasPassed("Gateway_TeamPlanFiled").isWaitingAt("Task_DraftTeamPlan");
    Task draft = task("Task_DraftTeamPlan");
    assertThat(engine.getTaskService().getVariable(draft.getId(), "returnComment")).isEqualTo("请补充信访应急预案的联系人");
    assertThat(engine.getTaskService().getVariable(draft.getId(), "tasks")).isEqualTo("tasks：按方案执行");
    assertThat(inspectedVillages()).isEmpty();

    steps.draftTeamPlan(step, 1, Map.of("tasks", "tasks：按方案执行，补充信访应急联系人"));
    steps.fileTeamPlan(step, "approve", null);
    assertThat(step).isEnded();
    assertThat(inspectedVillages()).hasSize(6);
  }

  @Test
  void teamPlanMustNameTheFirstVillagesThePlanAsksFor() {
    List<String> villages = SampleRound.plan().units().get(0).villages();

    assertThatThrownBy(() -> steps.draftTeamPlan(step, 1, Map.of(
        "initialVillages", List.of(villages.get(0), villages.get(0), "外乡某村"), "methods", "")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("方法步骤：不能为空")
        .hasMessageContaining("先行巡察的村（社区）：“" + villages.get(0) + "”选了两次")
        .hasMessageContaining("先行巡察的村（社区）：外乡某村 不是赵村镇党委所辖的村（社区）")
        .hasMessageContaining("先行巡察的村（社区）：按巡察工作方案须选择 6 个，现选择了 2 个");
    assertThat(step).isWaitingAt("Task_DraftTeamPlan");
  }

  @Test
  void lateTeamIsRemindedTheOfficeEscalatesAndTheLatePlanIsFlagged() {
    ProcessInstance watch = steps.watch(step, "D7");
    Task escalation = deadlines.remindsThenEscalates(step, "Task_DraftTeamPlan", "D7", "2022-04-21T00:00", "2022-04-23T00:00");
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("office");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue"))
        .contains("制定巡察组工作方案", "2022-04-22 23:59", "尚未认领");
    String action = "电话催办第一巡察组组长 " + roundKey;
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", action));
    assertThat(watch).hasPassed("EndEvent_Escalated").isEnded();
    assertThat(jdbc.sql("select action_taken from xc_escalation where subject = '制定巡察组工作方案'").query(String.class).list())
        .contains(action);

    steps.draftTeamPlan(step, 1, Map.of());
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(true);
    steps.fileTeamPlan(step, "approve", null);
    assertThat(step).isEnded();
    long unitId = units.unitIdOf(roundKey, "unit1");
    assertThat(records.find(unitId, TeamPlan.class)).get().extracting(TeamPlan::late).isEqualTo(true);
    assertThat(jdbc.sql("select outcome from xc_review where unit_id = ? and kind = 'TEAM_PLAN_FILING'").param(unitId)
        .query(String.class).list()).containsExactly("APPROVE");
  }

  private Task task(String key) {
    return steps.task(step, key, null);
  }

  private List<String> inspectedVillages() {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
            where r.business_key = ? and u.group_id = 'unit1' order by v.position""")
        .param(roundKey).query(String.class).list();
  }
}

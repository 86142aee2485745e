package cn.xuncha.teamplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.StepFixture;
import cn.xuncha.system.InvalidInputException;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
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
class TeamPlanStepTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  RoundUnits units;
  @Autowired
  JdbcClient jdbc;
  ProcedureSteps steps;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    StepFixture fixture = new StepFixture(engine, rounds, units);
    roundKey = fixture.approvedRound("round-" + UUID.randomUUID(), SampleRound.plan());
    step = fixture.start("step-04-team-plan", roundKey + "/unit1", fixture.unitVariables(roundKey, "unit1", Map.of()));
  }

  @Test
  void planFiledOnTimeFixesTheFirstVillagesAndNoDeadlineFires() {
    assertThat(engine.getRuntimeService().getVariable(step.getId(), "accessGroups")).isEqualTo("team1");
    assertThat(step).isWaitingAt("Task_DraftTeamPlan").task().hasCandidateGroup("team1")
        .hasDueDate(Date.from(LocalDateTime.parse("2022-04-22T23:59:59.999").atZone(ProcedureSteps.BEIJING).toInstant()));

    steps.draftTeamPlan(step, 1, Map.of());
    assertThat(step).isWaitingAt("Task_FileTeamPlan").task().hasCandidateGroup("office");
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(false);
    assertThat(timers()).as("the reminder and the escalation are cancelled with the draft task").isZero();
    steps.fileTeamPlan(step, "approve", null);

    assertThat(step).hasPassed("Gateway_TeamPlanFiled", "EndEvent_TeamPlanStep")
        .hasNotPassed("Task_RemindTeamPlan", "Task_TeamPlanOverdue").isEnded();
    assertThat(inspectedVillages()).containsExactlyElementsOf(SampleRound.plan().units().get(0).villages().subList(0, 6));
  }

  @Test
  void officeReturnsThePlanWithACommentTheTeamSees() {
    steps.draftTeamPlan(step, 1, Map.of());
    assertThatThrownBy(() -> steps.fileTeamPlan(step, "return", " "))
        .isInstanceOf(InvalidInputException.class).hasMessage("意见：退回修改时必须填写意见");
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
    ProcedureSteps.at("2022-04-20T23:59");
    assertThat(steps.fireDueTimers(step)).isZero();
    ProcedureSteps.at("2022-04-21T08:00");
    assertThat(steps.fireDueTimers(step)).isOne();
    Task draft = task("Task_DraftTeamPlan");
    assertThat(draft.getPriority()).isEqualTo(80);
    assertThat(step).hasPassed("Task_RemindTeamPlan", "EndEvent_TeamPlanReminded")
        .isWaitingAt("Task_DraftTeamPlan").isNotWaitingAt("Task_TeamPlanOverdue");

    ProcedureSteps.at("2022-04-23T00:00");
    assertThat(steps.fireDueTimers(step)).isOne();
    assertThat(step).isWaitingAt("Task_DraftTeamPlan", "Task_TeamPlanOverdue");
    Task escalation = task("Task_TeamPlanOverdue");
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId()))
        .extracting(link -> link.getGroupId()).containsExactly("office");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue"))
        .contains("制定巡察组工作方案", "2022-04-22 23:59", "尚未认领");
    String action = "电话催办第一巡察组组长 " + roundKey;
    steps.complete("office1", step, "Task_TeamPlanOverdue", null, Map.of("actionTaken", action));
    assertThat(step).hasPassed("EndEvent_TeamPlanEscalated");
    assertThat(jdbc.sql("select action_taken from xc_escalation where subject = '制定巡察组工作方案'").query(String.class).list())
        .contains(action);

    steps.draftTeamPlan(step, 1, Map.of());
    assertThat(engine.getTaskService().getVariable(task("Task_FileTeamPlan").getId(), "late")).isEqualTo(true);
    steps.fileTeamPlan(step, "approve", null);
    assertThat(step).isEnded();
    assertThat(jdbc.sql("select filed_late from xc_team_plan_review r join xc_unit u on u.id = r.unit_id "
        + "join xc_round o on o.id = u.round_id where o.business_key = ?").param(roundKey).query(Boolean.class).single())
        .isTrue();
  }

  private Task task(String key) {
    return steps.task(step, key, null);
  }

  private long timers() {
    return engine.getManagementService().createJobQuery().processInstanceId(step.getId()).timers().count();
  }

  private List<String> inspectedVillages() {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
            where r.business_key = ? and u.group_id = 'unit1' order by v.position""")
        .param(roundKey).query(String.class).list();
  }
}

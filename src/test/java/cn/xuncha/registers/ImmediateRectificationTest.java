package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.registers.TeamMeetings.Demand;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 5: a 组务会 records its decisions and a 立行立改 demand to the unit, which is the
 * unit's task with its own deadline; the unit answers with action and evidence, the team verifies
 * (or sends it back), and the verified demand shows in the rectification ledger as already rectified.
 */
@XunchaSpringTest
class ImmediateRectificationTest extends RegisterTestSupport {

  @Test
  void aMeetingsDemandIsRectifiedByTheUnitVerifiedByTheTeamAndLedgeredAsRectified() {
    ProcedureSteps.at("2022-05-10T09:00");
    long meeting = recorded(rest.post("team1-leader", api + "/meetings", json(Map.of("heldOn", "2022-05-10",
        "attendees", "第一巡察组全体成员", "leads", "追查河南村土地补偿款去向", "toReport", "镇财政所违规发放津补贴"))));
    assertThat(rest.post("team1-leader", api + "/meetings/" + meeting + "/demands", json(Map.of("problem", "党务公开栏内容未更新",
        "demand", "立即更新党务公开栏", "rectifyBy", "2022-05-09"))).body()).contains("整改时限：不能早于今天（2022-05-10）");
    assertThat(rest.post("team1-leader", api + "/meetings/999999/demands", json(Map.of("problem", "问题", "demand", "要求",
        "rectifyBy", "2022-05-20"))).body()).contains("本单位没有编号为 999999 的组务会");
    long id = recorded(rest.post("team1-leader", api + "/meetings/" + meeting + "/demands", json(Map.of("problem", "党务公开栏内容未更新",
        "demand", "立即更新党务公开栏", "rectifyBy", "2022-05-20"))));

    ProcessInstance demand = demand(id);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(demand.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_RectifyImmediately");
    assertThat(task.getDueDate()).isEqualTo(ProcedureSteps.beijing("2022-05-20T23:59:59.999"));
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId).containsExactly("unit1");
    assertThat((String) engine.getTaskService().getVariable(task.getId(), "demand")).contains("党务公开栏内容未更新", "立即更新党务公开栏")
        .as("the unit sees the demand, not the meeting").doesNotContain("河南村", "津补贴");
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(demand.getId()).list()).extracting(Authorization::getGroupId).containsOnly("unit1", fixture.teamGroup(round, 1));

    assertThatThrownBy(() -> steps.complete("unit1", demand, "Task_RectifyImmediately", "unit1", Map.of("action", "已更新")))
        .hasMessageContaining("佐证材料：不能为空");
    steps.complete("unit1", demand, "Task_RectifyImmediately", "unit1", Map.of("action", "已更新", "evidence", "公开栏照片"));
    steps.complete("team1-leader", demand, "Task_VerifyImmediateRectification", "team1",
        ProcedureSteps.review("return", "照片看不清更新日期"));
    assertThat(demand).isWaitingAt("Task_RectifyImmediately");
    assertThat(meetings.demands(unit)).singleElement().extracting(Demand::statusLabel, Demand::verification)
        .containsExactly("待整改", "照片看不清更新日期");
    steps.complete("unit1", demand, "Task_RectifyImmediately", "unit1", Map.of("action", "已更新党务公开栏第二季度内容",
        "evidence", "带日期的公开栏照片 2 张"));
    steps.complete("team1-leader", demand, "Task_VerifyImmediateRectification", "team1", ProcedureSteps.APPROVE);
    assertThat(demand).isEnded().hasPassed("EndEvent_Rectified");
    assertThat(meetings.rectified(unit)).singleElement().extracting(Demand::action).isEqualTo("已更新党务公开栏第二季度内容");

    assertThat(rest.get("office1", "/documents/" + round + "/unit1/rectification").body())
        .contains("立行立改事项（巡察期间已整改）", "党务公开栏内容未更新", "立即更新党务公开栏", "已立行立改", "带日期的公开栏照片 2 张");
    assertThat(rest.get("office1", "/documents/" + round + "/ledger").body())
        .contains("<th>组务会</th><th>立行立改</th><th>已立行立改</th>", "<td>0</td><td>0</td><td>1</td><td>1</td><td>1</td>")
        .as("the office's ledger counts, never says what").doesNotContain("党务公开栏");
    assertThat(meetings.summary(unit)).isEqualTo("召开组务会 1 次，提出立行立改要求 1 项，已整改到位 1 项。");
    String page = RegistersController.PAGE + "/" + round + "/unit1";
    assertThat(rest.get("team1-member1", page).body()).contains("追查河南村土地补偿款去向", "党务公开栏内容未更新", "已立行立改");
    assertThat(rest.get("office1", page).body()).contains("提出 1 项，已整改到位 1 项").doesNotContain("河南村", "党务公开栏");
    assertThat(rest.get("unit1", page).status()).isEqualTo(403);
  }

  @Test
  void anUnansweredDemandIsRemindedTheWorkingDayBeforeAndEscalatedToTheOfficeAfter() {
    ProcedureSteps.at("2022-05-10T09:00");
    long meeting = recorded(rest.post("team1-leader", api + "/meetings", json(Map.of("heldOn", "2022-05-10", "attendees", "组长、副组长"))));
    ProcessInstance demand = demand(recorded(rest.post("team1-leader", api + "/meetings/" + meeting + "/demands",
        json(Map.of("problem", "食堂账目未公示", "demand", "公示食堂账目", "rectifyBy", "2022-05-20")))));
    ProcessInstance watch = watchOf(demand, "Task_RectifyImmediately");
    ProcedureSteps.at("2022-05-19T00:00");
    fireDueTimers(watch.getId());
    assertThat(watch).hasPassed("Task_Remind").isWaitingAt("Timer_Due");
    ProcedureSteps.at("2022-05-21T00:00");
    fireDueTimers(watch.getId());
    Task overdue = engine.getTaskService().createTaskQuery().processInstanceId(watch.getId()).taskDefinitionKey("Task_Overdue").singleResult();
    assertThat(overdue.getName()).isEqualTo("逾期督办：立行立改并提交佐证");
  }

  private ProcessInstance demand(long id) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(TeamMeetings.PROCESS)
        .processInstanceBusinessKey(round + "/unit1/demand-" + id).singleResult();
  }
}

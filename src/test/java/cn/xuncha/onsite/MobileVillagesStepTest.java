package cn.xuncha.onsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.teamplan.TeamPlanService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mobile-inspection villages of step 6 (step-06-mobile-villages, called by step-06-on-site where
 * the plan covers part of a unit's villages), started on the entry date 2022-04-21 for 赵村镇党委,
 * whose team plan inspects its first 6 villages: the team names 6 more, the leading group approves
 * (they are announced and inspected) or returns them with a comment; both tasks carry D1 (7 days
 * from entry, reminder on day 5), each watched by its own deadline watch.
 */
@XunchaSpringTest
class MobileVillagesStepTest extends StepTestSupport {

  static final List<String> ZHAOCUN = SampleRound.plan().units().get(0).villages();

  @Autowired
  JdbcClient jdbc;
  @Autowired
  UnitRecords records;
  @Autowired
  TeamPlanService teamPlans;
  String roundKey;
  ProcessInstance mobileVillages;

  @BeforeEach
  void startOnTheEntryDate() {
    roundKey = fixture.sampleRoundAt("2022-04-21T08:00");
    OnSiteStepTest.fileTeamPlan(records, teamPlans, units.unit(roundKey, "unit1"));
    mobileVillages = fixture.startForUnit("step-06-mobile-villages", roundKey, "unit1", Map.of());
  }

  @Test
  void villagesNamedAndApprovedWithinSevenDaysAreAnnouncedAndInspected() {
    assertThat(mobileVillages).isWaitingAt("Task_NameMobileVillages").task().hasCandidateGroup(steps.teamGroup(mobileVillages, 1));
    assertThat(inspected()).containsExactlyElementsOf(ZHAOCUN.subList(0, 6));

    ProcedureSteps.at("2022-04-25T10:00");
    name(steps, mobileVillages, ZHAOCUN.subList(6, 12));
    assertThat(mobileVillages).isWaitingAt("Task_ApproveMobileVillages").task().hasCandidateGroup("leading-group");
    steps.complete("leader1", mobileVillages, "Task_ApproveMobileVillages", null, Map.of("outcome", "approve"));

    assertThat(mobileVillages).hasPassed("Task_AnnounceMobileVillages", "EndEvent_MobileVillagesStep").isEnded();
    assertThat(inspected()).containsExactlyElementsOf(ZHAOCUN);
    ProcedureSteps.at("2022-04-28T23:59:59");
    assertThat(steps.fireDueTimers(mobileVillages)).as("approved in time: no reminder, no escalation").isZero();
    assertThat(steps.watch(mobileVillages, "D1")).isNull();
  }

  @Test
  void villagesAreCheckedAgainstThePlanAndTheUnit() {
    assertThatThrownBy(() -> name(steps, mobileVillages, List.of(ZHAOCUN.get(0), ZHAOCUN.get(8), ZHAOCUN.get(8), "外乡某村")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("机动巡察的村（社区）：" + ZHAOCUN.get(0) + " 已在巡察范围内")
        .hasMessageContaining("机动巡察的村（社区）：“" + ZHAOCUN.get(8) + "”选了两次")
        .hasMessageContaining("机动巡察的村（社区）：外乡某村 不是赵村镇党委所辖的村（社区）")
        .hasMessageContaining("机动巡察的村（社区）：按巡察工作方案须确定 6 个，现选择了 3 个");
    assertThat(mobileVillages).isWaitingAt("Task_NameMobileVillages");
    assertThat(jdbc.sql("select count(*) from xc_mobile_proposal where unit_id = ?").param(unitId()).query(Long.class).single())
        .isZero();
  }

  @Test
  void leadingGroupReturnsTheListWithACommentAndTheTeamNamesThemAgain() {
    name(steps, mobileVillages, ZHAOCUN.subList(6, 12));

    assertThatThrownBy(() -> steps.complete("leader1", mobileVillages, "Task_ApproveMobileVillages", null, Map.of("outcome", "return")))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(mobileVillages).isWaitingAt("Task_ApproveMobileVillages");
    steps.complete("leader1", mobileVillages, "Task_ApproveMobileVillages", null,
        Map.of("outcome", "return", "comment", "请优先选择信访反映集中的村"));

    assertThat(mobileVillages).hasPassed("Gateway_MobileDecision").isWaitingAt("Task_NameMobileVillages")
        .isNotWaitingAt("Task_ApproveMobileVillages").hasNotPassed("Task_AnnounceMobileVillages");
    assertThat(engine.getTaskService().getVariable(steps.task(mobileVillages, "Task_NameMobileVillages", null).getId(), "returnComment"))
        .isEqualTo("请优先选择信访反映集中的村");
    assertThat(inspected()).hasSize(6);

    name(steps, mobileVillages, ZHAOCUN.subList(6, 12));
    steps.complete("leader1", mobileVillages, "Task_ApproveMobileVillages", null, Map.of("outcome", "approve"));
    assertThat(mobileVillages).hasPassed("Task_AnnounceMobileVillages", "EndEvent_MobileVillagesStep").isEnded();
    assertThat(inspected()).hasSize(12);
  }

  @Test
  void teamIsRemindedOnDayFiveAndTheOfficeEscalatesAfterDaySevenWhileTheVillagesAreNotNamed() {
    ProcessInstance watch = steps.watch(mobileVillages, "D1");
    assertThat(engine.getRuntimeService().getVariable(watch.getId(), "watchedActivityId")).isEqualTo("Task_NameMobileVillages");

    Task escalation = deadlines.remindsThenEscalates(mobileVillages, "Task_NameMobileVillages", "D1", "2022-04-27T00:00", "2022-04-29T00:00");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue")).contains("提出机动巡察村名单");
    assertThat(mobileVillages).as("an escalation cancels nothing").isWaitingAt("Task_NameMobileVillages");

    name(steps, mobileVillages, ZHAOCUN.subList(6, 12));
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "已督促巡察组报送名单"));
    assertThat(watch).hasPassed("EndEvent_Escalated").isEnded();
  }

  @Test
  void theApprovalHasItsOwnWatchThatRemindsAndEscalatesToTheOffice() {
    ProcedureSteps.at("2022-04-25T10:00");
    name(steps, mobileVillages, ZHAOCUN.subList(6, 12));
    ProcessInstance watch = steps.watch(mobileVillages, "D1");
    assertThat(engine.getRuntimeService().getVariable(watch.getId(), "watchedActivityId")).isEqualTo("Task_ApproveMobileVillages");

    Task escalation = deadlines.remindsThenEscalates(mobileVillages, "Task_ApproveMobileVillages", "D1", "2022-04-27T00:00", "2022-04-29T00:00");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue")).contains("领导小组批准机动巡察村");

    steps.complete("leader1", mobileVillages, "Task_ApproveMobileVillages", null, Map.of("outcome", "approve"));
    assertThat(inspected()).hasSize(12);
    assertThat(watch).isWaitingAt("Task_Overdue");
    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "已提请领导小组尽快审批"));
    assertThat(watch).hasPassed("EndEvent_Escalated").isEnded();
  }

  /** The team leader names {@code villages} for mobile inspection, with the reason the plan asks for. */
  static void name(ProcedureSteps steps, ProcessInstance instance, List<String> villages) {
    steps.complete("team1-leader", instance, "Task_NameMobileVillages", null,
        Map.of("mobileVillages", villages, "mobileReason", "信访反映集中、集体经济体量大"));
  }

  private long unitId() {
    return units.unitIdOf(roundKey, "unit1");
  }

  private List<String> inspected() {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            where i.unit_id = ? order by v.position""")
        .param(unitId()).query(String.class).list();
  }
}

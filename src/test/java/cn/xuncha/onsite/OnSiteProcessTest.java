package cn.xuncha.onsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.SampleRound;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Step 6 of one unit: entry, mobile-inspection villages within 7 days, working papers, major problems, withdrawal. */
@XunchaSpringTest
class OnSiteProcessTest {

  static final List<String> ZHAOCUN = SampleRound.plan().units().get(0).villages();

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
  void teamEntersOnTheEntryDateAndNotBefore() {
    ProcessInstance unit = steps.startUnit(round, 1);
    steps.announced(unit, 1, "unit1");

    ProcedureSteps.at("2022-04-20T23:59");
    assertThat(steps.fireDueTimers(unit)).isZero();
    assertThat(unit).isWaitingAt("Timer_EntryDate");
    ProcedureSteps.at("2022-04-21T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(unit).isWaitingAt("Task_RecordEntryMeeting").task().hasCandidateGroup("team1");
  }

  @Test
  void mobileVillagesApprovedWithinSevenDaysJoinTheInspectionAndTheStayEndsAtWithdrawal() {
    ProcessInstance unit = onSite(1);
    assertThat(unit).isWaitingAt("Task_NameMobileVillages", "Task_RecordWorkingPaper", "Task_ReportMajorProblem");

    proposeMobile(unit, ZHAOCUN.subList(6, 12));
    assertThat(unit).isWaitingAt("Task_ApproveMobileVillages").task("Task_ApproveMobileVillages")
        .hasCandidateGroup("leading-group");
    steps.complete("leader1", unit, "Task_ApproveMobileVillages", null, ProcedureSteps.APPROVE);

    assertThat(inspected("unit1")).containsExactlyElementsOf(ZHAOCUN);
    ProcedureSteps.at("2022-04-28T23:59:59");
    assertThat(steps.fireDueTimers(unit)).isZero();

    recordPaper(unit, ZHAOCUN.get(7));
    steps.complete("team1-leader", unit, "Task_ConfirmWorkingPaper", null, ProcedureSteps.APPROVE);
    reportMajorProblem(unit);
    assertThat(unit).isWaitingAt("Task_AnswerMajorProblem", "Task_RecordWorkingPaper", "Task_ReportMajorProblem");
    steps.complete("leader1", unit, "Task_AnswerMajorProblem", null, Map.of("answer", "同意深入了解，注意保密"));

    ProcedureSteps.at("2022-06-10T18:00");
    assertThat(steps.fireDueTimers(unit)).isZero();
    ProcedureSteps.at("2022-06-11T00:00");
    assertThat(steps.fireDueTimers(unit)).isEqualTo(2);
    assertThat(unit).hasPassed("Task_AnnounceMobileVillages", "Task_Withdraw").isWaitingAt("Task_DraftReport");
    assertThat(jdbc.sql("select count(*) from xc_working_paper where status = 'CONFIRMED' and place = ?").param(ZHAOCUN.get(7))
        .query(Long.class).single()).isPositive();
    assertThat(jdbc.sql("select answer from xc_major_report where subject = '村集体资金疑似被挪用'").query(String.class).list())
        .contains("同意深入了解，注意保密");
  }

  @Test
  void unitWhoseVillagesAreAllCoveredNeedsNoMobileInspection() {
    ProcessInstance unit = onSite(2);

    assertThat(unit).isWaitingAt("Task_RecordWorkingPaper", "Task_ReportMajorProblem").isNotWaitingAt("Task_NameMobileVillages");
    assertThat(unit).hasPassed("EndEvent_AllVillages");
    assertThat(inspected("unit2")).containsExactlyElementsOf(SampleRound.plan().units().get(1).villages());
  }

  @Test
  void mobileVillagesAreCheckedAgainstThePlanAndTheUnit() {
    ProcessInstance unit = onSite(1);

    assertThatThrownBy(() -> proposeMobile(unit, List.of(ZHAOCUN.get(0), ZHAOCUN.get(8), ZHAOCUN.get(8), "外乡某村")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("机动巡察的村（社区）：" + ZHAOCUN.get(0) + " 已在巡察范围内")
        .hasMessageContaining("机动巡察的村（社区）：“" + ZHAOCUN.get(8) + "”选了两次")
        .hasMessageContaining("机动巡察的村（社区）：外乡某村 不是赵村镇党委所辖的村（社区）")
        .hasMessageContaining("机动巡察的村（社区）：按巡察工作方案须确定 6 个，现选择了 3 个");
    assertThat(unit).isWaitingAt("Task_NameMobileVillages");
    assertThat(jdbc.sql("select count(*) from xc_mobile_proposal p join xc_unit u on u.id = p.unit_id "
        + "join xc_round r on r.id = u.round_id where r.business_key = ?").param(round.getBusinessKey()).query(Long.class).single())
        .isZero();
  }

  @Test
  void leadingGroupReturnsTheListAndTheTeamNamesOthers() {
    ProcessInstance unit = onSite(1);
    proposeMobile(unit, ZHAOCUN.subList(6, 12));

    steps.complete("leader1", unit, "Task_ApproveMobileVillages", null,
        ProcedureSteps.review("return", "请优先选择信访反映集中的村"));

    assertThat(unit).isWaitingAt("Task_NameMobileVillages");
    assertThat(engine.getTaskService().getVariable(steps.task(unit, "Task_NameMobileVillages", null).getId(), "returnComment"))
        .isEqualTo("请优先选择信访反映集中的村");
    assertThat(inspected("unit1")).hasSize(6);
  }

  @Test
  void teamIsRemindedBeforeDaySevenAndTheOfficeEscalatesAfterwardsWithoutCancellingAnything() {
    ProcessInstance unit = onSite(1);

    ProcedureSteps.at("2022-04-26T23:59");
    assertThat(steps.fireDueTimers(unit)).isZero();
    ProcedureSteps.at("2022-04-27T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(steps.task(unit, "Task_NameMobileVillages", null).getPriority()).isEqualTo(80);
    assertThat(unit).isNotWaitingAt("Task_MobileVillagesOverdue");

    proposeMobile(unit, ZHAOCUN.subList(6, 12));
    ProcedureSteps.at("2022-04-29T00:00");
    assertThat(steps.fireDueTimers(unit)).isOne();
    assertThat(unit).isWaitingAt("Task_ApproveMobileVillages", "Task_MobileVillagesOverdue");
    assertThat((String) engine.getTaskService().getVariable(steps.task(unit, "Task_MobileVillagesOverdue", null).getId(), "overdue"))
        .contains("确定机动巡察村（进驻后7日内）", "领导小组批准机动巡察村");

    steps.complete("leader1", unit, "Task_ApproveMobileVillages", null, ProcedureSteps.APPROVE);
    assertThat(inspected("unit1")).hasSize(12);
    assertThat(unit).isWaitingAt("Task_MobileVillagesOverdue");
    steps.complete("office1", unit, "Task_MobileVillagesOverdue", null, Map.of("actionTaken", "已提请领导小组尽快审批"));
    assertThat(unit).hasPassed("EndEvent_MobileEscalated");
  }

  @Test
  void workingPapersNeedFactsFromTheInspectedPlacesAndTheLeadersConfirmation() {
    ProcessInstance unit = onSite(1);

    assertThatThrownBy(() -> steps.complete("team1-member1", unit, "Task_RecordWorkingPaper", null, Map.of(
        "place", ZHAOCUN.get(10), "category", "corruption", "fact", "", "evidence", "账目", "source", "talk")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("问题所在单位：" + ZHAOCUN.get(10) + " 不在本组巡察范围内")
        .hasMessageContaining("问题类别：“corruption”不是可选项")
        .hasMessageContaining("问题事实：不能为空");

    recordPaper(unit, "赵村镇党委");
    assertThat(unit).isWaitingAt("Task_ConfirmWorkingPaper", "Task_RecordWorkingPaper");
    assertThatThrownBy(() -> steps.complete("team1-leader", unit, "Task_ConfirmWorkingPaper", null, ProcedureSteps.review("return", null)))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    steps.complete("team1-leader", unit, "Task_ConfirmWorkingPaper", null,
        ProcedureSteps.review("return", "证据不足，请补充凭证"));
    assertThat(jdbc.sql("""
            select p.status from xc_working_paper p join xc_review r on r.record_id = p.id and r.kind = 'WORKING_PAPER'
            where r.outcome = 'RETURN' and r.comment = '证据不足，请补充凭证' and r.actor = 'team1-leader'""").query(String.class).list())
        .containsOnly("REJECTED");
  }

  /** A unit of team N brought on site on time. */
  private ProcessInstance onSite(int team) {
    ProcessInstance unit = steps.startUnit(round, team);
    steps.bringOnSite(unit, team, "unit" + team);
    return unit;
  }

  private void proposeMobile(ProcessInstance unit, List<String> villages) {
    steps.complete("team1-leader", unit, "Task_NameMobileVillages", null,
        Map.of("mobileVillages", villages, "mobileReason", "信访反映集中、集体经济体量大"));
  }

  private void recordPaper(ProcessInstance unit, String place) {
    steps.complete("team1-member1", unit, "Task_RecordWorkingPaper", null, Map.of(
        "place", place, "category", "integrity", "fact", "村集体资金 12 万元未入账",
        "evidence", "2021 年村账簿第 12 页", "source", "documents"));
  }

  private void reportMajorProblem(ProcessInstance unit) {
    steps.complete("team1-leader", unit, "Task_ReportMajorProblem", null,
        Map.of("subject", "村集体资金疑似被挪用", "content", "涉及金额较大，拟请示深入了解"));
  }

  private List<String> inspected(String unitGroup) {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
            where r.business_key = ? and u.group_id = ? order by v.position""")
        .params(round.getBusinessKey(), unitGroup).query(String.class).list();
  }
}

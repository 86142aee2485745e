package cn.xuncha.onsite;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.teamplan.TeamPlan;
import cn.xuncha.teamplan.TeamPlanService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 6 (开展巡察, step-06-on-site) of one unit, started on the entry date 2022-04-21 from an
 * approved plan and a filed team plan: the entry meeting, the called mobile-villages process where
 * the plan covers part of the villages ({@link MobileVillagesStepTest}), working papers, major
 * problems, all closed at the end of the withdrawal day 2022-06-10 (D8-withdrawal).
 */
@XunchaSpringTest
class OnSiteStepTest extends StepTestSupport {

  static final List<String> ZHAOCUN = SampleRound.plan().units().get(0).villages();

  @Autowired
  JdbcClient jdbc;
  @Autowired
  UnitRecords records;
  @Autowired
  TeamPlanService teamPlans;
  String roundKey;

  @BeforeEach
  void approveRound() {
    roundKey = fixture.sampleRoundAt("2022-04-21T08:00");
  }

  @Test
  void stayWaitsForTheCalledMobileVillagesAndEndsAtWithdrawal() {
    ProcessInstance onSite = start("unit1");
    assertThat(onSite).isWaitingAt("Task_RecordEntryMeeting").task().hasCandidateGroup(steps.teamGroup(onSite, 1));
    steps.recordEntryMeeting(onSite, 1);
    assertThat(RecordFields.find(records, unitId("unit1"), cn.xuncha.onsite.EntryMeeting.class)).get()
        .satisfies(meeting -> assertThat(meeting).containsEntry("meetingOn", "2022-04-21"));
    assertThat(onSite).isWaitingAt("CallActivity_MobileVillages", "Task_RecordWorkingPaper", "Task_ReportMajorProblem");
    ProcessInstance mobileVillages = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(onSite.getId())
        .processDefinitionKey("step-06-mobile-villages").singleResult();
    assertThat(mobileVillages).isWaitingAt("Task_NameMobileVillages");

    ProcedureSteps.at("2022-04-25T10:00");
    MobileVillagesStepTest.name(steps, onSite, ZHAOCUN.subList(6, 12));
    steps.complete("leader1", onSite, "Task_ApproveMobileVillages", null, Map.of("outcome", "approve"));
    assertThat(mobileVillages).isEnded();
    assertThat(onSite).hasPassed("CallActivity_MobileVillages", "EndEvent_MobileVillagesNamed");
    assertThat(inspected("unit1")).containsExactlyElementsOf(ZHAOCUN);

    recordPaper(onSite, ZHAOCUN.get(7));
    steps.complete("team1-leader", onSite, "Task_ConfirmWorkingPaper", null, Map.of("outcome", "approve"));
    reportMajorProblem(onSite);
    assertThat(onSite).isWaitingAt("Task_AnswerMajorProblem", "Task_RecordWorkingPaper", "Task_ReportMajorProblem");
    steps.complete("leader1", onSite, "Task_AnswerMajorProblem", null, Map.of("answer", "同意深入了解，注意保密"));

    ProcedureSteps.at("2022-06-10T18:00");
    assertThat(steps.fireDueTimers(onSite)).isZero();
    ProcedureSteps.at("2022-06-11T00:00");
    assertThat(steps.fireDueTimers(onSite)).isEqualTo(2);
    assertThat(onSite).hasPassed("EndEvent_PaperReviewed", "EndEvent_ProblemAnswered", "EndEvent_PapersClosed", "EndEvent_ReportsClosed")
        .isEnded();
    assertThat(jdbc.sql("select status from xc_working_paper where unit_id = ? and place = ?").params(unitId("unit1"), ZHAOCUN.get(7))
        .query(String.class).list()).containsExactly("CONFIRMED");
    assertThat(jdbc.sql("select answer from xc_major_report where unit_id = ?").param(unitId("unit1")).query(String.class).list())
        .containsExactly("同意深入了解，注意保密");
  }

  @Test
  void entryMeetingIsRecordedOnlyOnceHeldWithinTheStay() {
    ProcessInstance onSite = start("unit1");

    assertThatThrownBy(() -> steps.complete("team1-leader", onSite, "Task_RecordEntryMeeting", null, Map.of(
        "meetingOn", "2022-04-20", "meetingPlace", "乡政府会议室", "attendees", "乡党委班子成员", "meetingSummary", "通报巡察工作安排")))
        .isInstanceOf(InvalidInputException.class).hasMessage("会议日期：须在进驻期间（2022-04-21 至 2022-06-10）");
    assertThatThrownBy(() -> steps.complete("team1-leader", onSite, "Task_RecordEntryMeeting", null, Map.of(
        "meetingOn", "2022-04-22", "meetingPlace", "乡政府会议室", "attendees", "乡党委班子成员", "meetingSummary", "通报巡察工作安排")))
        .isInstanceOf(InvalidInputException.class).hasMessage("会议日期：会议召开后才能登记，不能晚于今天");

    assertThat(onSite).isWaitingAt("Task_RecordEntryMeeting");
    assertThat(RecordFields.find(records, unitId("unit1"), cn.xuncha.onsite.EntryMeeting.class)).isEmpty();
  }

  @Test
  void unitWhoseVillagesAreAllCoveredNeedsNoMobileInspection() {
    ProcessInstance onSite = start("unit2");
    steps.recordEntryMeeting(onSite, 2);

    assertThat(onSite).isWaitingAt("Task_RecordWorkingPaper", "Task_ReportMajorProblem").isNotWaitingAt("CallActivity_MobileVillages");
    assertThat(onSite).hasPassed("EndEvent_AllVillages");
    assertThat(inspected("unit2")).containsExactlyElementsOf(SampleRound.plan().units().get(1).villages());
  }

  @Test
  void workingPapersNeedFactsFromTheInspectedPlacesAndTheLeadersConfirmation() {
    ProcessInstance onSite = onSite("unit1", 1);

    assertThatThrownBy(() -> steps.complete("team1-member1", onSite, "Task_RecordWorkingPaper", null, Map.of(
        "place", ZHAOCUN.get(10), "category", "corruption", "fact", "", "evidence", "账目", "source", "talk")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("问题所在单位：" + ZHAOCUN.get(10) + " 不在本组巡察范围内")
        .hasMessageContaining("问题类别：“corruption”不是可选项")
        .hasMessageContaining("问题事实：不能为空");
    assertThat(papers("unit1")).isZero();

    recordPaper(onSite, "赵村镇党委");
    assertThat(onSite).isWaitingAt("Task_ConfirmWorkingPaper", "Task_RecordWorkingPaper");
    assertThatThrownBy(() -> steps.complete("team1-leader", onSite, "Task_ConfirmWorkingPaper", null, Map.of("outcome", "return")))
        .isInstanceOf(InvalidInputException.class).hasMessage(ReviewTask.RETURN_NEEDS_COMMENT);
    assertThat(onSite).isWaitingAt("Task_ConfirmWorkingPaper");
    steps.complete("team1-leader", onSite, "Task_ConfirmWorkingPaper", null,
        Map.of("outcome", "return", "comment", "证据不足，请补充凭证"));

    assertThat(onSite).hasPassed("EndEvent_PaperReviewed").isWaitingAt("Task_RecordWorkingPaper");
    assertThat(jdbc.sql("""
            select p.status from xc_working_paper p join xc_review r on r.record_id = p.id and r.kind = 'WORKING_PAPER'
            where p.unit_id = ? and r.outcome = 'RETURN' and r.comment = '证据不足，请补充凭证'""")
        .param(unitId("unit1")).query(String.class).list()).containsExactly("REJECTED");
  }

  /** The step as the unit's spine starts it on the entry date, after the team plan was filed. */
  private ProcessInstance start(String unitGroup) {
    fileTeamPlan(records, teamPlans, units.unit(roundKey, unitGroup));
    return fixture.startForUnit("step-06-on-site", roundKey, unitGroup, Map.of());
  }

  /**
   * Files the team plan of {@code unit} as step 4 leaves it: the filing fixes the villages inspected
   * first (all of them, or the plan's first ones), from which the mobile villages are chosen.
   */
  static void fileTeamPlan(UnitRecords records, TeamPlanService teamPlans, UnitRef unit) {
    InspectedUnit planned = unit.unit();
    List<String> initialVillages = planned.coverage() == Coverage.PARTIAL ? planned.villages().subList(0, planned.initialVillages()) : List.of();
    records.save(unit.unitId(), new TeamPlan("摸清乡党委落实主体责任情况", "村级集体资金管理", "个别谈话、查阅资料、走访调研",
        "进驻后第一周个别谈话，第二周起下沉到村", "组长统筹，副组长分管谈话和查账", "严守巡察工作纪律", "每周组织一次组织生活",
        "集访时由组长接谈并报巡察办", "谈话对象情绪激动时暂停谈话", "重大问题请示领导小组后深入了解", initialVillages, false),
        unit.team().groupId() + "-leader", Instant.now());
    teamPlans.filed(unit);
  }

  /** The step started and the entry meeting recorded: the team is on site. */
  private ProcessInstance onSite(String unitGroup, int team) {
    ProcessInstance onSite = start(unitGroup);
    steps.recordEntryMeeting(onSite, team);
    return onSite;
  }

  private void recordPaper(ProcessInstance onSite, String place) {
    steps.complete("team1-member1", onSite, "Task_RecordWorkingPaper", null, Map.of(
        "place", place, "category", "integrity", "fact", "村集体资金 12 万元未入账",
        "evidence", "2021 年村账簿第 12 页", "source", "documents"));
  }

  private void reportMajorProblem(ProcessInstance onSite) {
    steps.complete("team1-leader", onSite, "Task_ReportMajorProblem", null,
        Map.of("subject", "村集体资金疑似被挪用", "content", "涉及金额较大，拟请示深入了解"));
  }

  private long unitId(String unitGroup) {
    return units.unitIdOf(roundKey, unitGroup);
  }

  private long papers(String unitGroup) {
    return jdbc.sql("select count(*) from xc_working_paper where unit_id = ?").param(unitId(unitGroup)).query(Long.class).single();
  }

  private List<String> inspected(String unitGroup) {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            where i.unit_id = ? order by v.position""")
        .param(unitId(unitGroup)).query(String.class).list();
  }
}

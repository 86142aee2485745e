package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.RestCaller.Answer;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.security.Roles;
import cn.xuncha.security.RoleAuthorizations;
import cn.xuncha.system.IdentitySetup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rounds as counties run them (issue 12), each entered over REST as the office would — the plan
 * typed into 编制巡察工作方案, reviewed and approved — and driven as far as its point: 8 teams
 * inspecting two county departments each, a department unit to feedback; a 巡村 round of 107 village
 * units, a village unit to feedback; a township whose plan names the villages inspected directly,
 * without mobile villages; a round of 150 units to the teams' plans, its review readable. The
 * sample round keeps running unchanged ({@code SampleRoundTest}).
 */
@XunchaSpringTest
class CountyRoundsTest extends StepTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** The eighth team's people, added to the pool (and removed again) by each test. */
  private static final Map<String, String> EIGHTH_TEAM = Map.of("team8-leader", "秦望舒", "team8-member1", "罗知远", "team8-member2", "韦清和",
      "team8-member3", "宋以宁");
  private static final List<String> DEPARTMENTS = List.of(
      "县人大机关党组", "县统计局党组", "县发展和改革委员会党组", "县教育局党组", "县财政局党组", "县人力资源和社会保障局党组",
      "县自然资源局党组", "县住房和城乡建设局党组", "县交通运输局党组", "县水利局党组", "县农业农村局党组", "县商务局党组",
      "县文化广电和旅游局党组", "县卫生健康委员会党组", "县人民医院党委", "县城市建设投资有限公司党委");

  @LocalServerPort
  int port;
  @Autowired
  IdentitySetup identity;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  InspectorPoolService pool;
  @Autowired
  RoleAuthorizations roleAuthorizations;
  RestCaller rest;

  @BeforeEach
  void officeAtWork() {
    rest = new RestCaller("http://localhost:" + port);
    EIGHTH_TEAM.forEach((account, name) -> {
      identity.ensureUser(account, name, "", "demo");
      boolean leads = account.equals("team8-leader");
      pool.save(new InspectorPoolService.Entry(new Inspector(account, name, "县委办", leads ? "副主任" : "科员", leads ? "正科级" : "科员", null,
          List.of(), leads, true, null, List.of(), List.of()), null), List.of(), "office1");
    });
    ProcedureSteps.at("2022-04-01T09:00");
  }

  /** Other tests of the shared context create an eighth team's account themselves (TaskFiltersTest) or read the whole pool: leave no trace of it. */
  @AfterEach
  void removeTheEighthTeam() {
    EIGHTH_TEAM.keySet().forEach(account -> {
      engine.getIdentityService().deleteUser(account);
      jdbc.sql("delete from xc_inspector where account = ?").param(account).update();
    });
  }

  @Test
  void eightTeamsInspectTwoCountyDepartmentsEachAndADepartmentIsFedBack() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < DEPARTMENTS.size(); i++) {
      UnitKind kind = i == 14 ? UnitKind.INSTITUTION : i == 15 ? UnitKind.ENTERPRISE : UnitKind.DEPARTMENT;
      rows.add(unit(DEPARTMENTS.get(i), kind, i / 2 + 1, "county-unit" + (i + 1)));
    }
    ProcessInstance round = enterAndApprove("十五届县委第三轮巡察", teams(8), rows);

    assertThat(units.plan(round.getBusinessKey()).units()).hasSize(16)
        .allSatisfy(unit -> assertThat(unit.coverage()).isEqualTo(Coverage.NONE))
        .extracting(RoundPlan.InspectedUnit::kind).contains(UnitKind.DEPARTMENT, UnitKind.INSTITUTION, UnitKind.ENTERPRISE);
    prepare(round, 8);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId())
        .processDefinitionKey("unit-inspection").count()).isEqualTo(16);

    ProcessInstance statistics = steps.unit(round, "county-unit4");
    inspectAndFeedBack(statistics, 2, "county-unit4", "县教育局党组");

    String notice = document(round, "county-unit4", "notice");
    assertThat(notice).contains("县教育局党组：", "进驻你单位开展巡察");
    assertThat(document(round, "county-unit4", "announcement"))
        .contains("关于巡察县教育局党组的公告", "主要受理反映县教育局党组领导班子及其成员、下一级党组织领导班子主要负责人问题");
    assertThat(document(round, "county-unit4", "feedback")).contains("县教育局党组：", "对你单位开展了巡察");
  }

  @Test
  void aRoundOfVillagesRunsAndAVillageIsFedBack() {
    List<Map<String, Object>> rows = IntStream.rangeClosed(1, 107)
        .mapToObj(i -> unit("第" + i + "村党支部", UnitKind.VILLAGE, (i - 1) % 8 + 1, "village" + i)).toList();
    ProcessInstance round = enterAndApprove("十五届县委第四轮巡察（巡村）", teams(8), rows);
    prepare(round, 8);
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId())
        .processDefinitionKey("unit-inspection").count()).isEqualTo(107);

    ProcessInstance village = steps.unit(round, "village3");
    inspectAndFeedBack(village, 3, "village3", "第3村党支部");
    assertThat(document(round, "village3", "announcement")).contains("主要受理反映第3村党支部领导班子及其成员问题");
  }

  @Test
  void aTownshipWhosePlanNamesItsVillagesHasNoMobileVillages() {
    List<String> villages = IntStream.rangeClosed(1, 33).mapToObj(i -> "东" + i + "村").toList();
    List<String> named = villages.subList(0, 15);
    Map<String, Object> township = unit("辛集乡党委", UnitKind.TOWNSHIP, 1, "unit3");
    township.put("villages", String.join("\n", villages));
    township.put("coverage", "NAMED");
    township.put("namedVillages", String.join("\n", named));
    Map<String, Object> none = unit("张店乡党委", UnitKind.TOWNSHIP, 2, "unit2");
    none.put("coverage", "NONE");
    List<Map<String, Object>> teams = teams(2);
    teams.get(0).put("exemptions", "team1-member2，辛集乡党委，配偶已调离辛集乡，经领导小组同意不予回避");
    ProcessInstance round = enterAndApprove("十五届县委第五轮巡察", teams, List.of(township, none));
    assertThat(units.plan(round.getBusinessKey()).units().get(0).namedVillages()).containsExactlyElementsOf(named);
    prepare(round, 2);

    ProcessInstance unit = steps.unit(round, "unit3");
    steps.analyseForTeam(unit, 1);
    assertThatThrownBy(() -> steps.draftTeamPlan(unit, 1, Map.of("initialVillages", List.of("东20村"))))
        .hasMessageContaining("先行巡察的村（社区）：本单位按巡察工作方案为“巡察方案点名的村（社区）”，不选择先行巡察的村");
    steps.draftTeamPlan(unit, 1, Map.of("initialVillages", List.of()));
    steps.fileTeamPlan(unit, "approve", null);
    assertThat(inspectedVillages(round, "unit3")).containsExactlyElementsOf(named);
    onSite(unit, 1, "unit3");
    assertThat(mobileVillageSteps(unit)).isZero();
    ProcessInstance stay = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(unit.getId())
        .processDefinitionKey("step-06-on-site").singleResult();
    assertThat(stay).isWaitingAt("Task_RecordWorkingPaper", "Task_ReportMajorProblem").hasPassed("EndEvent_AllVillages");
    String places = engine.getTaskService().getVariable(steps.task(unit, "Task_RecordWorkingPaper", "team1").getId(), "placeOptions").toString();
    assertThat(places).contains("辛集乡党委", "东1村", "东15村").doesNotContain("东16村");

    ProcessInstance noVillages = steps.unit(round, "unit2");
    steps.analyseForTeam(noVillages, 2);
    steps.draftTeamPlan(noVillages, 2, Map.of());
    steps.fileTeamPlan(noVillages, "approve", null);
    onSite(noVillages, 2, "unit2");
    assertThat(mobileVillageSteps(noVillages)).isZero();
  }

  @Test
  void aRoundOfOneHundredFiftyUnitsIsReviewedReadablyAndReachesTheTeamsPlans() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      Map<String, Object> unit = i <= 30
          ? unit("第" + i + "乡镇党委", UnitKind.TOWNSHIP, (i - 1) % 8 + 1, "town" + i)
          : unit("第" + i + "村党支部", UnitKind.VILLAGE, (i - 1) % 8 + 1, "big" + i);
      if (i <= 30) {
        int town = i;
        unit.put("villages", String.join("\n", IntStream.rangeClosed(1, 20).mapToObj(v -> "第" + town + "乡第" + v + "村").toList()));
        unit.put("coverage", "ALL");
      }
      rows.add(unit);
    }
    ProcessInstance round = startRound();
    submitPlan(round, "十五届县委第六轮巡察", teams(8), rows);
    String summary = (String) engine.getTaskService().getVariable(steps.plan().task(round, "Task_ReviewRoundPlan").getId(), RoundVariables.PLAN_SUMMARY);
    assertThat(summary).contains("巡察组 8 个，被巡察党组织 150 个（乡镇（街道）党委 30 个、村（社区）党组织 120 个）",
        "#### 第八巡察组巡察的党组织", "| 19 | 第150村党支部 | 村（社区）党组织 | — | — |", "函询部门：县纪委监委")
        .doesNotContain("dept-discipline");
    assertThat(summary.length()).isGreaterThan(4000);
    review(round, "leader1", "Task_ReviewRoundPlan");
    review(round, "committee1", "Task_ApproveRoundPlan");

    prepare(round, 8);
    List<ProcessInstance> started = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId())
        .processDefinitionKey("unit-inspection").list();
    assertThat(started).hasSize(150);
    for (int i = 1; i <= 150; i += 37) {
      ProcessInstance unit = steps.unit(round, i <= 30 ? "town" + i : "big" + i);
      steps.analyseForTeam(unit, (i - 1) % 8 + 1);
      assertThat(steps.task(unit, "Task_DraftTeamPlan", "team" + ((i - 1) % 8 + 1))).isNotNull();
    }
  }

  /**
   * 办法 第十四条: a round inspects in batches of about half a month. The second batch enters two weeks
   * after the first: its 公告 and 通知 carry its own dates, announcing shortly before its own entry is
   * accepted, its entry and withdrawal timers and its report deadline (D2) run from its own dates,
   * and the first batch keeps its own.
   */
  @Test
  void theSecondBatchOfARoundRunsOnItsOwnDates() {
    Map<String, Object> first = unit("县统计局党组", UnitKind.DEPARTMENT, 1, "batch-unit1");
    first.put("entryDate", "2022-04-21");
    first.put("withdrawalDate", "2022-05-06");
    Map<String, Object> second = unit("县商务局党组", UnitKind.DEPARTMENT, 2, "batch-unit2");
    second.put("entryDate", "2022-05-05");
    second.put("withdrawalDate", "2022-05-20");
    ProcessInstance round = enterAndApprove("十五届县委第七轮巡察（分批）", teams(2), List.of(first, second));
    assertThat(units.plan(round.getBusinessKey()).units()).extracting(RoundPlan.InspectedUnit::entryDate)
        .containsExactly(java.time.LocalDate.of(2022, 4, 21), java.time.LocalDate.of(2022, 5, 5));
    prepare(round, 2);
    ProcessInstance early = steps.unit(round, "batch-unit1");
    ProcessInstance late = steps.unit(round, "batch-unit2");
    for (int team = 1; team <= 2; team++) {
      ProcessInstance unit = team == 1 ? early : late;
      steps.analyseForTeam(unit, team);
      steps.draftTeamPlan(unit, team, Map.of("initialVillages", List.of()));
      steps.fileTeamPlan(unit, "approve", null);
    }
    assertThat(engine.getRuntimeService().getVariable(late.getId(), RoundVariables.ENTRY_DATE)).isEqualTo("2022-05-05");
    assertThat(engine.getRuntimeService().getVariable(late.getId(), RoundVariables.WITHDRAWAL_DATE)).isEqualTo("2022-05-20");

    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(early, Map.of("petitionsCloseOn", "2022-05-05"));
    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(early, "batch-unit1");
    ProcedureSteps.at("2022-04-21T08:00");
    steps.fireDueTimers(early);
    steps.recordEntryMeeting(early, 1);
    assertThat(early).isWaitingAt("CallActivity_OnSite");
    assertThat(late).as("the second batch is announced shortly before its own entry").isWaitingAt("CallActivity_Announcement");

    ProcedureSteps.at("2022-05-03T09:00");
    steps.announce(late, Map.of("announcedOn", "2022-05-03", "noticeSentOn", "2022-05-03", "entryMeetingOn", "2022-05-05",
        "petitionsCloseOn", "2022-05-18"));
    ProcedureSteps.at("2022-05-04T10:00");
    steps.complete("batch-unit2", late, "Task_AcknowledgeNotice", null, Map.of(
        "receivedOn", "2022-05-04", "receivedBy", "办公室主任", "liaisonGroup", "党组副书记、办公室主任"));
    assertThat(late).as("the second batch waits for its own entry date").isWaitingAt("Timer_EntryDate");
    assertThat(timerDue(late, "Timer_EntryDate")).isEqualTo("2022-05-05T00:00");
    assertThat(document(round, "batch-unit2", "announcement")).contains("于2022年5月5日至2022年5月20日").doesNotContain("2022年4月21日");
    assertThat(document(round, "batch-unit2", "notice")).contains("将于2022年5月5日进驻你单位", "巡察时间至2022年5月20日");
    assertThat(document(round, "batch-unit1", "announcement")).contains("于2022年4月21日至2022年5月6日");

    ProcedureSteps.at("2022-05-04T23:59");
    assertThat(steps.fireDueTimers(late)).isZero();
    ProcedureSteps.at("2022-05-05T08:00");
    steps.fireDueTimers(late);
    steps.complete("team2-leader", late, "Task_RecordEntryMeeting", null, Map.of(
        "meetingOn", "2022-05-05", "meetingPlace", "局会议室", "attendees", "局党组成员", "meetingSummary", "通报巡察工作安排"));
    ProcessInstance lateStay = stay(late);
    ProcessInstance earlyStay = stay(early);
    assertThat(timerDue(lateStay, "Timer_PapersClosed")).isEqualTo("2022-05-20T23:59:59.999");
    assertThat(timerDue(earlyStay, "Timer_PapersClosed")).isEqualTo("2022-05-06T23:59:59.999");

    ProcedureSteps.at("2022-05-07T00:00");
    steps.fireDueTimers(early);
    steps.fireDueTimers(late);
    assertThat(early).isWaitingAt("CallActivity_Report");
    assertThat(late).isWaitingAt("CallActivity_OnSite");
    ProcedureSteps.at("2022-05-21T00:00");
    steps.fireDueTimers(late);
    assertThat(late).isWaitingAt("CallActivity_Report");
    assertThat(dueDate(steps.task(late, "Task_DraftReport", "team2"))).as("D2: 10 working days from the unit's withdrawal")
        .isEqualTo("2022-06-06T23:59:59.999");
    assertThat(dueDate(steps.task(early, "Task_DraftReport", "team1"))).as("Saturday 2022-05-07 was a working day")
        .isEqualTo("2022-05-19T23:59:59.999");
  }

  /**
   * A 专项 round in which one unit gets a 提级 inspection of its own: the review, the overview, the
   * coverage page and each unit's 通知, 公告 and 反馈意见 name the kind the unit gets.
   */
  @Test
  void aSpecialRoundWithAnElevatedUnitNamesTheKindEverywhere() {
    Map<String, Object> special = unit("县住房和城乡建设局党组", UnitKind.DEPARTMENT, 1, "kind-unit1");
    Map<String, Object> elevated = unit("城关镇东关村党支部", UnitKind.VILLAGE, 2, "kind-unit2");
    elevated.put("inspectionKind", "ELEVATED");
    ProcessInstance round = startRound();
    submitPlan(round, "十五届县委第八轮巡察（住房和城乡建设领域专项）", RoundKind.SPECIAL, teams(2), List.of(special, elevated));
    String summary = (String) engine.getTaskService().getVariable(steps.plan().task(round, "Task_ReviewRoundPlan").getId(), RoundVariables.PLAN_SUMMARY);
    assertThat(summary).contains("县委第 3 轮，专项）", "| 城关镇东关村党支部 | 村（社区）党组织（提级） |");
    review(round, "leader1", "Task_ReviewRoundPlan");
    review(round, "committee1", "Task_ApproveRoundPlan");
    assertThat(units.plan(round.getBusinessKey()).kind()).isEqualTo(RoundKind.SPECIAL);

    assertThat(document(round, "kind-unit1", "notice")).contains("进驻你单位开展专项巡察");
    assertThat(document(round, "kind-unit1", "announcement")).contains("关于对县住房和城乡建设局党组开展专项巡察的公告",
        "对县住房和城乡建设局党组开展专项巡察。");
    assertThat(document(round, "kind-unit1", "feedback")).contains("对你单位开展了专项巡察");
    assertThat(document(round, "kind-unit2", "notice")).contains("进驻你单位开展提级巡察");
    assertThat(document(round, "kind-unit2", "announcement")).contains("关于对城关镇东关村党支部开展提级巡察的公告");
    Answer overview = rest.get("leader1", "/overview?round=" + URLEncoder.encode(round.getBusinessKey(), StandardCharsets.UTF_8));
    assertThat(overview.body()).contains("巡察类型：专项");
    Answer coverage = rest.get("leader1", "/overview/coverage");
    assertThat(coverage.body()).contains("十五届县委第八轮巡察（住房和城乡建设领域专项）（提级）");
  }

  /**
   * 巡察“回头看”: a unit of an earlier round is fed back and files its ledger; a later 回头看 round names
   * it, and its team, once on site, verifies each item of that ledger. A 回头看 unit naming no earlier
   * unit, or one without a ledger, is refused in Chinese. The results show in the earlier ledger and in
   * the new round's report and feedback.
   */
  @Test
  void aFollowUpVerifiesTheEarlierRoundsLedger() {
    Map<String, Object> audited = unit("县统计局党组", UnitKind.DEPARTMENT, 1, "follow-unit1");
    Map<String, Object> unfinished = unit("县水利局党组", UnitKind.DEPARTMENT, 1, "follow-unit2");
    ProcessInstance earlier = enterAndApprove("十五届县委第九轮巡察", teams(1), List.of(audited, unfinished));
    prepare(earlier, 1);
    ProcessInstance earlierUnit = steps.unit(earlier, "follow-unit1");
    inspectAndFeedBack(earlierUnit, 1, "follow-unit1", "县统计局党组");
    steps.fileRectificationPlan(earlierUnit, "follow-unit1", "2022-08-31");

    ProcedureSteps.at("2022-09-01T09:00");
    ProcessInstance refused = startRound();
    Map<String, Object> nothingNamed = unit("县统计局党组", UnitKind.DEPARTMENT, 1, "follow-unit1");
    Map<String, Object> noLedger = unit("县水利局党组", UnitKind.DEPARTMENT, 1, "follow-unit2");
    noLedger.put("followUpRound", "十五届县委第九轮巡察");
    noLedger.put("followUpUnit", "县水利局党组");
    Map<String, Object> regular = unit("县统计局党组", UnitKind.DEPARTMENT, 1, "follow-unit3");
    regular.put("inspectionKind", "REGULAR");
    regular.put("followUpRound", "十五届县委第九轮巡察");
    regular.put("followUpUnit", "县统计局党组");
    assertThat(submit(refused, "十五届县委第十轮巡察（回头看）", RoundKind.FOLLOW_UP, teams(1), List.of(nothingNamed, noLedger, regular)).body())
        .contains("县统计局党组：巡察“回头看”须填写原巡察轮次和原被巡察党组织（其整改情况将被核查）",
            "县水利局党组：「十五届县委第九轮巡察」中的「县水利局党组」没有整改台账，无法开展巡察“回头看”",
            "县统计局党组：只有巡察“回头看”的单位填写原巡察轮次和原被巡察党组织");

    Map<String, Object> followUp = unit("县统计局党组", UnitKind.DEPARTMENT, 1, "follow-unit1");
    followUp.put("followUpRound", "十五届县委第九轮巡察");
    followUp.put("followUpUnit", "县统计局党组");
    ProcessInstance later = startRound();
    submitPlan(later, "十五届县委第十轮巡察（回头看）", RoundKind.FOLLOW_UP, teams(1), List.of(followUp));
    assertThat((String) engine.getTaskService().getVariable(steps.plan().task(later, "Task_ReviewRoundPlan").getId(), RoundVariables.PLAN_SUMMARY))
        .contains("县委第 3 轮，回头看）", "县直部门（单位）党组（党组织），回头看「十五届县委第九轮巡察」中的「县统计局党组」");
    review(later, "leader1", "Task_ReviewRoundPlan");
    review(later, "committee1", "Task_ApproveRoundPlan");
    assertThat(units.plan(later.getBusinessKey()).units().get(0).followUp())
        .isEqualTo(new RoundPlan.FollowUp("十五届县委第九轮巡察", "县统计局党组"));
    ProcedureSteps.at("2022-04-01T09:00");
    prepare(later, 1);
    ProcessInstance unit = steps.unit(later, "follow-unit1");
    steps.analyseForTeam(unit, 1);
    steps.draftTeamPlan(unit, 1, Map.of("initialVillages", List.of()));
    steps.fileTeamPlan(unit, "approve", null);
    onSite(unit, 1, "follow-unit1");
    ProcessInstance stay = stay(unit);
    assertThat(stay).isWaitingAt("Task_RecordWorkingPaper", "Task_ReportMajorProblem", "Task_VerifyEarlierRectification");
    org.camunda.bpm.engine.task.Task verify = steps.task(unit, "Task_VerifyEarlierRectification", "team1");
    List<JsonNode> items = new ArrayList<>();
    read(engine.getTaskService().getVariable(verify.getId(), "items").toString()).forEach(items::add);
    assertThat(items).singleElement().satisfies(item -> assertThat(item.path("problem").asText()).isEqualTo("三重一大事项未经集体研究"));

    ObjectNode item = (ObjectNode) items.get(0);
    item.put("result", "MOSTLY");
    assertThatThrownBy(() -> steps.complete("team1-leader", unit, "Task_VerifyEarlierRectification", null, Map.of("items", write(items))))
        .hasMessageContaining("原整改事项第 1 项：核查结果为“基本到位”，请说明情况");
    item.put("note", "集体决策台账已建立，个别事项仍未上会");
    steps.complete("team1-leader", unit, "Task_VerifyEarlierRectification", null, Map.of("items", write(items)));
    assertThat(stay).hasPassed("EndEvent_EarlierRectificationVerified");
    assertThat(document(earlier, "follow-unit1", "rectification"))
        .contains("十五届县委第十轮巡察（回头看）：基本到位（集体决策台账已建立，个别事项仍未上会）");

    feedBackAfterTheStay(unit, 1, "follow-unit1", "县统计局党组");
    assertThat(document(later, "follow-unit1", "report")).contains("关于对县统计局党组开展巡察“回头看”情况的报告", "回头看：原整改事项核查情况",
        "基本到位（集体决策台账已建立，个别事项仍未上会）");
    assertThat(document(later, "follow-unit1", "feedback")).contains("关于对县统计局党组开展巡察“回头看”的反馈意见",
        "核查 1 项，整改到位 0 项，基本到位 1 项，未到位 0 项", "（基本到位）三重一大事项未经集体研究：集体决策台账已建立");
  }

  private ProcessInstance stay(ProcessInstance unit) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(unit.getId())
        .processDefinitionKey("step-06-on-site").singleResult();
  }

  /** The due time of the timer of {@code activityId} in {@code instance}, in Beijing time. */
  private String timerDue(ProcessInstance instance, String activityId) {
    return beijing(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult().getDuedate());
  }

  private static String dueDate(org.camunda.bpm.engine.task.Task task) {
    return beijing(task.getDueDate());
  }

  private static String beijing(java.util.Date date) {
    return date.toInstant().atZone(ProcedureSteps.BEIJING).toLocalDateTime().toString();
  }

  @Test
  void thePlanFormOffersTeamsAndUnitAccountsByName() {
    ProcessInstance round = startRound();
    String taskId = steps.plan().task(round, "Task_DraftRoundPlan").getId();
    String teams = engine.getTaskService().getVariable(taskId, RoundVariables.TEAM_OPTIONS).toString();
    String accounts = engine.getTaskService().getVariable(taskId, RoundVariables.UNIT_GROUP_OPTIONS).toString();

    assertThat(read(teams).findValuesAsText("label")).startsWith("第一巡察组", "第二巡察组");
    assertThat(read(teams).get(0).get("value").asText()).isEqualTo("1");
    assertThat(read(accounts)).anySatisfy(option -> {
      assertThat(option.get("label").asText()).isEqualTo("赵村镇党委（unit1）");
      assertThat(option.get("value").asText()).isEqualTo("unit1");
    });
    assertThat(read(accounts).findValuesAsText("value")).doesNotContain("team1", "dept-discipline", "office", "leading-group", "committee", "camunda-admin");
  }

  /** Analysis, team plan, announcement, stay with one confirmed problem, report and feedback, on the sample's 2022 dates. */
  private void inspectAndFeedBack(ProcessInstance unit, int team, String unitGroup, String unitName) {
    steps.analyseForTeam(unit, team);
    steps.draftTeamPlan(unit, team, Map.of("initialVillages", List.of()));
    steps.fileTeamPlan(unit, "approve", null);
    onSite(unit, team, unitGroup);
    assertThat(mobileVillageSteps(unit)).isZero();
    feedBackAfterTheStay(unit, team, unitGroup, unitName);
  }

  /** From the stay under way: one confirmed problem, withdrawal, report and feedback, on the sample's 2022 dates. */
  private void feedBackAfterTheStay(ProcessInstance unit, int team, String unitGroup, String unitName) {
    ProcedureSteps.at("2022-04-25T10:00");
    steps.complete("team" + team + "-leader", unit, "Task_RecordWorkingPaper", null, Map.of(
        "place", unitName, "category", "work", "fact", "三重一大事项未经集体研究", "evidence", "党组会议记录", "source", "documents"));
    steps.complete("team" + team + "-leader", unit, "Task_ConfirmWorkingPaper", null, ProcedureSteps.APPROVE);
    ProcedureSteps.at("2022-06-11T00:00");
    steps.fireDueTimers(unit);
    ProcedureSteps.at("2022-06-20T09:00");
    steps.draftReport(unit, team, Map.of());
    assertThat((String) engine.getTaskService().getVariable(steps.task(unit, "Task_ConsultReport", null).getId(), "report"))
        .as("the reviewers' report of a unit without villages has no village lists")
        .contains("### 共性问题清单").doesNotContain("各村（社区）问题清单");
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
    steps.complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-06-27", "decisions", "同意报告，督促整改"));
    ProcedureSteps.at("2022-06-29T09:00");
    steps.giveFeedback(unit, team, "2022-06-29");
    steps.confirmFeedback(unit, unitGroup, "2022-06-29");
    assertThat(unit).isWaitingAt("CallActivity_Rectification");
    assertThat(steps.task(unit, "Task_FileRectificationPlan", unitGroup)).isNotNull();
  }

  /** Announced, acknowledged by the unit's own account, entered and the entry meeting recorded. */
  private void onSite(ProcessInstance unit, int team, String unitGroup) {
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(unit, Map.of());
    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(unit, unitGroup);
    ProcedureSteps.at("2022-04-21T08:00");
    steps.fireDueTimers(unit);
    steps.recordEntryMeeting(unit, team);
  }

  private long mobileVillageSteps(ProcessInstance unit) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("step-06-mobile-villages")
        .processInstanceBusinessKey(unit.getBusinessKey()).count();
  }

  private List<String> inspectedVillages(ProcessInstance round, String unitGroup) {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            where i.unit_id = ? and i.kind = 'NAMED' order by v.position""")
        .param(units.unitIdOf(round.getBusinessKey(), unitGroup)).query(String.class).list();
  }

  /** Steps 2 and 3 of the round: training, each team's party branch, the inquiry answered and analysed. */
  private void prepare(ProcessInstance round, int teams) {
    steps.recordTraining(round, Map.of());
    for (int team = 1; team <= teams; team++) {
      List<String> people = team(team).people();
      steps.complete("team" + team + "-leader", round, "Task_RecordPartyBranch", "team" + team, Map.of(
          "foundedOn", "2022-04-13", "secretary", people.get(0), "deputySecretary", people.get(1),
          "organisationMember", people.get(2), "disciplineMember", people.get(3)));
    }
    steps.answerInquiry(round, "dept-discipline");
    steps.analyseInquiries(round);
  }

  private ProcessInstance enterAndApprove(String name, List<Map<String, Object>> teams, List<Map<String, Object>> units) {
    return enterAndApprove(name, RoundKind.REGULAR, teams, units);
  }

  private ProcessInstance enterAndApprove(String name, RoundKind kind, List<Map<String, Object>> teams, List<Map<String, Object>> units) {
    ProcessInstance round = startRound();
    submitPlan(round, name, kind, teams, units);
    review(round, "leader1", "Task_ReviewRoundPlan");
    review(round, "committee1", "Task_ApproveRoundPlan");
    return round;
  }

  private ProcessInstance startRound() {
    Answer started = rest.post("office1", "/engine-rest/process-definition/key/inspection-round/submit-form",
        "{\"variables\":{\"preset\":{\"value\":\"blank\"}}}");
    assertThat(started.ok()).as(started.body()).isTrue();
    String id = read(started.body()).get("id").asText();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  /** The office types the plan into 编制巡察工作方案 and submits it over REST; the accounts of the units exist, as Admin would have them. */
  private void submitPlan(ProcessInstance round, String name, List<Map<String, Object>> teams, List<Map<String, Object>> units) {
    submitPlan(round, name, RoundKind.REGULAR, teams, units);
  }

  private void submitPlan(ProcessInstance round, String name, RoundKind kind, List<Map<String, Object>> teams,
      List<Map<String, Object>> units) {
    Answer done = submit(round, name, kind, teams, units);
    assertThat(done.ok()).as("plan refused: " + done.body()).isTrue();
  }

  /** The office's submission of the plan, answered as REST answers it. */
  private Answer submit(ProcessInstance round, String name, RoundKind kind, List<Map<String, Object>> teams, List<Map<String, Object>> units) {
    units.forEach(unit -> {
      String group = (String) unit.get("groupId");
      identity.ensureGroup(group, (String) unit.get("name"), Roles.WORKFLOW);
      identity.ensureUser(group, "联络员", (String) unit.get("name"), "demo");
      identity.ensureMembership(group, group);
    });
    // What a first sign-in of each new group's member would grant (RoleAuthorizations)
    roleAuthorizations.grantAll();
    ObjectNode variables = JSON.createObjectNode();
    variables.putObject(RoundPlanForm.NAME).put("value", name);
    variables.putObject(RoundPlanForm.TERM).put("value", "十五届");
    variables.putObject(RoundPlanForm.ROUND_NO).put("value", 3).put("type", "Integer");
    variables.putObject(RoundPlanForm.ROUND_KIND).put("value", kind.name());
    variables.putObject(RoundPlanForm.ENTRY_DATE).put("value", "2022-04-21");
    variables.putObject(RoundPlanForm.WITHDRAWAL_DATE).put("value", "2022-06-10");
    variables.putObject(RoundPlanForm.PLAN_FILING_DATE).put("value", "2022-04-22");
    variables.putObject(RoundPlanForm.TEAMS).put("value", write(teams)).put("type", "Json");
    variables.putObject(RoundPlanForm.UNITS).put("value", write(units)).put("type", "Json");
    variables.putObject(RoundPlanForm.DEPARTMENTS).put("value", write(List.of("dept-discipline"))).put("type", "Json");
    return claimAndSubmit("office1", round, "Task_DraftRoundPlan", variables);
  }

  private void review(ProcessInstance round, String user, String taskKey) {
    ObjectNode variables = JSON.createObjectNode();
    variables.putObject(ReviewTask.OUTCOME).put("value", "approve");
    Answer done = claimAndSubmit(user, round, taskKey, variables);
    assertThat(done.ok()).as(taskKey + ": " + done.body()).isTrue();
  }

  private Answer claimAndSubmit(String user, ProcessInstance round, String taskKey, ObjectNode variables) {
    Answer tasks = rest.get(user, "/engine-rest/task?processInstanceBusinessKey="
        + URLEncoder.encode(round.getBusinessKey(), StandardCharsets.UTF_8) + "&taskDefinitionKey=" + taskKey + "&firstResult=0&maxResults=1");
    assertThat(tasks.ok()).as(tasks.body()).isTrue();
    String taskId = read(tasks.body()).get(0).get("id").asText();
    Answer claimed = rest.post(user, "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + user + "\"}");
    assertThat(claimed.ok()).as(claimed.body()).isTrue();
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return rest.post(user, "/engine-rest/task/" + taskId + "/submit-form", body.toString());
  }

  private String document(ProcessInstance round, String unitGroup, String kind) {
    Answer page = rest.get("office1", "/documents/" + URLEncoder.encode(round.getBusinessKey(), StandardCharsets.UTF_8)
        + "/" + unitGroup + "/" + kind);
    assertThat(page.ok()).as(page.body()).isTrue();
    return page.body().replaceAll("<[^>]+>", "");
  }

  /** The sample's seven teams, and an eighth led by a pool entry the test adds. */
  private static Team team(int teamNo) {
    return teamNo <= 7 ? SampleRound.plan().teams().get(teamNo - 1)
        : new Team(8, "第八巡察组", "team8-leader", List.of(), List.of("team8-member1", "team8-member2", "team8-member3"), null, List.of());
  }

  private static List<Map<String, Object>> teams(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(CountyRoundsTest::team).map(team -> {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("teamNo", team.teamNo());
      fields.put("name", team.name());
      fields.put("leader", team.leader());
      fields.put("deputies", team.deputies());
      fields.put("members", team.members());
      fields.put("liaison", team.liaison());
      return fields;
    }).toList();
  }

  /** A unit row as the plan form submits it: a kind without villages sends no village fields at all. */
  private static Map<String, Object> unit(String name, UnitKind kind, int teamNo, String groupId) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    fields.put("kind", kind.name());
    fields.put("teamNo", teamNo);
    fields.put("groupId", groupId);
    return fields;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String body) {
    try {
      return JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

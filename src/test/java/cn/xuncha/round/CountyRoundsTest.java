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
      pool.save(new Inspector(account, name, "县委办", leads ? "副主任" : "科员", leads ? "正科级" : "科员", null, List.of(), leads, true, null,
          List.of(), List.of()), List.of(), "office1");
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
    ProcessInstance round = startRound();
    submitPlan(round, name, teams, units);
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
    variables.putObject(RoundPlanForm.ENTRY_DATE).put("value", "2022-04-21");
    variables.putObject(RoundPlanForm.WITHDRAWAL_DATE).put("value", "2022-06-10");
    variables.putObject(RoundPlanForm.PLAN_FILING_DATE).put("value", "2022-04-22");
    variables.putObject(RoundPlanForm.TEAMS).put("value", write(teams)).put("type", "Json");
    variables.putObject(RoundPlanForm.UNITS).put("value", write(units)).put("type", "Json");
    variables.putObject(RoundPlanForm.DEPARTMENTS).put("value", write(List.of("dept-discipline"))).put("type", "Json");
    Answer done = claimAndSubmit("office1", round, "Task_DraftRoundPlan", variables);
    assertThat(done.ok()).as("plan refused: " + done.body()).isTrue();
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

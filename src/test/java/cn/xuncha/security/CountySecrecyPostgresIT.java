package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.round.RoundPlanSteps;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two counties on one installation, on PostgreSQL (issue 16 item 2): the home county's demo round and
 * a round of 石城县 ({@value #B}). County A's office and a team leader of A read nothing of county B —
 * no task, instance, history, variable or job under any prefix the engine is served at, and no
 * overview row, document, ledger, register, team or pool entry in the application's pages — while the
 * city office (member of both counties' tenants, group {@code office} like the county offices) reads
 * both, and B's office B only. The round groups are shared ids ({@code office}, {@code unit1}, …): the
 * tenant check, not the group, tells the counties apart. A round started by B's office carries B's
 * tenant, and so do its called instances, deadline watches, timers, history and read-model rows.
 */
class CountySecrecyPostgresIT {

  private static final String A = "county";
  private static final String B = "shicheng";
  private static final String B_OFFICE = "shicheng-office1";
  private static final String B_MEMBER = "shicheng-member1";
  /** The round start form's field choosing the plan to begin with (RoundVariables.PRESET). */
  private static final String PRESET = "preset";
  private static final String CITY = "city-office";
  private static final List<String> A_USERS = List.of("office1", "team1-leader");

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void countiesSeeOnlyTheirOwnRoundsWhileTheCityOfficeSeesBoth() throws Exception {
    try (ConfigurableApplicationContext app = PostgresDatabase.application(PostgresDatabase.create("county_secrecy_it"),
        "--camunda.bpm.process-engine-name=county-secrecy-it", "--XUNCHA_SECURE_COOKIES=false")) { // plain http: the session cookie must not be Secure
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      secondCountyAndCityOffice(engine.getIdentityService());

      ProcedureSteps steps = new ProcedureSteps(engine);
      ProcedureSteps.at("2022-04-01T09:00");
      ProcessInstance roundA = steps.approvedRound();
      steps.prepare(roundA);

      ProcessInstance started = new RoundPlanSteps(engine).as(B_OFFICE, () -> engine.getFormService().submitStartForm(
          engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("inspection-round").latestVersion().singleResult().getId(),
          Map.of(PRESET, "blank")));
      assertThat(started.getTenantId()).as("a round started by B's office is B's").isEqualTo(B);
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(started.getBusinessKey()).singleResult().getTenantId()).isEqualTo(B);

      ProcessInstance roundB = new RoundPlanSteps(engine).atUnitsStep(Instant.parse("2022-04-01T01:00:00Z"), B);
      String keyB = roundB.getBusinessKey();
      // B's sample plan names A's demo inspectors, who do not see B: the analysis is recorded on the application's
      // authority, and unit1 moves on to its team plan, whose filing deadline is watched (a deadline-watch instance and its timer).
      Task analysisB = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(steps.unit(roundB, "unit1").getBusinessKey())
          .taskDefinitionKey("Task_RecordTeamAnalysis").singleResult();
      engine.getFormService().submitTaskForm(analysisB.getId(), Map.of("talks", "与乡党委书记单独沟通", "keyPersons", "村党支部书记",
          "keyMatters", "村集体资产处置", "keyProblems", "三资管理不规范"));
      String keyA = roundA.getBusinessKey();
      jdbc.sql("""
              insert into xc_inspector (account, name, unit, post, rank_title, specialities, may_lead, available, updated_by, updated_at, county)
              values (?, '石城县巡察干部', '石城县委组织部', '干部', '科员', '', false, true, 'admin', current_timestamp, ?)""")
          .params(B_MEMBER, B).update();

      List<HistoricProcessInstance> instancesB = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyLike(keyB + "%").list();
      assertThat(carriesTenantThroughout(engine, jdbc, instancesB, keyB, B)).as("B's deadline timers").isNotEmpty();
      carriesTenantThroughout(engine, jdbc, engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceBusinessKeyLike(keyA + "%").list(), keyA, A);

      List<String> idsB = instancesB.stream().map(HistoricProcessInstance::getId).toList();
      String unitB = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(roundB.getId()).list().get(0).getId();
      Task taskB = engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(keyB + "%").list().get(0);
      Probes probes = new Probes(roundB.getId(), unitB, taskB.getId(), engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("unit-inspection").latestVersion().singleResult().getId());

      RestCaller basic = new RestCaller("http://localhost:" + port);
      for (String user : A_USERS) {
        WebSession session = WebSession.signedIn(port, user);
        for (String prefix : WebSession.ENGINE_PREFIXES) {
          for (String list : probes.lists()) {
            assertThat(session.get(prefix + list).body()).as(user + " " + prefix + list).doesNotContain(keyB).satisfies(body ->
                idsB.forEach(id -> assertThat(body).as(user + " " + prefix + list + " names B's instance").doesNotContain(id)));
          }
          for (String byId : probes.byId()) {
            assertThat(session.get(prefix + byId).statusCode()).as(user + " " + prefix + byId).isNotEqualTo(200);
          }
        }
        for (String list : probes.lists()) {
          assertThat(basic.get(user, "/engine-rest" + list).body()).as(user + " basic " + list).doesNotContain(keyB);
        }
        assertThat(session.get(probes.cockpit()).body()).as(user + " Cockpit").doesNotContain(unitB);
        for (String page : List.of("/overview?term=", "/registers", "/teams", "/people", "/people/appraisals")) {
          assertThat(session.get(page).body()).as(user + " " + page).doesNotContain(keyB).doesNotContain(B_MEMBER);
        }
        for (String page : List.of("/overview/" + keyB + "/unit1", "/documents/" + keyB + "/ledger", "/ledger/clues/" + keyB,
            "/registers/" + keyB + "/unit1", "/documents/" + keyB + "/unit1/notice", "/teams/" + keyB, "/people/" + B_MEMBER)) {
          assertThat(session.get(page).statusCode()).as(user + " " + page).isIn(403, 404);
        }
      }

      WebSession city = WebSession.signedIn(port, CITY);
      List<String> idsA = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(keyA + "%").list()
          .stream().map(HistoricProcessInstance::getId).toList();
      for (String prefix : WebSession.ENGINE_PREFIXES) {
        for (String list : List.of("/process-instance?maxResults=2000", "/history/process-instance?maxResults=2000")) {
          assertThat(city.get(prefix + list).body()).as("city " + prefix + list).contains(keyA, keyB);
        }
        String tasks = city.get(prefix + "/task?maxResults=2000").body();
        assertThat(idsB.stream().anyMatch(tasks::contains)).as("city " + prefix + " tasks of B").isTrue();
        assertThat(idsA.stream().anyMatch(tasks::contains)).as("city " + prefix + " tasks of A").isTrue();
        String jobs = city.get(prefix + "/job?maxResults=2000").body();
        assertThat(idsB.stream().anyMatch(jobs::contains)).as("city " + prefix + " B's timers").isTrue();
        assertThat(city.get(prefix + probes.lists().get(5)).body()).as("city reads B's variables").contains(keyB);
        for (String byId : probes.byId()) {
          assertThat(city.get(prefix + byId).statusCode()).as("city " + prefix + byId).isEqualTo(200);
        }
      }
      assertThat(city.get(probes.cockpit()).body()).as("city Cockpit").contains(unitB);
      assertThat(city.get("/overview?term=").body()).contains(keyA, keyB, "石城县")
          .as("no lists of every county's rounds, teams and units").doesNotContain("<select name=\"round\">").contains("选择一个县后")
          .as("each round headed by its county: every county names its rounds alike").contains("<h2>石城县　", "<h2>本县　");
      assertThat(city.get("/overview?term=&county=" + B).body()).contains(keyB).doesNotContain(keyA)
          .contains("<select name=\"round\">", "<select name=\"team\">", "<select name=\"unit\">").doesNotContain("选择一个县后", "<h2>石城县　");
      assertThat(city.get("/registers").body()).contains(keyA, keyB);
      assertThat(city.get("/people").body()).contains(B_MEMBER, "team1-leader");
      for (String page : List.of("/overview/" + keyB + "/unit1", "/documents/" + keyB + "/ledger", "/ledger/clues/" + keyB, "/teams/" + keyB)) {
        assertThat(city.get(page).statusCode()).as("city " + page).isEqualTo(200);
      }

      WebSession officeB = WebSession.signedIn(port, B_OFFICE);
      assertThat(officeB.get("/engine-rest/process-instance?maxResults=2000").body()).contains(unitB).doesNotContain(roundA.getId());
      HttpResponse<String> overviewB = officeB.get("/overview?term=&county=" + A);
      assertThat(overviewB.body()).as("a county user asking for another county sees their own").contains(keyB).doesNotContain(keyA)
          .doesNotContain("全部县");
      assertThat(officeB.get("/people").body()).contains(B_MEMBER).doesNotContain("team1-leader");

      // Each county has its own terms: B's round is of 十六届, A's of 十五届.
      jdbc.sql("update xc_round set term = '十六届', status = 'APPROVED', approved_at = current_timestamp where business_key = ?").param(keyB).update();
      assertThat(city.get("/overview").body()).as("several counties: every county's rounds, none's term imposed").contains(keyA, keyB);
      assertThat(city.get("/overview?county=" + A + "&term=十六届").body())
          .as("B's term left in the form when the county changed to A: A's current term instead").contains(keyA).doesNotContain(keyB);
      String roundNameA = jdbc.sql("select name from xc_round where business_key = ?").param(keyA).query(String.class).single();
      assertThat(city.get("/overview?term=&round=" + URLEncoder.encode(roundNameA, StandardCharsets.UTF_8)).body())
          .as("a round name is not applied while it cannot be shown (no county chosen)").contains(keyA, keyB);

      engine.getIdentityService().deleteTenant(B);
      WebSession office = WebSession.signedIn(port, "office1");
      assertThat(office.get("/overview?term=").body()).as("B's tenant deleted: office1 sees every county left, not B's rows")
          .contains(keyA).doesNotContain(keyB);
    }
  }

  /** The REST look-ups a county must not see of another: lists, B's instances and task by id, Cockpit's instance list. */
  private record Probes(String roundB, String unitB, String taskB, String unitDefinition) {

    /** Cockpit's own query of a definition's instances (its internal API, not the engine's REST). */
    String cockpit() {
      return "/camunda/api/cockpit/plugin/base/default/process-instance?processDefinitionId=" + unitDefinition + "&maxResults=2000";
    }

    List<String> lists() {
      return List.of("/task?maxResults=2000", "/process-instance?maxResults=2000", "/history/process-instance?maxResults=2000",
          "/history/task?maxResults=2000", "/job?maxResults=2000",
          "/history/variable-instance?processInstanceIdIn=" + roundB + "," + unitB + "&maxResults=2000",
          "/variable-instance?processInstanceIdIn=" + roundB + "," + unitB + "&maxResults=2000",
          "/history/activity-instance?processInstanceId=" + unitB + "&maxResults=2000",
          "/history/detail?processInstanceId=" + unitB + "&maxResults=2000",
          "/execution?processInstanceId=" + unitB + "&maxResults=2000");
    }

    List<String> byId() {
      return List.of("/process-instance/" + unitB, "/process-instance/" + unitB + "/variables", "/history/process-instance/" + unitB,
          "/task/" + taskB, "/task/" + taskB + "/variables");
    }
  }

  /**
   * Every instance of the round (round, called units and steps, deadline watches), their jobs, history and
   * read-model rows carry {@code county}; returns the jobs.
   */
  private static List<Job> carriesTenantThroughout(ProcessEngine engine, JdbcClient jdbc, List<HistoricProcessInstance> instances,
      String roundKey, String county) {
    HistoryService history = engine.getHistoryService();
    assertThat(instances).hasSizeGreaterThan(10);
    List<Job> jobs = new ArrayList<>();
    assertThat(instances).extracting(HistoricProcessInstance::getTenantId).containsOnly(county);
    assertThat(instances).extracting(HistoricProcessInstance::getProcessDefinitionKey).contains("unit-inspection", "deadline-watch");
    String[] ids = instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new);
    for (String id : ids) {
      jobs.addAll(engine.getManagementService().createJobQuery().processInstanceId(id).list());
    }
    assertThat(jobs).as("timers of the round").allSatisfy(job -> assertThat(job.getTenantId()).isEqualTo(county));
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKeyLike(roundKey + "%").list())
        .isNotEmpty().allSatisfy(task -> assertThat(task.getTenantId()).isEqualTo(county));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids).listPage(0, 2000))
        .isNotEmpty().allSatisfy(variable -> assertThat(variable.getTenantId()).isEqualTo(county));
    assertThat(jdbc.sql("select distinct county from xc_running_instance where round_key = ?").param(roundKey).query(String.class).list())
        .containsExactly(county);
    assertThat(jdbc.sql("select county from xc_round where business_key = ?").param(roundKey).query(String.class).single()).isEqualTo(county);
    return jobs;
  }

  /** 石城县 with its office and one inspector, and the city office, member of both counties; all with the password "demo". */
  private static void secondCountyAndCityOffice(IdentityService identity) {
    Tenant tenant = identity.newTenant(B);
    tenant.setName("石城县");
    identity.saveTenant(tenant);
    for (String account : List.of(B_OFFICE, B_MEMBER, CITY)) {
      User user = identity.newUser(account);
      user.setPassword("demo");
      user.setFirstName(account);
      identity.saveUser(user);
    }
    identity.createMembership(B_OFFICE, Roles.OFFICE);
    identity.createMembership(CITY, Roles.OFFICE);
    identity.createTenantUserMembership(B, B_OFFICE);
    identity.createTenantUserMembership(B, B_MEMBER);
    identity.createTenantUserMembership(B, CITY);
    identity.createTenantUserMembership(A, CITY);
  }
}

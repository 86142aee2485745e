package cn.xuncha.county;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.migration.ProcessVersions;
import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.round.RoundPlanImport;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.security.Roles;
import cn.xuncha.security.WebSession;
import cn.xuncha.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counties as Camunda tenants on H2 ({@link Counties}, {@link CountyTenants}): the single-county
 * installation needs no membership at all, a second county's user starts and sees their own county's
 * instances only, and a city user names the county of what they start. The two-county secrecy of
 * every page and REST prefix is {@code CountySecrecyPostgresIT}.
 */
@XunchaSpringTest
class CountiesTest {

  private static final String OTHER = "counties-test-b";
  private static final String OTHER_OFFICE = "counties-test-b-office";
  /** The round start form's field choosing the plan to begin with (RoundVariables.PRESET). */
  private static final String PRESET = "preset";
  private static final String CITY = "counties-test-city";

  @Autowired
  ProcessEngine engine;
  @Autowired
  Counties counties;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RoundPlanImport imports;
  @Autowired
  ProcessVersions versions;
  @LocalServerPort
  int port;
  @Autowired
  InspectorPoolService pool;

  /** The context is shared: other tests run in a single-county installation. */
  @AfterEach
  void removeSecondCounty() {
    IdentityService identity = engine.getIdentityService();
    identity.deleteTenant(OTHER);
    List.of(OTHER_OFFICE, CITY).forEach(identity::deleteUser);
    for (String table : List.of("xc_inspector_change", "xc_inspector_post", "xc_inspector_conflict", "xc_inspector")) {
      jdbc.sql("delete from " + table + " where account = ?").param(OTHER_OFFICE).update();
    }
  }

  @BeforeEach
  void secondCounty() {
    IdentityService identity = engine.getIdentityService();
    Tenant tenant = identity.newTenant(OTHER);
    tenant.setName("乙县");
    identity.saveTenant(tenant);
    for (String user : List.of(OTHER_OFFICE, CITY)) {
      identity.saveUser(identity.newUser(user));
      identity.createMembership(user, Roles.OFFICE);
      identity.createTenantUserMembership(OTHER, user);
    }
    identity.createTenantUserMembership(counties.home(), CITY);
  }

  /**
   * An account in no county belongs to the home county: deleting a county with its accounts in it would hand
   * them the home county's work, so an administrator's deletion is refused, under every prefix of the engine's REST API and
   * through the Java API alike.
   */
  @Test
  void whatARequestReadsOnceIsKeptApartWhateverTheAccountIsCalled() {
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    // "names" and "visible" are valid account ids: neither may meet the key of the request's county names
    SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("names", null, List.of()));
    try {
      assertThat(counties.visible()).containsExactly(counties.home());
      assertThat(counties.names()).containsKeys(counties.home(), OTHER);
      assertThat(counties.seesEvery()).isFalse();
      assertThat(counties.visible()).as("read again from the request").containsExactly(counties.home());
    } finally {
      SecurityContextHolder.clearContext();
      RequestContextHolder.resetRequestAttributes();
    }
  }

  @Test
  void aCountyIsNotDeletedWhileItHasMembers() throws Exception {
    IdentityService identity = engine.getIdentityService();
    WebSession admin = WebSession.signedIn(port, "admin");
    RestCaller basic = new RestCaller("http://localhost:" + port);
    for (String prefix : WebSession.ENGINE_PREFIXES) {
      // the REST API's own prefixes take HTTP Basic; the webapps' takes their session and XSRF token
      RestCaller.Answer refused = prefix.startsWith("/engine-rest") ? basic.delete("admin", prefix + "/tenant/" + OTHER) : answer(
          admin.webapp("DELETE", prefix + "/tenant/" + OTHER, "application/json", null));
      assertThat(refused.status()).as(prefix).isEqualTo(400);
      assertThat(refused.body()).as(prefix).contains("还有成员", OTHER_OFFICE, "移出该县");
    }
    identity.setAuthentication("admin", List.of(Roles.ADMIN));
    try {
      assertThatThrownBy(() -> identity.deleteTenant(OTHER)).isInstanceOf(InvalidInputException.class).hasMessageContaining(CITY);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(identity.createTenantQuery().tenantId(OTHER).count()).isOne();
    assertThat(counties.visibleTo(OTHER_OFFICE)).containsExactly(OTHER);

    List.of(OTHER_OFFICE, CITY).forEach(user -> identity.deleteTenantUserMembership(OTHER, user));
    assertThat(basic.delete("admin", "/engine-rest/tenant/" + OTHER).status())
        .as("without members the county goes").isEqualTo(204);
    identity.saveTenant(identity.newTenant(OTHER)); // for removeSecondCounty
  }

  private static RestCaller.Answer answer(HttpResponse<String> response) {
    return new RestCaller.Answer(response.statusCode(), response.body());
  }

  @Test
  void theSingleCountyInstallationNeedsNoMembership() {
    assertThat(engine.getIdentityService().createTenantQuery().tenantId("county").singleResult().getName()).isEqualTo("本县");
    assertThat(counties.visibleTo("office1")).containsExactly("county");
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = new ProcedureSteps(engine).approvedRound();
    assertThat(round.getTenantId()).isEqualTo("county");
    assertThat(jdbc.sql("select county from xc_round where business_key = ?").param(round.getBusinessKey()).query(String.class).single())
        .isEqualTo("county");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "%").list())
        .hasSizeGreaterThan(1).allSatisfy(instance -> assertThat(instance.getTenantId()).isEqualTo("county"));
    assertThat(new RoundPlanSteps(engine).as("office1", () ->
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(round.getId()).count())).isOne();
  }

  @Test
  void anotherCountysRoundIsItsOwnAndHiddenFromTheHomeCounty() {
    RoundPlanSteps as = new RoundPlanSteps(engine);
    ProcessInstance round = as.as(OTHER_OFFICE, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank")));
    assertThat(round.getTenantId()).isEqualTo(OTHER);
    assertThat(as.as("office1", () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(round.getId()).count()
        + engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).count()))
        .as("the home county's office, with its global READ grants, sees nothing of another county").isZero();
    assertThat(as.as(OTHER_OFFICE, () -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).count())).isOne();
    assertThat(as.as(CITY, () -> engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).count())).isOne();
  }

  @Test
  void aCityUserNamesTheCountyOfWhatTheyStart() {
    RoundPlanSteps as = new RoundPlanSteps(engine);
    assertThatThrownBy(() -> as.as(CITY, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("county").hasMessageContaining("乙县（" + OTHER + "）")
        .hasMessageContaining("本县（county）");
    ProcessInstance named = as.as(CITY, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank", CountyTenants.COUNTY, OTHER)));
    assertThat(named.getTenantId()).isEqualTo(OTHER);
    assertThatThrownBy(() -> as.as(OTHER_OFFICE, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank", CountyTenants.COUNTY, "county"))
        .getTenantId()))
        .as("a county user cannot start work in a county they do not see").isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("您所属的县：乙县（" + OTHER + "）");
  }

  @Test
  void anotherCountysTaskOrInstanceIsAsMissingOverRestAsOneThatDoesNotExist() {
    ProcessInstance round = new RoundPlanSteps(engine).as(OTHER_OFFICE, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank")));
    String task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).singleResult().getId();
    RestCaller rest = new RestCaller("http://localhost:" + port);
    for (String path : List.of("/engine-rest/task/%s/variables", "/engine-rest/task/%s/form-variables", "/engine-rest/task/%s/identity-links")) {
      RestCaller.Answer missing = rest.get("office1", path.formatted("no-such-task"));
      assertThat(rest.get("office1", path.formatted(task))).as(path).isEqualTo(missing)
          .satisfies(answer -> assertThat(answer.status()).isEqualTo(404));
    }
    assertThat(rest.post("office1", "/engine-rest/task/" + task + "/complete", "{}"))
        .isEqualTo(rest.post("office1", "/engine-rest/task/no-such-task/complete", "{}"))
        .satisfies(answer -> assertThat(answer.status()).isEqualTo(404));
    RestCaller.Answer instance = rest.get("office1", "/engine-rest/process-instance/" + round.getId() + "/activity-instances");
    assertThat(instance.status()).isEqualTo(404);
    assertThat(instance.body()).contains("您要找的内容不存在或已被删除");
    assertThat(engine.getTaskService().createTaskQuery().taskId(task).count()).as("the task is still open").isOne();
  }

  @Test
  void theMigrationPageCountsOnlyTheInstancesOfTheOfficesCounty() {
    List<String> office = List.of(Roles.OFFICE);
    long before = running(versions.processes("office1", office));
    long allBefore = running(versions.processes("admin", List.of(Roles.ADMIN)));
    new RoundPlanSteps(engine).as(OTHER_OFFICE, () -> engine.getRuntimeService().startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank")));
    assertThat(running(versions.processes("admin", List.of(Roles.ADMIN)))).as("the administrators see every county's").isEqualTo(allBefore + 1);
    assertThat(running(versions.processes("office1", office))).as("the home county's office does not count another county's").isEqualTo(before);
  }

  private static long running(List<ProcessVersions.Process> processes) {
    return processes.stream().filter(process -> process.key().equals("inspection-round"))
        .flatMap(process -> process.versions().stream()).mapToLong(ProcessVersions.Version::running).sum();
  }

  @Test
  void aPlanSheetGoesOnlyIntoADraftOfTheOfficesOwnCounty() {
    ProcessInstance round = new RoundPlanSteps(engine).as(OTHER_OFFICE, () -> engine.getRuntimeService()
        .startProcessInstanceByKey("inspection-round", Map.of(PRESET, "blank")));
    String draftOfB = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).singleResult().getId();
    signedIn("office1", () -> {
      assertThat(imports.openDrafts()).as("the import page offers no draft of another county")
          .noneMatch(draft -> draft.taskId().equals(draftOfB));
      assertThatThrownBy(() -> imports.importInto(draftOfB, new ByteArrayInputStream(new byte[0])))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("请选择一个正在编制的巡察工作方案");
    });
    signedIn(OTHER_OFFICE, () -> assertThat(imports.openDrafts()).anyMatch(draft -> draft.taskId().equals(draftOfB)));
  }

  @Test
  void anOfficeAddsToItsPoolOnlyAccountsOfItsCounty() {
    Inspector ofB = new Inspector(OTHER_OFFICE, "乙县干部", "乙县纪委", "科员", "科员", null, List.of(), false, true, null, List.of(), List.of());
    signedIn("office1", () -> assertThatThrownBy(() -> pool.save(new InspectorPoolService.Entry(ofB, null), List.of(), "office1"))
        .as("county A's office cannot write an entry into county B's pool").isInstanceOf(InvalidInputException.class));
    assertThat(jdbc.sql("select count(*) from xc_inspector where account = ?").param(OTHER_OFFICE).query(Long.class).single()).isZero();
    signedIn(OTHER_OFFICE, () -> pool.save(new InspectorPoolService.Entry(ofB, null), List.of(), OTHER_OFFICE));
    assertThat(jdbc.sql("select county from xc_inspector where account = ?").param(OTHER_OFFICE).query(String.class).single()).isEqualTo(OTHER);
  }

  private static void signedIn(String userId, Runnable page) {
    try {
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of()));
      page.run();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void theSignedInUsersCountiesAreWhatTheirPagesShow() {
    // a signed-in user's authorities are their groups, as the login and CurrentGroupsFilter give them
    assertThat(counties.visible()).as("the application's own work sees every county").contains("county", OTHER);
    try {
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(OTHER_OFFICE, null, List.of()));
      assertThat(counties.visible()).containsExactly(OTHER);
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(CITY, null, List.of()));
      assertThat(counties.visible()).containsExactlyInAnyOrder("county", OTHER);
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("office1", null, List.of()));
      assertThat(counties.visible()).containsExactly("county");
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
          List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("camunda-admin"))));
      assertThat(counties.visible()).as("the administrators, whom the engine does not tenant-check").containsExactlyInAnyOrder("county", OTHER);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}

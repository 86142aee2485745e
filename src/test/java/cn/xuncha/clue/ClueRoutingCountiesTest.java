package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.security.Roles;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Each county routes its clues by its own table (issue 16 item 2): a table one county's office publishes
 * is neither seen nor applied in another county, which routes by the default until it publishes its own;
 * an office cannot read or change another county's table; the city office, member of every county,
 * names the county it changes.
 */
@XunchaSpringTest
class ClueRoutingCountiesTest extends StepTestSupport {

  private static final String HOME = "county";
  private static final String B = "clue-routing-b";
  private static final String B_OFFICE = "clue-routing-b-office";
  private static final String CITY = "clue-routing-city";
  private static final String DISCIPLINE_TO_BOTH = ClueRoutingPageTest.DISCIPLINE_TO_BOTH;

  @Autowired
  ClueService clues;
  @Autowired
  ClueRoutingTable table;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  WebApplicationContext context;
  @LocalServerPort
  int port;
  RestCaller rest;

  @BeforeEach
  void secondCounty() {
    rest = new RestCaller("http://localhost:" + port);
    IdentityService identity = engine.getIdentityService();
    Tenant tenant = identity.newTenant(B);
    tenant.setName("乙县");
    identity.saveTenant(tenant);
    for (String user : List.of(B_OFFICE, CITY)) {
      org.camunda.bpm.engine.identity.User account = identity.newUser(user);
      account.setPassword("demo");
      identity.saveUser(account);
      identity.createMembership(user, Roles.OFFICE);
      identity.createTenantUserMembership(B, user);
    }
    identity.createTenantUserMembership(HOME, CITY);
    ProcedureSteps.at("2022-06-29T09:00");
  }

  /** The context is shared: other tests run in a single-county installation with the default table. */
  @AfterEach
  void removeSecondCounty() {
    engine.getRepositoryService().createDeploymentQuery().deploymentName(ClueRoutingTable.DEPLOYMENT).list()
        .forEach(deployment -> engine.getRepositoryService().deleteDeployment(deployment.getId(), true));
    IdentityService identity = engine.getIdentityService();
    identity.deleteTenant(B);
    List.of(B_OFFICE, CITY).forEach(identity::deleteUser);
  }

  @Test
  void aCountysTableIsNeitherSeenNorAppliedInAnotherCounty() {
    assertThat(rest.post("office1", ClueRoutingController.API, DISCIPLINE_TO_BOTH).status()).isEqualTo(200);

    assertThat(table.current(HOME).county()).isEqualTo(HOME);
    assertThat(table.current(B).county()).as("county B still routes by the default").isNull();
    RestCaller.Answer ofB = rest.get(B_OFFICE, ClueRoutingController.API);
    assertThat(ofB.status()).isEqualTo(200);
    assertThat(ofB.body()).contains("\"county\":null").doesNotContain("office1", "\"county\":\"county\"");
    assertThat(rest.get(B_OFFICE, ClueRoutingController.PAGE).body()).contains("乙县问题线索移交规则", "默认规则第 1 版").doesNotContain("office1");
    for (String path : List.of(ClueRoutingController.API, ClueRoutingController.PAGE)) {
      RestCaller.Answer other = rest.get(B_OFFICE, path + "?county=" + HOME);
      assertThat(other.status()).as(path).isEqualTo(404);
      assertThat(other.body()).as(path).contains(ClueRoutingController.NO_SUCH_COUNTY);
    }
    assertThat(rest.post(B_OFFICE, ClueRoutingController.API + "?county=" + HOME, DISCIPLINE_TO_BOTH).status()).isEqualTo(404);
    assertThat(table.history(HOME)).hasSize(2);

    assertThat(transferredTo(approvedClue(roundOf(B)))).as("county B's clue, routed by the default").containsExactly("dept-discipline");
    assertThat(transferredTo(approvedClue(roundOf(HOME)))).as("the home county's clue, by its own table")
        .containsExactlyInAnyOrder("dept-discipline", "dept-organization");
  }

  @Test
  void theCityOfficeNamesTheCountyWhoseTableItChanges() {
    RestCaller.Answer unnamed = rest.post(CITY, ClueRoutingController.API, DISCIPLINE_TO_BOTH);
    assertThat(unnamed.status()).isEqualTo(400);
    assertThat(unnamed.body()).contains("请写明要修改哪个县的", "乙县（" + B + "）");
    assertThat(table.current(HOME).county()).isNull();

    assertThat(rest.post(CITY, ClueRoutingController.API + "?county=" + B, DISCIPLINE_TO_BOTH).status()).isEqualTo(200);

    assertThat(table.current(B).publishedBy()).isEqualTo(CITY);
    assertThat(table.current(HOME).county()).as("the home county keeps the default").isNull();
    assertThat(rest.get(CITY, ClueRoutingController.PAGE + "?county=" + B).body()).contains("乙县问题线索移交规则", "乙县规则第 1 版",
        "<option value=\"county\">", "<input type=\"hidden\" name=\"county\" value=\"" + B + "\">");
    assertThat(transferredTo(approvedClue(roundOf(B)))).containsExactlyInAnyOrder("dept-discipline", "dept-organization");
    assertThat(transferredTo(approvedClue(roundOf(HOME)))).containsExactly("dept-discipline");
  }

  /**
   * The page's form is a write like the API's: the city office posting it without a county is refused
   * (400, in Chinese, naming the counties) and no county's table changes — it used to land in the first
   * county the user sees; naming the county publishes there; a county office, which sees one county,
   * publishes its own without naming it.
   */
  @Test
  void theFormWithoutACountyIsRefusedForTheCityOfficeAndTakesTheOnlyCountyOfACountyOffice() throws Exception {
    MockMvc web = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();

    web.perform(publishForm(CITY, null, "dept-discipline", "dept-organization")).andExpect(status().isBadRequest())
        .andExpect(status().reason(containsString("请写明要修改哪个县的")))
        .andExpect(status().reason(containsString("乙县（" + B + "）")));
    assertThat(table.current(HOME).county()).as("nothing published for the home county").isNull();
    assertThat(table.current(B).county()).as("nor for county B").isNull();

    web.perform(publishForm(CITY, B, "dept-discipline", "dept-organization")).andExpect(status().is3xxRedirection());
    assertThat(table.current(B).publishedBy()).isEqualTo(CITY);
    assertThat(table.current(HOME).county()).isNull();

    web.perform(publishForm(B_OFFICE, null, "dept-discipline")).andExpect(status().is3xxRedirection())
        .andExpect(redirectedUrl(ClueRoutingController.PAGE + "?county=" + B));
    assertThat(table.current(B).publishedBy()).isEqualTo(B_OFFICE);
    assertThat(table.current(HOME).county()).isNull();
  }

  /**
   * The page's publishing form as {@code user} sends it, naming {@code county} or (null) none, discipline clues
   * going to {@code disciplineTo}.
   */
  private MockHttpServletRequestBuilder publishForm(String user, String county, String... disciplineTo) {
    MockHttpServletRequestBuilder form = post(ClueRoutingController.PAGE).with(user(user).authorities(() -> Roles.OFFICE)).with(csrf())
        .param("receiver.work", "unitGroup").param("period.work.unitGroup", "D6")
        .param("receiver.discipline", disciplineTo)
        .param("receiver.organisation", "dept-organization").param("period.organisation.dept-organization", "D6")
        .param("receiver.other", "namedDepartment").param("period.other.namedDepartment", "D6");
    for (String receiver : disciplineTo) {
      form.param("period.discipline." + receiver, "D6");
    }
    return county == null ? form : form.param(ClueRoutingController.COUNTY, county);
  }

  /** A new sample round of {@code county}, with two discipline clues drafted for unit1. */
  private String roundOf(String county) {
    String round = fixture.sampleRound();
    jdbc.sql("update xc_round set county = ? where business_key = ?").params(county, round).update();
    clues.replaceDrafts(units.unit(round, "unit1"), List.of(Clue.draft("discipline", null, "村干部违规发放补贴")));
    return round;
  }

  /**
   * The clue of unit1 of {@code round} prepared by the team and approved by the office, now in its transfer;
   * the home county's accounts work in county B for the while (their memberships are removed after).
   */
  private ProcessInstance approvedClue(String round) {
    String clueId = clues.ids(round, "unit1").get(0);
    ProcessInstance clue = fixture.start("step-08-clue", round + "/unit1", fixture.unitVariables(round, "unit1", Map.of("clueId", clueId)));
    IdentityService identity = engine.getIdentityService();
    boolean elsewhere = !HOME.equals(clue.getTenantId());
    List<String> workers = List.of("team1-leader", "office1");
    if (elsewhere) {
      workers.forEach(user -> identity.createTenantUserMembership(clue.getTenantId(), user));
    }
    try {
      steps.complete("team1-leader", clue, "Task_PrepareClue", null, Map.of("material", "谈话笔录和账目"));
      steps.complete("office1", clue, "Task_ReviewClue", null, ProcedureSteps.APPROVE);
    } finally {
      if (elsewhere) {
        workers.forEach(user -> identity.deleteTenantUserMembership(clue.getTenantId(), user));
      }
    }
    assertThat(clue).hasPassed("Rule_RouteClue").isWaitingAt("CallActivity_TransferClue");
    return clue;
  }

  private List<Object> transferredTo(ProcessInstance clue) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(clue.getId()).list().stream()
        .map(transfer -> engine.getRuntimeService().getVariable(transfer.getId(), "receiver")).toList();
  }
}

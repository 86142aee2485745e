package cn.xuncha.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.people.Appraisal.Appraiser;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.StepFixture;
import cn.xuncha.round.TeamGroups;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 组长评价 and 巡察办评价 (issue 13 item 6): the leader appraises deputies and members of their own
 * team, the office everyone; only after withdrawal; refusals in Chinese store nothing; the pool page
 * keeps each person's appraisals; nobody else reaches the pages.
 */
@XunchaSpringTest
class AppraisalTest {

  private static final UserRequestPostProcessor OFFICE = user("office1").authorities(() -> "office");

  @Autowired
  WebApplicationContext context;
  @Autowired
  IdentityService identity;
  @Autowired
  InspectorPoolService pool;
  @Autowired
  AppraisalService appraisals;
  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @Autowired
  RoundUnits units;
  @Autowired
  TeamGroups teamGroups;
  MockMvc web;
  String leader;
  String deputy;
  String member;
  String roundKey;

  @BeforeEach
  void setUp() {
    web = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    leader = person("lead-" + suffix, "甲组长", "正科级", true);
    deputy = person("dep-" + suffix, "乙副组长", "副科级", false);
    member = person("mem-" + suffix, "丙组员", "科员", false);
    roundKey = approvedRound("round-" + suffix, SampleRound.plan().units());
    ProcedureSteps.at(SampleRound.plan().withdrawalDate() + "T09:00:00");
  }

  /** The sample round approved under {@code key} with {@code units}, its first team led by {@code leader}. */
  private String approvedRound(String key, List<InspectedUnit> units) {
    RoundPlan sample = SampleRound.plan();
    List<Team> teams = new ArrayList<>(sample.teams());
    Team first = teams.get(0);
    teams.set(0, new Team(first.teamNo(), first.name(), leader, List.of(deputy), List.of(member), null, List.of()));
    RoundPlan plan = new RoundPlan(sample.name(), sample.term(), sample.roundNo(), sample.entryDate(), sample.withdrawalDate(),
        sample.planFilingDate(), teams, units, sample.departments(), sample.kind());
    return new StepFixture(engine, rounds, this.units, teamGroups).approvedRound(key, plan);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private String person(String account, String name, String rank, boolean mayLead) {
    identity.saveUser(identity.newUser(account));
    pool.save(new InspectorPoolService.Entry(new Inspector(account, name, "县审计局", "科员", rank, null, List.of("审计"), mayLead, true, null,
        List.of(), List.of()), null), List.of(), "office1");
    return account;
  }

  @Test
  void theLeaderAppraisesDeputiesAndMembersAndTheOfficeEveryoneAndThePoolKeepsBoth() throws Exception {
    String form = page(get(teamPage()).with(user(leader)));
    assertThat(form).contains("组长评价", "乙副组长", "丙组员").doesNotContain("甲组长</td>", "巡察办评价</th>");

    web.perform(record(user(leader), deputy, "优秀", "善于发现问题")).andExpect(status().is3xxRedirection());
    web.perform(record(OFFICE, leader, "称职", "")).andExpect(status().is3xxRedirection());
    web.perform(record(OFFICE, deputy, "优秀", "")).andExpect(status().is3xxRedirection());

    assertThat(appraisals.of(deputy)).extracting(Appraisal::appraiser, Appraisal::grade, Appraisal::recordedBy)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Appraiser.LEADER, "优秀", leader),
            org.assertj.core.groups.Tuple.tuple(Appraiser.OFFICE, "优秀", "office1"));
    assertThat(page(get("/people/" + deputy).with(OFFICE))).contains("巡察工作评价", "组长评价", "善于发现问题", "第一巡察组");
    assertThat(page(get("/people/appraisals").with(user(leader)))).contains(teamPage());
  }

  @Test
  void recordingAgainReplacesTheSameAppraisersEarlierAppraisal() throws Exception {
    web.perform(record(user(leader), member, "基本称职", "")).andExpect(status().is3xxRedirection());
    web.perform(record(user(leader), member, "称职", "改正后")).andExpect(status().is3xxRedirection());

    assertThat(appraisals.of(member)).singleElement().extracting(Appraisal::grade, Appraisal::remark).containsExactly("称职", "改正后");
  }

  @Test
  void badAppraisalsAreRefusedInChineseWithEveryProblemAndNothingIsStored() throws Exception {
    String refused = page(post(teamPage()).with(user(leader)).with(csrf())
        .param("grade." + deputy, "满分").param("remark." + member, "x".repeat(501)).param("grade." + leader, "优秀"));

    assertThat(refused).contains("未保存", "乙副组长：评价等次须为优秀、称职、基本称职、不称职之一",
        "丙组员：请选择评价等次", "丙组员：评语不能超过 500 字（现为 501 字）");
    assertThat(appraisals.of(deputy)).isEmpty();
    assertThat(appraisals.of(leader)).as("a leader does not appraise themselves").isEmpty();
    assertThat(page(post(teamPage()).with(user(leader)).with(csrf()))).contains("请至少为一名干部选择评价等次");
  }

  @Test
  void beforeWithdrawalNothingCanBeRecorded() throws Exception {
    ProcedureSteps.at(units.plan(roundKey).withdrawalDate().minusDays(1) + "T09:00:00");

    assertThat(page(record(OFFICE, member, "优秀", ""))).contains("撤回后才能评价组内干部");
    assertThat(appraisals.of(member)).isEmpty();
  }

  @Test
  void aTeamIsAppraisedOnlyAfterItsLastUnitWithdraws() throws Exception {
    RoundPlan sample = SampleRound.plan();
    LocalDate later = sample.withdrawalDate().plusDays(20);
    InspectedUnit secondBatch = sample.units().stream().filter(unit -> unit.teamNo() == 1).findFirst().orElseThrow();
    List<InspectedUnit> batches = sample.units().stream()
        .map(unit -> unit == secondBatch ? unit.withStay(later.minusDays(30), later) : unit).toList();
    String key = approvedRound("round-" + UUID.randomUUID().toString().substring(0, 6), batches);
    String page = "/people/appraisals/" + key + "/1";

    assertThat(page(post(page).with(OFFICE).with(csrf()).param("grade." + member, "优秀"))).contains(later + " 撤回，撤回后才能评价组内干部");
    ProcedureSteps.at(later + "T09:00:00");
    web.perform(post(page).with(OFFICE).with(csrf()).param("grade." + member, "优秀")).andExpect(status().is3xxRedirection());
    assertThat(appraisals.of(member)).extracting(Appraisal::grade).containsExactly("优秀");
  }

  @Test
  void membersOtherLeadersOtherRolesAndUnknownTeamsAreRefused() throws Exception {
    web.perform(get(teamPage()).with(user(member))).andExpect(status().isForbidden());
    web.perform(record(user(member), deputy, "不称职", "")).andExpect(status().isForbidden());
    web.perform(get(teamPage()).with(user("unit1").authorities(() -> "unit1"))).andExpect(status().isForbidden());
    web.perform(get("/people/appraisals").with(user("leader1").authorities(() -> "leading-group"))).andExpect(status().isForbidden());
    web.perform(get("/people/appraisals/" + roundKey + "/99").with(OFFICE)).andExpect(status().isNotFound());
    web.perform(get("/people/appraisals/round-unknown/1").with(OFFICE)).andExpect(status().isNotFound());
    assertThat(appraisals.of(deputy)).isEmpty();
  }

  private String teamPage() {
    return "/people/appraisals/" + roundKey + "/1";
  }

  private MockHttpServletRequestBuilder record(UserRequestPostProcessor who, String account, String grade, String remark) {
    return post(teamPage()).with(who).with(csrf()).param("grade." + account, grade).param("remark." + account, remark);
  }

  private String page(MockHttpServletRequestBuilder request) throws Exception {
    return web.perform(request).andReturn().getResponse().getContentAsString();
  }
}

package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.calendar.CalendarController.YearDeadlines;
import cn.xuncha.round.RoundPlanSteps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;

/**
 * The calendar page lists the running deadlines a year's schedule decides only of the counties the
 * signed-in user sees (issue 16 item 2): it reads the engine's tables itself, where no tenant check
 * applies, so a second county's round must not show up for the home county's office.
 */
@XunchaSpringTest
class CalendarCountiesTest {

  private static final String OTHER = "calendar-test-b";

  @Autowired
  ProcessEngine engine;
  @Autowired
  CalendarController controller;
  @Autowired
  RunningDeadlines running;

  @BeforeEach
  void secondCounty() {
    Tenant tenant = engine.getIdentityService().newTenant(OTHER);
    tenant.setName("乙县");
    engine.getIdentityService().saveTenant(tenant);
  }

  @AfterEach
  void removeSecondCounty() {
    IdentityService identity = engine.getIdentityService();
    identity.deleteTenant(OTHER);
    ClockUtil.reset();
    SecurityContextHolder.clearContext();
  }

  @Test
  void theHomeCountysOfficeSeesNoDeadlineOfAnotherCounty() {
    int before = shownTo("office1");
    int allBefore = running.dependingOn(2022).size();
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = new RoundPlanSteps(engine).atUnitsStep(Instant.parse("2022-04-01T01:00:00Z"), OTHER);
    // unit1 moves on to its team plan, whose filing deadline is watched (a due date, a deadline watch and its timers)
    Task analysis = engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(new ProcedureSteps(engine).unit(round, "unit1").getBusinessKey())
        .taskDefinitionKey("Task_RecordTeamAnalysis").singleResult();
    engine.getFormService().submitTaskForm(analysis.getId(), Map.of("talks", "与乡党委书记单独沟通", "keyPersons", "村党支部书记",
        "keyMatters", "村集体资产处置", "keyProblems", "三资管理不规范"));
    assertThat(running.dependingOn(2022).size()).as("the other county's round has running deadlines in 2022").isGreaterThan(allBefore);
    assertThat(shownTo("office1")).as("none of them is listed to the home county's office").isEqualTo(before);
  }

  private int shownTo(String userId) {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null,
        List.of(new SimpleGrantedAuthority("office"))));
    ExtendedModelMap model = new ExtendedModelMap();
    controller.page(model, SecurityContextHolder.getContext().getAuthentication());
    @SuppressWarnings("unchecked")
    List<YearDeadlines> years = (List<YearDeadlines>) model.get("years");
    return years.stream().filter(year -> year.year() == 2022).findFirst().orElseThrow().total();
  }
}

package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.Roles;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The task to load a year's holiday schedule goes to those who may upload it ({@link ScheduleLoaders}): the office of a
 * single-county installation; with several counties the city office (member of every county) and the administrators,
 * not a county's office, which the upload refuses (CalendarControllerTest) — it neither finds the task among its
 * group's work nor may claim it.
 */
@XunchaSpringTest
class ScheduleTaskCountiesTest {

  private static final int YEAR = 2033;
  private static final String HOME = "county";
  private static final String OTHER = "schedule-task-b";
  private static final String OTHER_OFFICE = "schedule-task-b-office";
  private static final String CITY = "schedule-task-city";

  @Autowired
  ProcessEngine engine;
  @Autowired
  ScheduleRequests requests;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void noTaskYet() {
    forget();
  }

  @AfterEach
  void cleanUp() {
    IdentityService identity = engine.getIdentityService();
    identity.clearAuthentication();
    forget();
    if (identity.createTenantQuery().tenantId(OTHER).count() > 0) {
      identity.deleteTenant(OTHER);
    }
    List.of(OTHER_OFFICE, CITY).stream().filter(user -> identity.createUserQuery().userId(user).count() > 0).forEach(identity::deleteUser);
  }

  @Test
  void onASingleCountyInstallationTheOfficeLoadsTheSchedule() {
    requests.request(YEAR);

    Task task = scheduleTask();
    assertThat(candidates(task, IdentityLink::getGroupId)).containsExactly(Roles.OFFICE);
    assertThat(candidates(task, IdentityLink::getUserId)).isEmpty();
    as("office1", List.of(Roles.OFFICE), List.of(HOME));
    TaskService tasks = engine.getTaskService();
    assertThat(tasks.createTaskQuery().taskCandidateGroup(Roles.OFFICE).taskId(task.getId()).count()).isOne();
    tasks.claim(task.getId(), "office1");
    assertThat(scheduleTask().getAssignee()).isEqualTo("office1");
  }

  @Test
  void withSeveralCountiesOnlyTheCityOfficeAndTheAdministratorsAreGivenTheTask() {
    secondCountyWithCityOffice();
    requests.request(YEAR);

    Task task = scheduleTask();
    TaskService tasks = engine.getTaskService();
    for (List<String> countyOffice : List.of(List.of(OTHER_OFFICE, OTHER), List.of("office1", HOME))) {
      as(countyOffice.get(0), List.of(Roles.OFFICE), List.of(countyOffice.get(1)));
      assertThat(tasks.createTaskQuery().taskCandidateGroup(Roles.OFFICE).taskId(task.getId()).count())
          .as("not among %s's group's work", countyOffice.get(0)).isZero();
      assertThatThrownBy(() -> tasks.claim(task.getId(), countyOffice.get(0))).isInstanceOf(AuthorizationException.class);
    }
    as(CITY, List.of(Roles.OFFICE), List.of(HOME, OTHER));
    assertThat(tasks.createTaskQuery().taskCandidateUser(CITY).taskId(task.getId()).count()).isOne();
    tasks.claim(task.getId(), CITY);
    engine.getIdentityService().clearAuthentication();
    assertThat(scheduleTask().getAssignee()).isEqualTo(CITY);
    assertThat(candidates(task, IdentityLink::getGroupId)).containsExactly(Roles.ADMIN);
    assertThat(candidates(task, IdentityLink::getUserId)).containsExactly(CITY);
  }

  private void secondCountyWithCityOffice() {
    IdentityService identity = engine.getIdentityService();
    Tenant tenant = identity.newTenant(OTHER);
    tenant.setName("乙县");
    identity.saveTenant(tenant);
    for (String user : List.of(OTHER_OFFICE, CITY)) {
      User account = identity.newUser(user);
      identity.saveUser(account);
      identity.createMembership(user, Roles.OFFICE);
      identity.createTenantUserMembership(OTHER, user);
    }
    identity.createTenantUserMembership(HOME, CITY);
  }

  private void as(String user, List<String> groups, List<String> tenants) {
    engine.getIdentityService().setAuthentication(user, groups, tenants);
  }

  private Task scheduleTask() {
    return engine.getTaskService().createTaskQuery().processDefinitionKey(ScheduleRequests.PROCESS)
        .processInstanceBusinessKey(ScheduleRequests.businessKey(YEAR)).singleResult();
  }

  private List<String> candidates(Task task, java.util.function.Function<IdentityLink, String> party) {
    return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).map(party).filter(java.util.Objects::nonNull).toList();
  }

  /** No request and no task for the year, as on a fresh installation. */
  private void forget() {
    jdbc.update("DELETE FROM xc_schedule_request WHERE schedule_year = ?", YEAR);
    engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ScheduleRequests.PROCESS)
        .processInstanceBusinessKey(ScheduleRequests.businessKey(YEAR)).list()
        .forEach(instance -> engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test clean-up"));
  }
}

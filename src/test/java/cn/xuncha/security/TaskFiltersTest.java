package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ready-made Tasklist filters, as different users see them. */
@XunchaSpringTest
class TaskFiltersTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  TaskFilters taskFilters;
  @Autowired
  RoleAuthorizations roleAuthorizations;

  RoundPlanSteps steps;
  String team1Open;
  String team1DueSoon;
  String team1Overdue;
  String team1Mine;
  String team2Open;

  @BeforeEach
  void tasksInTwoTeams() {
    steps = new RoundPlanSteps(engine);
    TeamProcess.deploy(engine);
    Instant now = Instant.now();
    team1Open = taskOf("team1", null, null);
    team1DueSoon = taskOf("team1", now.plus(Duration.ofDays(2)), null);
    team1Overdue = taskOf("team1", now.minus(Duration.ofDays(1)), null);
    team1Mine = taskOf("team1", now.plus(Duration.ofDays(1)), "team1-leader");
    team2Open = taskOf("team2", now.plus(Duration.ofDays(1)), null);
  }

  @Test
  void teamLeaderSeesOwnTeamsWorkSortedIntoTheFilters() {
    steps.as("team1-leader", () -> {
      assertThat(tasks(TaskFilters.MY_GROUPS)).contains(team1Open, team1DueSoon, team1Overdue).doesNotContain(team1Mine, team2Open);
      assertThat(tasks(TaskFilters.MINE)).contains(team1Mine).doesNotContain(team1Open, team2Open);
      assertThat(tasks(TaskFilters.DUE_SOON)).contains(team1DueSoon, team1Mine).doesNotContain(team1Open, team1Overdue, team2Open);
      assertThat(tasks(TaskFilters.OVERDUE)).contains(team1Overdue).doesNotContain(team1DueSoon, team1Mine, team2Open);
      assertThatThrownBy(() -> tasks(TaskFilters.ALL)).isInstanceOf(AuthorizationException.class);
      return null;
    });
  }

  @Test
  void officeSeesTheWholeRoundInItsFilter() {
    steps.as("office1", () -> {
      assertThat(tasks(TaskFilters.ALL)).contains(team1Open, team1Mine, team2Open);
      return null;
    });
  }

  @Test
  void filtersAreCreatedOnceAndAGroupCreatedLaterGetsThemAtItsFirstLogin() {
    taskFilters.ensureFilters();
    assertThat(engine.getFilterService().createTaskFilterQuery().filterName(TaskFilters.MY_GROUPS).count()).isOne();

    engine.getIdentityService().saveGroup(group("team8", "第八巡察组"));
    engine.getIdentityService().saveUser(engine.getIdentityService().newUser("team8-leader"));
    engine.getIdentityService().createMembership("team8-leader", "team8");
    assertThatThrownBy(() -> steps.as("team8-leader", () -> tasks(TaskFilters.MY_GROUPS))).isInstanceOf(AuthorizationException.class);

    roleAuthorizations.grantWorkflowGroups(List.of("team8"));
    String team8Task = taskOf("team8", null, null);
    assertThat(steps.as("team8-leader", () -> tasks(TaskFilters.MY_GROUPS))).containsExactly(team8Task);
  }

  private org.camunda.bpm.engine.identity.Group group(String id, String name) {
    var group = engine.getIdentityService().newGroup(id);
    group.setName(name);
    group.setType(Roles.WORKFLOW);
    return group;
  }

  private List<String> tasks(String filterName) {
    Filter filter = engine.getFilterService().createTaskFilterQuery().filterName(filterName).singleResult();
    if (filter == null) {
      throw new AuthorizationException("cannot read filter " + filterName);
    }
    return engine.getFilterService().<Task>listPage(filter.getId(), 0, 1000).stream().map(Task::getId).toList();
  }

  private String taskOf(String group, Instant due, String assignee) {
    var instance = TeamProcess.start(engine, group, group, "线索");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    task.setDueDate(due == null ? null : Date.from(due));
    task.setAssignee(assignee);
    engine.getTaskService().saveTask(task);
    return task.getId();
  }
}

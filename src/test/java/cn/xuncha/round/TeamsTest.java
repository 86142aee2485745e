package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.security.EngineApi;
import cn.xuncha.security.EngineApi.Prefix;
import cn.xuncha.security.WebSession;
import cn.xuncha.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Teams formed per round (issue 13 items 2, 4, 5): two rounds whose 第一巡察组 are different people,
 * save team1-member3 who serves in both. Each team works in its own round's group, so neither team
 * sees the other's instances, tasks, history, documents or registers, over every prefix of the REST
 * API and on the application's pages; the one in both sees both. The leader's tasks are the leader's.
 * A replacement during the round moves group membership and open tasks at once, and the leaver loses
 * access on the next request of the session they already have.
 */
@XunchaSpringTest
class TeamsTest extends StepTestSupport {

  /** Only in round A's 第一巡察组, only in round B's, in both. */
  private static final String ONLY_A = "team1-deputy1";
  private static final String ONLY_B = "team3-deputy1";
  private static final String BOTH = "team1-member3";

  @Autowired
  TeamChanges changes;
  @LocalServerPort
  int port;

  String roundA;
  String roundB;
  ProcessInstance analysisA;
  ProcessInstance analysisB;

  @BeforeEach
  void twoRoundsWithDifferentFirstTeams() {
    cn.xuncha.ProcedureSteps.at("2022-04-01T09:00");
    RoundPlan sample = SampleRound.plan();
    roundA = fixture.approvedRound("teams-a-" + UUID.randomUUID(), sample);
    Team third = sample.teams().get(2);
    List<String> members = new ArrayList<>(third.members());
    members.add(BOTH);
    List<Team> teams = new ArrayList<>(sample.teams());
    teams.set(0, new Team(1, "第一巡察组", third.leader(), third.deputies(), members, third.liaison(), List.of(), null,
        Map.of(BOTH, "史季春")));
    roundB = fixture.approvedRound("teams-b-" + UUID.randomUUID(), sample.withTeams(teams));
    analysisA = fixture.startForUnit("step-03-team-analysis", roundA, "unit1", Map.of());
    analysisB = fixture.startForUnit("step-03-team-analysis", roundB, "unit1", Map.of());
  }

  @Test
  void eachRoundsFirstTeamIsItsOwnGroupWithThePlansPeople() {
    assertThat(fixture.teamGroup(roundA, 1)).isEqualTo("team1-" + roundA).isNotEqualTo(fixture.teamGroup(roundB, 1));
    assertThat(members(fixture.teamGroup(roundA, 1))).containsExactlyInAnyOrderElementsOf(SampleRound.plan().teams().get(0).people());
    assertThat(members(fixture.teamGroup(roundB, 1))).contains(ONLY_B, BOTH, "team3-leader").doesNotContain(ONLY_A, "team1-leader");
    assertThat(Team.groupIdOf("k".repeat(64), 12)).hasSizeLessThanOrEqualTo(64).startsWith("team12-")
        .isNotEqualTo(Team.groupIdOf("k".repeat(63) + "j", 12));
  }

  @Test
  void neitherFirstTeamSeesTheOthersWorkOverRestAndPagesAndOneInBothSeesBoth() throws Exception {
    EngineApi api = new EngineApi(port);
    for (Prefix prefix : Prefix.values()) {
      assertSees(api, prefix, ONLY_A, analysisA, true);
      assertSees(api, prefix, ONLY_A, analysisB, false);
      assertSees(api, prefix, ONLY_B, analysisB, true);
      assertSees(api, prefix, ONLY_B, analysisA, false);
      assertSees(api, prefix, BOTH, analysisA, true);
      assertSees(api, prefix, BOTH, analysisB, true);
    }
    WebSession onlyA = WebSession.signedIn(port, ONLY_A);
    WebSession both = WebSession.signedIn(port, BOTH);
    for (String page : List.of("/documents/%s/unit1/notice", "/registers/%s/unit1")) {
      assertThat(onlyA.get(page.formatted(roundA)).statusCode()).as(page).isEqualTo(200);
      assertThat(onlyA.get(page.formatted(roundB)).statusCode()).as(page).isEqualTo(403);
      assertThat(both.get(page.formatted(roundA)).statusCode()).as(page).isEqualTo(200);
      assertThat(both.get(page.formatted(roundB)).statusCode()).as(page).isEqualTo(200);
    }
  }

  @Test
  void theLeadersTaskLandsOnTheLeaderOnly() {
    Task taskA = steps.task(analysisA, "Task_RecordTeamAnalysis", null);
    assertThat(taskA.getAssignee()).isEqualTo("team1-leader");
    assertThat(steps.task(analysisB, "Task_RecordTeamAnalysis", null).getAssignee()).isEqualTo("team3-leader");
    assertThat(engine.getTaskService().createTaskQuery().taskCandidateUser(ONLY_A).processInstanceId(analysisA.getId()).count())
        .as("not offered to the rest of the team").isZero();
    assertThatThrownBy(() -> steps.complete(ONLY_A, analysisA, "Task_RecordTeamAnalysis", null, Map.of()))
        .as("nor can they take it").isInstanceOf(RuntimeException.class);
  }

  @Test
  void replacingTheLeaderMovesTheLeadersTasksAndTheGroupAtOnce() throws Exception {
    EngineApi api = new EngineApi(port);
    assertSees(api, Prefix.WEBAPP, "team1-leader", analysisA, true);

    changes.replace(roundA, 1, "team1-leader", "team5-deputy1", "因病不能继续参加巡察", "office1");

    assertThat(steps.task(analysisA, "Task_RecordTeamAnalysis", null).getAssignee()).isEqualTo("team5-deputy1");
    assertThat(members(fixture.teamGroup(roundA, 1))).contains("team5-deputy1").doesNotContain("team1-leader");
    assertThat(units.plan(roundA).teams().get(0).leader()).isEqualTo("team5-deputy1");
    assertSees(api, Prefix.WEBAPP, "team1-leader", analysisA, false);
    assertSees(api, Prefix.REST, "team1-leader", analysisA, false);
    assertSees(api, Prefix.WEBAPP, "team5-deputy1", analysisA, true);
    assertThat(changes.changes(roundA)).singleElement().satisfies(change -> {
      assertThat(change.role()).isEqualTo("组长");
      assertThat(change.leaver()).isEqualTo("白语嫣（team1-leader）");
      assertThat(change.reason()).isEqualTo("因病不能继续参加巡察");
      assertThat(change.by()).isEqualTo("office1");
    });
    assertThat(units.plan(roundB).teams().get(0).leader()).as("the other round's team is untouched").isEqualTo("team3-leader");
  }

  @Test
  void aReplacedMembersClaimedTaskGoesBackToTheGroup() {
    ProcessInstance teamPlan = fixture.startForUnit("step-04-team-plan", roundA, "unit1", Map.of());
    Task draft = steps.task(teamPlan, "Task_DraftTeamPlan", null);
    steps.plan().as("team1-member1", () -> {
      engine.getTaskService().claim(draft.getId(), "team1-member1");
      return null;
    });

    changes.replace(roundA, 1, "team1-member1", "team4-member2", "发现需回避的情形", "office1");

    assertThat(engine.getTaskService().createTaskQuery().taskId(draft.getId()).singleResult().getAssignee()).isNull();
    assertThat(engine.getTaskService().createTaskQuery().taskId(draft.getId()).taskCandidateUser("team4-member2").count()).isOne();
  }

  @Test
  void aReplacementThePlanCouldNotHaveNamedIsRefusedAndChangesNothing() {
    assertThatThrownBy(() -> changes.replace(roundA, 1, "team1-member2", "team2-leader", "调整", "office1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("第一巡察组：组员段初阳（team2-leader） 须回避赵村镇党委（地域回避：籍贯或家乡为赵村镇）");
    assertThatThrownBy(() -> changes.replace(roundA, 1, "team1-leader", "team1-liaison", "调整", "office1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("第一巡察组：林思远（team1-liaison） 在本组中出现了两次（组长、联络员）");
    assertThatThrownBy(() -> changes.replace(roundA, 1, "team2-member1", "team4-member2", "调整", "office1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("调出人员：「team2-member1」不是第一巡察组的人员");
    assertThatThrownBy(() -> changes.replace(roundA, 1, "team1-member2", "nobody", " ", "office1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("调整原因：不能为空");
    assertThat(members(fixture.teamGroup(roundA, 1))).containsExactlyInAnyOrderElementsOf(SampleRound.plan().teams().get(0).people());
    assertThat(changes.changes(roundA)).isEmpty();
  }

  @Test
  void anExceptionToRecusalLeavesWithItsPersonAndDoesNotPassToTheReplacement() {
    RoundPlan sample = SampleRound.plan();
    Team first = sample.teams().get(0);
    List<Team> teams = new ArrayList<>(sample.teams());
    teams.set(0, new Team(1, first.name(), first.leader(), first.deputies(), first.members(), first.liaison(),
        List.of(new RoundPlan.Exemption("team1-member2", "赵村镇党委", "经县委巡察工作领导小组批准不予回避")), null, Map.of()));
    String round = fixture.approvedRound("teams-c-" + UUID.randomUUID(), sample.withTeams(teams));

    assertThatThrownBy(() -> changes.replace(round, 1, "team1-member2", "team2-leader", "调整", "office1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("组员段初阳（team2-leader） 须回避赵村镇党委")
        .hasMessageNotContaining("此人不在本组");
    changes.replace(round, 1, "team1-member2", "team4-member2", "调整", "office1");

    assertThat(units.plan(round).teams().get(0).exemptions()).isEmpty();
    assertThat(members(fixture.teamGroup(round, 1))).contains("team4-member2").doesNotContain("team1-member2");
  }

  @Test
  void theRoundsEndRetiresItsTeamsWhoKeepReadingTheirPastWork() throws Exception {
    teamGroups.retire(roundA);
    assertThat(changes.running(roundA)).isFalse();
    assertThatThrownBy(() -> changes.replace(roundA, 1, "team1-member2", "team4-member2", "调整", "office1"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("不在进行中");
    assertSees(new EngineApi(port), Prefix.REST, ONLY_A, analysisA, true);
  }

  private List<String> members(String group) {
    return engine.getIdentityService().createUserQuery().memberOfGroup(group).unlimitedList().stream().map(user -> user.getId()).toList();
  }

  /** The instance's task list, variables and history as {@code user} gets them under {@code prefix}: all of them, or none. */
  private static void assertSees(EngineApi api, Prefix prefix, String user, ProcessInstance instance, boolean sees) throws Exception {
    String what = user + " " + prefix + " " + instance.getBusinessKey();
    String tasks = api.call(prefix, user, "GET", "/task?maxResults=100&processInstanceId=" + instance.getId(), null).body();
    String history = api.call(prefix, user, "GET", "/history/process-instance?maxResults=100&processInstanceId=" + instance.getId(), null).body();
    String historicTasks = api.call(prefix, user, "GET", "/history/task?maxResults=100&processInstanceId=" + instance.getId(), null).body();
    int variables = api.call(prefix, user, "GET", "/process-instance/" + instance.getId() + "/variables", null).statusCode();
    if (sees) {
      assertThat(tasks).as(what).contains(instance.getId());
      assertThat(history).as(what).contains(instance.getId());
      assertThat(historicTasks).as(what).contains(instance.getId());
      assertThat(variables).as(what).isEqualTo(200);
    } else {
      assertThat(tasks).as(what).isEqualTo("[]");
      assertThat(history).as(what).isEqualTo("[]");
      assertThat(historicTasks).as(what).isEqualTo("[]");
      assertThat(variables).as(what).isIn(403, 404);
    }
  }
}

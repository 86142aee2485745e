package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The names an instance gets at its start (each step and party instance; a deadline watch with its
 * escalation) cost one statement, not the loading of the whole round plan, and are the names the plan gives (Flyway on an
 * in-memory H2, statements counted by datasource-proxy).
 */
class InstanceNamesLookupTest {

  private static final String ROUND = "instance-names-test";
  private static final RoundPlan PLAN = SampleRound.plan();

  private final AtomicInteger statements = new AtomicInteger();
  private final InstanceNames names = names();

  @Test
  void aUnitsInstanceIsNamedByOneStatementWithItsRoundAndTeam() {
    for (InspectedUnit unit : PLAN.units()) {
      assertThat(namesOf(Map.of(RoundVariables.ROUND_KEY, ROUND, RoundVariables.UNIT_GROUP, unit.groupId())))
          .as(unit.name()).containsExactlyInAnyOrderEntriesOf(Map.of(InstanceNames.ROUND, PLAN.name(), InstanceNames.UNIT, unit.name(),
              InstanceNames.TEAM, PLAN.teamOf(unit).name()));
    }
  }

  @Test
  void aTeamsInstanceIsNamedByOneStatementWithItsRound() {
    for (Team team : PLAN.teams()) {
      assertThat(namesOf(Map.of(RoundVariables.ROUND_KEY, ROUND, RoundVariables.TEAM_GROUP, Team.groupIdOf(ROUND, team.teamNo()))))
          .as(team.name()).containsExactlyInAnyOrderEntriesOf(Map.of(InstanceNames.ROUND, PLAN.name(), InstanceNames.TEAM, team.name()));
    }
  }

  @Test
  void theTeamGroupOfTheInstanceNamesTheTeamEvenBesideAUnit() {
    InspectedUnit unit = PLAN.units().get(0);
    Team other = PLAN.teams().stream().filter(team -> !team.equals(PLAN.teamOf(unit))).findFirst().orElseThrow();

    assertThat(namesOf(Map.of(RoundVariables.ROUND_KEY, ROUND, RoundVariables.UNIT_GROUP, unit.groupId(),
        RoundVariables.TEAM_GROUP, Team.groupIdOf(ROUND, other.teamNo())))).containsExactlyInAnyOrderEntriesOf(
        Map.of(InstanceNames.ROUND, PLAN.name(), InstanceNames.UNIT, unit.name(), InstanceNames.TEAM, other.name()));
  }

  @Test
  void aRoundNotYetStoredOrAGroupItLacksGivesNoName() {
    assertThat(namesOf(Map.of(RoundVariables.ROUND_KEY, "round-not-submitted", RoundVariables.UNIT_GROUP, "unit1"))).isEmpty();
    assertThat(namesOf(Map.of(RoundVariables.ROUND_KEY, ROUND, RoundVariables.UNIT_GROUP, "unit99", RoundVariables.TEAM_GROUP, "team99")))
        .containsExactlyEntriesOf(Map.of(InstanceNames.ROUND, PLAN.name()));
  }

  /** The names for an instance with these variables, checking that they took one statement. */
  private Map<String, Object> namesOf(Map<String, Object> variables) {
    statements.set(0);
    Map<String, Object> found = names.namesOf(variables::get);
    assertThat(statements).as("statements for %s", variables).hasValue(1);
    return found;
  }

  private InstanceNames names() {
    DataSource database = RoundUnitsTest.database();
    new RoundRepository(JdbcClient.create(database)).saveSubmitted(ROUND, "county", PLAN, "office1", Instant.parse("2022-04-01T01:00:00Z"));
    DataSource counted = ProxyDataSourceBuilder.create(database)
        .afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build();
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("rounds", new RoundRepository(JdbcClient.create(counted))));
    return new InstanceNames(beans.getBeanProvider(RoundRepository.class), beans.getBeanProvider(cn.xuncha.system.Departments.class),
        beans.getBeanProvider(org.camunda.bpm.engine.RuntimeService.class), beans.getBeanProvider(org.camunda.bpm.engine.ManagementService.class),
        beans.getBeanProvider(JdbcClient.class));
  }
}

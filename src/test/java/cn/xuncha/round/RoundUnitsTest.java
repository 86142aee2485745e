package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundUnits.UnitRef;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A unit's task finds its unit — round dates, team with its members, villages — in one statement
 * from the instance's {@code unitId}, and finds the same the plan says (Flyway on an in-memory H2).
 */
class RoundUnitsTest {

  private static final String ROUND = "round-units-test";

  @Test
  void aTaskFindsItsUnitByIdInOneStatementAsThePlanHasIt() {
    AtomicInteger statements = new AtomicInteger();
    DataSource database = database();
    DataSource counted = ProxyDataSourceBuilder.create(database)
        .afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build();
    RoundRepository repository = new RoundRepository(JdbcClient.create(database));
    repository.saveSubmitted(ROUND, "county", SampleRound.plan(), "office1", Instant.parse("2022-04-01T01:00:00Z"));
    RoundUnits rounds = new RoundUnits(repository, JdbcClient.create(counted), null);
    RoundPlan plan = SampleRound.plan();

    for (InspectedUnit planned : plan.units()) {
      VariableScope task = mock(VariableScope.class);
      when(task.getVariable(RoundVariables.UNIT_ID)).thenReturn(rounds.unitIdOf(ROUND, planned.groupId()));
      statements.set(0);

      UnitRef unit = rounds.unitOf(task);

      assertThat(statements).as("statements for %s", planned.name()).hasValue(1);
      assertThat(unit.unit()).isEqualTo(planned);
      assertThat(unit.team()).usingRecursiveComparison().ignoringFields("groupId").isEqualTo(plan.teamOf(planned));
      assertThat(unit.team().groupId()).isEqualTo(RoundPlan.Team.groupIdOf(ROUND, planned.teamNo()));
      assertThat(unit.round()).isEqualTo(new RoundUnits.Round(plan.name(), plan.kindOf(planned), plan.entryDateOf(planned),
          plan.withdrawalDateOf(planned), plan.planFilingDate()));
      assertThat(unit.roundKey()).isEqualTo(ROUND);
    }
  }

  @Test
  void anInstanceWithoutUnitIdFindsItsUnitByRoundAndGroup() {
    DataSource database = database();
    RoundRepository repository = new RoundRepository(JdbcClient.create(database));
    repository.saveSubmitted(ROUND, "county", SampleRound.plan(), "office1", Instant.parse("2022-04-01T01:00:00Z"));
    RoundUnits rounds = new RoundUnits(repository, JdbcClient.create(database), null);
    InspectedUnit planned = SampleRound.plan().units().get(1);
    VariableScope clueTransfer = mock(VariableScope.class);
    when(clueTransfer.getVariable(RoundVariables.ROUND_KEY)).thenReturn(ROUND);
    when(clueTransfer.getVariable(RoundVariables.UNIT_GROUP)).thenReturn(planned.groupId());

    assertThat(rounds.unitOf(clueTransfer).unitId()).isEqualTo(rounds.unitIdOf(ROUND, planned.groupId()));
    assertThat(rounds.unitOf(clueTransfer).unit()).isEqualTo(planned);
  }

  /** An empty in-memory H2 database with the application's tables (Flyway). */
  static DataSource database() {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    database.setUser("sa");
    Flyway.configure().dataSource(database).table("xc_schema_history").load().migrate();
    return database;
  }
}

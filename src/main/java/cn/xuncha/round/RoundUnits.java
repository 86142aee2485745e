package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The approved plan as the later steps see it: which teams and units a round has (the
 * multi-instance collections of the BPMN) and, for one unit's process, the unit it works on.
 */
@Component("roundPlans")
public class RoundUnits {

  private final RoundRepository rounds;
  private final JdbcClient jdbc;

  RoundUnits(RoundRepository rounds, JdbcClient jdbc) {
    this.rounds = rounds;
    this.jdbc = jdbc;
  }

  /** The groups of the inspected units, one unit-inspection process each. */
  public List<String> unitGroups(String roundKey) {
    return plan(roundKey).units().stream().map(InspectedUnit::groupId).toList();
  }

  /** The groups of the teams, one party-branch record each. */
  public List<String> teamGroups(String roundKey) {
    return plan(roundKey).teams().stream().map(Team::groupId).toList();
  }

  public List<String> departments(String roundKey) {
    return plan(roundKey).departments();
  }

  public String teamGroupOf(String roundKey, String unitGroup) {
    RoundPlan plan = plan(roundKey);
    InspectedUnit unit = unit(plan, unitGroup);
    return plan.teamOf(unit).groupId();
  }

  /** How the unit's villages are covered: {@code ALL} or {@code PARTIAL} (the on-site gateway routes on it). */
  public String coverageOf(String roundKey, String unitGroup) {
    return unit(plan(roundKey), unitGroup).coverage().name();
  }

  public RoundPlan plan(String roundKey) {
    return rounds.findPlan(roundKey).orElseThrow(() -> new IllegalStateException("No round " + roundKey));
  }

  public long roundId(String roundKey) {
    return rounds.find(roundKey).orElseThrow(() -> new IllegalStateException("No round " + roundKey)).id();
  }

  /** The unit a unit-inspection process (or one of its tasks) works on, from its variables. */
  public UnitRef unitOf(VariableScope scope) {
    return unit((String) scope.getVariable(RoundVariables.ROUND_KEY), (String) scope.getVariable(RoundVariables.UNIT_GROUP));
  }

  /** The id (xc_unit) of the unit a round inspects, which travels to its processes as {@code unitId}: one statement. */
  public long unitIdOf(String roundKey, String unitGroup) {
    return jdbc.sql("select u.id from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(Long.class).single();
  }

  public UnitRef unit(String roundKey, String unitGroup) {
    RoundPlan plan = plan(roundKey);
    InspectedUnit unit = unit(plan, unitGroup);
    Team team = plan.teamOf(unit);
    return jdbc.sql("""
            select u.id, u.round_id, u.team_id from xc_unit u join xc_round r on r.id = u.round_id
            where r.business_key = ? and u.group_id = ?""")
        .params(roundKey, unitGroup)
        .query((rs, row) -> new UnitRef(roundKey, rs.getLong("round_id"), rs.getLong("id"), rs.getLong("team_id"), plan, unit, team))
        .single();
  }

  /** The id of a village of the unit, by name; empty when the unit has no such village. */
  public java.util.Optional<Long> villageId(UnitRef unit, String village) {
    return jdbc.sql("select id from xc_village where unit_id = ? and name = ?")
        .params(unit.unitId(), village).query(Long.class).optional();
  }

  private static InspectedUnit unit(RoundPlan plan, String unitGroup) {
    return plan.units().stream().filter(unit -> unit.groupId().equals(unitGroup)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No unit with group " + unitGroup + " in " + plan.name()));
  }

  /** One inspected unit of an approved round, with the ids of its rows and the team that inspects it. */
  public record UnitRef(String roundKey, long roundId, long unitId, long teamId, RoundPlan plan, InspectedUnit unit, Team team) {
  }
}

package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import cn.xuncha.county.Counties;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The approved plan as the later steps see it: which teams and units a round has (the
 * multi-instance collections of the BPMN) and, for one unit's process, the unit it works on.
 */
@Component("roundPlans")
public class RoundUnits {

  /**
   * One unit with its round, team, team members and villages, in one statement: the unit's row
   * joined to its round and team, once with each member and once with each village. The stay is the
   * unit's own where the plan gives one, else the round's.
   */
  private static final String UNIT = """
      select u.id, u.round_id, u.team_id, u.name, u.kind, u.group_id, u.coverage, u.initial_villages, u.mobile_villages,
             u.entry_date as own_entry_date, u.withdrawal_date as own_withdrawal_date, u.inspection_kind,
             coalesce(u.inspection_kind, r.kind) as inspected_as, u.follows_unit_id,
             coalesce(u.entry_date, r.entry_date) as entry_date, coalesce(u.withdrawal_date, r.withdrawal_date) as withdrawal_date,
             r.business_key, r.name as round_name, r.plan_filing_date,
             t.team_no, t.name as team_name, t.group_id as team_group, %s as part, %s as role, %s as position, %s as part_name,
             %s as account, %s as named
      from xc_unit u join xc_round r on r.id = u.round_id join xc_team t on t.id = u.team_id %s
      where %s""";

  private final RoundRepository rounds;
  private final JdbcClient jdbc;
  private final Counties counties;

  RoundUnits(RoundRepository rounds, JdbcClient jdbc, Counties counties) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.counties = counties;
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

  /**
   * The unit's entry date as an ISO string ({@code entryDate} of its unit-inspection process, from
   * which its timers and deadlines D1, D8 run): its own, or the round's.
   */
  public String entryDateOf(String roundKey, String unitGroup) {
    return unit(roundKey, unitGroup).round().entryDate().toString();
  }

  /** The unit's withdrawal date as an ISO string ({@code withdrawalDate}: D2, D8): its own, or the round's. */
  public String withdrawalDateOf(String roundKey, String unitGroup) {
    return unit(roundKey, unitGroup).round().withdrawalDate().toString();
  }

  /** The {@link RoundKind} name of the kind of inspection the unit gets: the on-site step verifies earlier rectification for FOLLOW_UP. */
  public String inspectionKindOf(String roundKey, String unitGroup) {
    return unit(roundKey, unitGroup).round().kind().name();
  }

  public String teamGroupOf(String roundKey, String unitGroup) {
    return unit(roundKey, unitGroup).team().groupId();
  }

  /**
   * The account of the leader of the round's team whose group is {@code teamGroup}: the assignee of
   * the tasks the measures give the 组长 (确认问题底稿、组长谈话与分析研判、向领导小组报告重大问题; 实施办法
   * 第八条 组长负责制), read when each task is created, so a leader replaced mid-round gets the next
   * ones. Null, leaving the task to the team's group, for a round stored before teams were formed
   * from the pool (its leader is a name, no account).
   */
  public String leaderOf(String roundKey, String teamGroup) {
    return jdbc.sql("""
            select m.account from xc_team_member m join xc_team t on t.id = m.team_id join xc_round r on r.id = t.round_id
            where r.business_key = ? and t.group_id = ? and m.role = ?""")
        .params(roundKey, teamGroup, RoundRepository.LEADER).query(String.class).optional().orElse(null);
  }

  /**
   * How the unit's villages are covered, a {@link Coverage} name: the on-site gateway calls
   * step-06-mobile-villages for {@code PARTIAL} alone.
   */
  public String coverageOf(String roundKey, String unitGroup) {
    return unit(roundKey, unitGroup).unit().coverage().name();
  }

  /**
   * The id of the unit's row (xc_unit), handed to its unit-inspection process as {@code unitId} by the
   * round's call activity so that every task of the unit finds it by id.
   */
  public long unitIdOf(String roundKey, String unitGroup) {
    return jdbc.sql("select u.id from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(Long.class).optional()
        .orElseThrow(() -> new IllegalStateException("No unit with group " + unitGroup + " in round " + roundKey));
  }

  /** The ids of the round's units (xc_unit) by group, in one statement. */
  public Map<String, Long> unitIds(String roundKey) {
    Map<String, Long> ids = new java.util.HashMap<>();
    jdbc.sql("select u.group_id, u.id from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ?").param(roundKey)
        .query(rs -> {
          ids.put(rs.getString(1), rs.getLong(2));
        });
    return ids;
  }

  public RoundPlan plan(String roundKey) {
    return rounds.findPlan(roundKey).orElseThrow(() -> new IllegalStateException("No round " + roundKey));
  }

  public long roundId(String roundKey) {
    return rounds.find(roundKey).orElseThrow(() -> new IllegalStateException("No round " + roundKey)).id();
  }

  /** The code of the county {@code roundKey} belongs to (its Camunda tenant); IllegalStateException for no such round. */
  public String county(String roundKey) {
    return jdbc.sql("select county from xc_round where business_key = ?").param(roundKey).query(String.class).optional()
        .orElseThrow(() -> new IllegalStateException("No round " + roundKey));
  }

  /**
   * 发文机关 of the unit's team as its documents and notices name it, of its round's county committee:
   * 松川县委第二巡察组 ({@link cn.xuncha.county.CountySettings.Settings#teamBody}).
   */
  public String teamBody(UnitRef unit) {
    return counties.settings(county(unit.roundKey())).teamBody(unit.team().name());
  }

  /**
   * The unit a unit-inspection process (or one of its tasks) works on, in one query: by its variable
   * {@code unitId}; where an instance has none (one started before the variable existed, or a
   * clue-transfer instance, which gets only the round key and the unit's group), by those two.
   */
  public UnitRef unitOf(VariableScope scope) {
    Object unitId = scope.getVariable(RoundVariables.UNIT_ID);
    if (unitId != null) {
      return load("u.id = ?", ((Number) unitId).longValue())
          .orElseThrow(() -> new IllegalStateException("No unit with id " + unitId));
    }
    return unit((String) scope.getVariable(RoundVariables.ROUND_KEY), (String) scope.getVariable(RoundVariables.UNIT_GROUP));
  }

  /** The unit of the round whose group is {@code unitGroup}, in one query. */
  public UnitRef unit(String roundKey, String unitGroup) {
    return load("r.business_key = ? and u.group_id = ?", roundKey, unitGroup)
        .orElseThrow(() -> new IllegalStateException("No unit with group " + unitGroup + " in round " + roundKey));
  }

  /** The id of a village of the unit, by name; empty when the unit has no such village. */
  public Optional<Long> villageId(UnitRef unit, String village) {
    return jdbc.sql("select id from xc_village where unit_id = ? and name = ?")
        .params(unit.unitId(), village).query(Long.class).optional();
  }

  private Optional<UnitRef> load(String where, Object... params) {
    String sql = UNIT.formatted("'MEMBER'", "m.role", "m.position", "m.name", "m.account", "false", "left join xc_team_member m on m.team_id = u.team_id", where)
        + "\nunion all\n"
        + UNIT.formatted("'VILLAGE'", "cast(null as varchar(10))", "v.position", "v.name", "cast(null as varchar(64))", "v.named", "left join xc_village v on v.unit_id = u.id", where)
        + "\norder by part, role, position";
    Object[] both = new Object[params.length * 2];
    System.arraycopy(params, 0, both, 0, params.length);
    System.arraycopy(params, 0, both, params.length, params.length);
    return jdbc.sql(sql).params(both).query((ResultSetExtractor<Optional<UnitRef>>) RoundUnits::unitRef);
  }

  private static Optional<UnitRef> unitRef(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return Optional.empty();
    }
    List<String> villages = new ArrayList<>();
    List<String> named = new ArrayList<>();
    List<String[]> people = new ArrayList<>();
    String roundKey = rs.getString("business_key");
    Round round = new Round(rs.getString("round_name"), RoundKind.valueOf(rs.getString("inspected_as")), localDate(rs, "entry_date"), localDate(rs, "withdrawal_date"),
        localDate(rs, "plan_filing_date"));
    long unitId = rs.getLong("id");
    long roundId = rs.getLong("round_id");
    long teamId = rs.getLong("team_id");
    int teamNo = rs.getInt("team_no");
    String teamName = rs.getString("team_name");
    String teamGroup = rs.getString("team_group");
    String name = rs.getString("name");
    UnitKind kind = UnitKind.valueOf(rs.getString("kind"));
    String groupId = rs.getString("group_id");
    Coverage coverage = Coverage.valueOf(rs.getString("coverage"));
    Integer initial = (Integer) rs.getObject("initial_villages");
    Integer mobile = (Integer) rs.getObject("mobile_villages");
    LocalDate ownEntry = localDate(rs, "own_entry_date");
    LocalDate ownWithdrawal = localDate(rs, "own_withdrawal_date");
    RoundKind ownKind = RoundRepository.kind(rs.getString("inspection_kind"));
    Long followsUnitId = (Long) rs.getObject("follows_unit_id", Long.class);
    do {
      String partName = rs.getString("part_name");
      if (partName == null) {
        continue;
      }
      if ("VILLAGE".equals(rs.getString("part"))) {
        villages.add(partName);
        if (rs.getBoolean("named")) {
          named.add(partName);
        }
      } else {
        people.add(new String[] {rs.getString("role"), rs.getString("account"), partName});
      }
    } while (rs.next());
    return Optional.of(new UnitRef(roundKey, roundId, unitId, teamId, followsUnitId, round,
        new InspectedUnit(name, kind, teamNo, groupId, villages, coverage, named, initial, mobile, ownEntry, ownWithdrawal, ownKind, null),
        RoundRepository.team(teamNo, teamName, teamGroup, people, List.of())));
  }

  private static LocalDate localDate(ResultSet rs, String column) throws SQLException {
    java.sql.Date date = rs.getDate(column);
    return date == null ? null : date.toLocalDate();
  }

  /**
   * The round of a unit as its steps need it: its name, the kind of inspection the unit gets (its own
   * or the round's, {@link RoundPlan#kindOf}), the unit's stay (its own entry and withdrawal
   * dates where the plan gives them, 办法 第十四条, else the round's) and the plan's filing date. Every
   * step, document and check of the unit reads the stay from here.
   */
  public record Round(String name, RoundKind kind, LocalDate entryDate, LocalDate withdrawalDate, LocalDate planFilingDate) {
  }

  /**
   * One inspected unit of an approved round, with the ids of its rows and the team that inspects it
   * (its people and group; the plan's 回避 exceptions are {@link #plan}'s); {@code followsUnitId} is
   * the id of the earlier round's unit a 巡察“回头看” follows up, else null. ({@code unit().followUp()}
   * is not loaded here: the id is what the steps need.)
   */
  public record UnitRef(String roundKey, long roundId, long unitId, long teamId, Long followsUnitId, Round round, InspectedUnit unit,
                        Team team) {
  }
}

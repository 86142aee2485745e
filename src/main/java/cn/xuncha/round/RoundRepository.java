package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.FollowUp;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The round plans in the application's own tables, found by the business key of their process. */
@Repository
public class RoundRepository {

  /** Roles of a team's people (xc_team_member.role). */
  static final String LEADER = "LEADER";
  static final String DEPUTY = "DEPUTY";
  static final String MEMBER = "MEMBER";
  static final String LIAISON = "LIAISON";

  private final JdbcClient jdbc;

  RoundRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<RoundRecord> find(String businessKey) {
    return jdbc.sql("""
            select id, business_key, status, created_by, created_at, approved_at
            from xc_round where business_key = ?""")
        .param(businessKey)
        .query((rs, row) -> new RoundRecord(
            rs.getLong("id"),
            rs.getString("business_key"),
            RoundStatus.valueOf(rs.getString("status")),
            rs.getString("created_by"),
            rs.getTimestamp("created_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("approved_at")).map(Timestamp::toInstant).orElse(null)))
        .optional();
  }

  public Optional<RoundPlan> findPlan(String businessKey) {
    return find(businessKey).map(round -> loadPlan(round.id()));
  }

  /**
   * The names an instance of the round shows on its task cards ({@link InstanceNames}), in one
   * statement: the round's name, the name of its unit whose group is {@code unitGroup} with the name
   * of the team that inspects it, and the name of its team whose group is {@code teamGroup}. A name
   * is null where the round has no such unit or team (or the group is null); empty when there is no
   * round with this key (step 1 before the plan was first submitted).
   */
  Optional<Labels> labels(String roundKey, String unitGroup, String teamGroup) {
    return jdbc.sql("""
            select r.name as round_name, u.name as unit_name, ut.name as unit_team_name, t.name as team_name
            from xc_round r
            left join xc_unit u on u.round_id = r.id and u.group_id = ?
            left join xc_team ut on ut.id = u.team_id
            left join xc_team t on t.round_id = r.id and t.group_id = ?
            where r.business_key = ?
            order by u.id""")
        .params(unitGroup, teamGroup, roundKey)
        .query((rs, row) -> new Labels(rs.getString("round_name"), rs.getString("unit_name"), rs.getString("unit_team_name"),
            rs.getString("team_name")))
        .list().stream().findFirst();
  }

  /** What {@link #labels} finds: the round's name, a unit's name and its team's, a team's name. */
  record Labels(String round, String unit, String unitTeam, String team) {
  }

  /**
   * Stores the plan as submitted, replacing the teams and units of an earlier submission; a new round
   * belongs to {@code county}, the county of its process instance.
   */
  void saveSubmitted(String businessKey, String county, RoundPlan plan, String actor, Instant now) {
    long roundId = find(businessKey)
        .map(round -> updateHeader(round.id(), plan))
        .orElseGet(() -> insertHeader(businessKey, county, plan, actor, now));
    jdbc.sql("delete from xc_team where round_id = ?").param(roundId).update();
    Map<Integer, Long> teamIds = new HashMap<>();
    for (Team team : plan.teams()) {
      long teamId = insert("""
              insert into xc_team (round_id, team_no, name, group_id) values (?, ?, ?, ?)""",
          roundId, team.teamNo(), team.name(), team.groupId() != null ? team.groupId() : Team.groupIdOf(businessKey, team.teamNo()));
      teamIds.put(team.teamNo(), teamId);
      insertMember(teamId, LEADER, 0, team, team.leader());
      for (int i = 0; i < team.deputies().size(); i++) {
        insertMember(teamId, DEPUTY, i, team, team.deputies().get(i));
      }
      for (int i = 0; i < team.members().size(); i++) {
        insertMember(teamId, MEMBER, i, team, team.members().get(i));
      }
      if (team.liaison() != null) {
        insertMember(teamId, LIAISON, 0, team, team.liaison());
      }
      for (int i = 0; i < team.exemptions().size(); i++) {
        RoundPlan.Exemption exemption = team.exemptions().get(i);
        jdbc.sql("insert into xc_team_exemption (team_id, position, account, unit, reason) values (?, ?, ?, ?, ?)")
            .params(teamId, i, exemption.person(), exemption.unit(), exemption.reason()).update();
      }
    }
    jdbc.sql("delete from xc_round_department where round_id = ?").param(roundId).update();
    for (int i = 0; i < plan.departments().size(); i++) {
      jdbc.sql("insert into xc_round_department (round_id, position, group_id) values (?, ?, ?)")
          .params(roundId, i, plan.departments().get(i)).update();
    }
    for (InspectedUnit unit : plan.units()) {
      long unitId = insert("""
              insert into xc_unit (round_id, team_id, name, kind, group_id, coverage, initial_villages, mobile_villages,
                                   entry_date, withdrawal_date, inspection_kind, follows_unit_id)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
          roundId, teamIds.get(unit.teamNo()), unit.name(), unit.kind().name(), unit.groupId(), unit.coverage().name(),
          unit.initialVillages(), unit.mobileVillages(), unit.entryDate(), unit.withdrawalDate(),
          unit.inspectionKind() == null ? null : unit.inspectionKind().name(),
          unit.followUp() == null ? null : earlierUnit(unit.followUp()).map(EarlierUnit::unitId).orElse(null));
      for (int i = 0; i < unit.villages().size(); i++) {
        String village = unit.villages().get(i);
        jdbc.sql("insert into xc_village (unit_id, position, name, named) values (?, ?, ?, ?)")
            .params(unitId, i, village, unit.namedVillages().contains(village)).update();
      }
    }
  }

  void updateStatus(String businessKey, RoundStatus status) {
    jdbc.sql("update xc_round set status = ? where business_key = ?").params(status.name(), businessKey).update();
  }

  void markApproved(String businessKey, Instant approvedAt) {
    jdbc.sql("update xc_round set status = ?, approved_at = ? where business_key = ?")
        .params(RoundStatus.APPROVED.name(), Timestamp.from(approvedAt), businessKey).update();
  }

  private long insertHeader(String businessKey, String county, RoundPlan plan, String actor, Instant now) {
    return insert("""
            insert into xc_round (business_key, county, name, term, round_no, entry_date, withdrawal_date, plan_filing_date,
                                  status, created_by, created_at, kind)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        businessKey, county, plan.name(), plan.term(), plan.roundNo(), plan.entryDate(), plan.withdrawalDate(),
        plan.planFilingDate(), RoundStatus.SUBMITTED.name(), actor, Timestamp.from(now), plan.kind().name());
  }

  private long updateHeader(long roundId, RoundPlan plan) {
    jdbc.sql("""
            update xc_round set name = ?, term = ?, round_no = ?, entry_date = ?, withdrawal_date = ?,
                                plan_filing_date = ?, status = ?, kind = ?
            where id = ?""")
        .params(plan.name(), plan.term(), plan.roundNo(), plan.entryDate(), plan.withdrawalDate(),
            plan.planFilingDate(), RoundStatus.SUBMITTED.name(), plan.kind().name(), roundId)
        .update();
    return roundId;
  }

  private void insertMember(long teamId, String role, int position, Team team, String account) {
    jdbc.sql("insert into xc_team_member (team_id, role, position, account, name) values (?, ?, ?, ?, ?)")
        .params(teamId, role, position, account, team.nameOf(account)).update();
  }

  private long insert(String sql, Object... params) {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(sql).params(params).update(keys, "id");
    return keys.getKey().longValue();
  }

  private RoundPlan loadPlan(long roundId) {
    Map<Long, Integer> teamNoById = new HashMap<>();
    Map<Long, List<String[]>> membersByTeam = new HashMap<>();
    jdbc.sql("""
            select m.team_id, m.role, m.account, m.name from xc_team_member m join xc_team t on t.id = m.team_id
            where t.round_id = ? order by m.team_id, m.role, m.position""")
        .param(roundId)
        .query(rs -> {
          membersByTeam.computeIfAbsent(rs.getLong("team_id"), id -> new ArrayList<>())
              .add(new String[] {rs.getString("role"), rs.getString("account"), rs.getString("name")});
        });
    Map<Long, List<RoundPlan.Exemption>> exemptionsByTeam = new HashMap<>();
    jdbc.sql("""
            select e.team_id, e.account, e.unit, e.reason from xc_team_exemption e join xc_team t on t.id = e.team_id
            where t.round_id = ? order by e.team_id, e.position""")
        .param(roundId)
        .query(rs -> {
          exemptionsByTeam.computeIfAbsent(rs.getLong("team_id"), id -> new ArrayList<>())
              .add(new RoundPlan.Exemption(rs.getString("account"), rs.getString("unit"), rs.getString("reason")));
        });
    List<Team> teams = jdbc.sql("select id, team_no, name, group_id from xc_team where round_id = ? order by team_no")
        .param(roundId)
        .query((rs, row) -> {
          long id = rs.getLong("id");
          teamNoById.put(id, rs.getInt("team_no"));
          return team(rs.getInt("team_no"), rs.getString("name"), rs.getString("group_id"), membersByTeam.getOrDefault(id, List.of()),
              exemptionsByTeam.getOrDefault(id, List.of()));
        })
        .list();
    Map<Long, List<String>> villagesByUnit = new HashMap<>();
    Map<Long, List<String>> namedByUnit = new HashMap<>();
    jdbc.sql("""
            select v.unit_id, v.name, v.named from xc_village v join xc_unit u on u.id = v.unit_id
            where u.round_id = ? order by v.unit_id, v.position""")
        .param(roundId)
        .query(rs -> {
          villagesByUnit.computeIfAbsent(rs.getLong("unit_id"), id -> new ArrayList<>()).add(rs.getString("name"));
          if (rs.getBoolean("named")) {
            namedByUnit.computeIfAbsent(rs.getLong("unit_id"), id -> new ArrayList<>()).add(rs.getString("name"));
          }
        });
    List<InspectedUnit> units = jdbc.sql("""
            select u.id, u.name, u.kind, u.team_id, u.group_id, u.coverage, u.initial_villages, u.mobile_villages,
                   u.entry_date, u.withdrawal_date, u.inspection_kind, fr.name as follows_round, fu.name as follows_unit
            from xc_unit u join xc_team t on t.id = u.team_id
            left join xc_unit fu on fu.id = u.follows_unit_id left join xc_round fr on fr.id = fu.round_id
            where u.round_id = ? order by t.team_no, u.id""")
        .param(roundId)
        .query((rs, row) -> new InspectedUnit(
            rs.getString("name"),
            UnitKind.valueOf(rs.getString("kind")),
            teamNoById.get(rs.getLong("team_id")),
            rs.getString("group_id"),
            villagesByUnit.getOrDefault(rs.getLong("id"), List.of()),
            Coverage.valueOf(rs.getString("coverage")),
            namedByUnit.getOrDefault(rs.getLong("id"), List.of()),
            (Integer) rs.getObject("initial_villages"),
            (Integer) rs.getObject("mobile_villages"),
            localDate(rs.getDate("entry_date")),
            localDate(rs.getDate("withdrawal_date")),
            kind(rs.getString("inspection_kind")),
            FollowUp.of(rs.getString("follows_round"), rs.getString("follows_unit"))))
        .list();
    List<String> departments = jdbc.sql("select group_id from xc_round_department where round_id = ? order by position")
        .param(roundId).query(String.class).list();
    return jdbc.sql("""
            select name, term, round_no, entry_date, withdrawal_date, plan_filing_date, kind from xc_round where id = ?""")
        .param(roundId)
        .query((rs, row) -> new RoundPlan(
            rs.getString("name"),
            rs.getString("term"),
            rs.getInt("round_no"),
            localDate(rs.getDate("entry_date")),
            localDate(rs.getDate("withdrawal_date")),
            localDate(rs.getDate("plan_filing_date")),
            teams,
            units,
            departments,
            kind(rs.getString("kind"))))
        .single();
  }

  /**
   * The unit a 巡察“回头看” names: the unit called {@code followUp.unit()} of the approved round called
   * {@code followUp.round()} (the latest such round should two share a name), with the number of items
   * of its rectification ledger; empty when no approved round has such a unit.
   */
  Optional<EarlierUnit> earlierUnit(FollowUp followUp) {
    return jdbc.sql("""
            select u.id, (select count(*) from xc_rectification_item i where i.unit_id = u.id) as items
            from xc_unit u join xc_round r on r.id = u.round_id
            where r.status = 'APPROVED' and r.name = ? and u.name = ? order by r.approved_at desc""")
        .params(strip(followUp.round()), strip(followUp.unit()))
        .query((rs, row) -> new EarlierUnit(rs.getLong("id"), rs.getInt("items"))).list().stream().findFirst();
  }

  /** A unit of an earlier round and the number of items of its rectification ledger. */
  record EarlierUnit(long unitId, int ledgerItems) {
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  static RoundKind kind(String name) {
    return name == null ? null : RoundKind.valueOf(name);
  }

  /**
   * A stored team from its member rows ({role, account, name}); a row of a round stored before teams
   * came from the pool has no account and stands for its name.
   */
  static Team team(int teamNo, String name, String groupId, List<String[]> rows, List<RoundPlan.Exemption> exemptions) {
    Map<String, String> names = new HashMap<>();
    Map<String, List<String>> byRole = new HashMap<>();
    for (String[] row : rows) {
      String person = row[1] != null ? row[1] : row[2];
      names.put(person, row[2]);
      byRole.computeIfAbsent(row[0], role -> new ArrayList<>()).add(person);
    }
    return new Team(teamNo, name, first(byRole.get(LEADER)), byRole.getOrDefault(DEPUTY, List.of()), byRole.getOrDefault(MEMBER, List.of()),
        first(byRole.get(LIAISON)), exemptions, groupId, names);
  }

  private static String first(List<String> people) {
    return people == null ? null : people.get(0);
  }

  private static LocalDate localDate(java.sql.Date date) {
    return date == null ? null : date.toLocalDate();
  }
}

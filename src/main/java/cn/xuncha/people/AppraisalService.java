package cn.xuncha.people;

import cn.xuncha.people.Appraisal.Appraiser;
import cn.xuncha.county.Counties;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 组长评价 and 巡察办评价 of the members of a round's team (issue 13 item 6), kept with their pool
 * entries. A team may be appraised from the day its last unit withdraws (Beijing) on — a unit of a
 * later batch (办法 第十四条) has its own withdrawal date, every other the round's: the leader
 * appraises deputies and members, the office everyone incl. the leader; administrators act as the
 * office. Recording again replaces the same appraiser's earlier appraisal of that person.
 */
@Service
public class AppraisalService {

  private final JdbcClient jdbc;
  private final RoundUnits rounds;
  private final InspectorPool pool;
  private final Clock clock;
  private final Counties counties;

  AppraisalService(JdbcClient jdbc, RoundUnits rounds, InspectorPool pool, Clock clock, Counties counties) {
    this.counties = counties;
    this.jdbc = jdbc;
    this.rounds = rounds;
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * A team of an approved round as the appraisal pages show it; {@code withdrawalDate} is its last unit's,
   * {@code leader} the plan's leader (an account).
   */
  public record TeamRef(long teamId, String roundKey, String roundName, LocalDate withdrawalDate, int teamNo, String teamName, String leader) {
  }

  /** A person to appraise, with the appraisals recorded so far (null where none). */
  public record Member(String account, String name, String role, boolean inPool, Appraisal byLeader, Appraisal byOffice) {
  }

  /** What the appraiser entered for one person; a row with neither grade nor remark is left out. */
  public record Entry(String account, String grade, String remark) {
  }

  /**
   * The teams of approved rounds of the user's counties ({@code Counties}) {@code user} may appraise, newest
   * round first: every team for the office, the teams {@code user} leads otherwise. One statement.
   */
  public List<TeamRef> teamsFor(String user, boolean office) {
    List<String> visible = counties.visible();
    String inCounties = "r.county in (" + String.join(", ", Collections.nCopies(visible.size(), "?")) + ")";
    if (office) {
      return teams(inCounties, visible.toArray());
    }
    List<Object> params = new ArrayList<>(visible);
    params.add(user);
    return teams(inCounties + " and coalesce(m.account, m.name) = ?", params.toArray());
  }

  /** Team {@code teamNo} of the approved round {@code roundKey}; empty when there is no such team. */
  public Optional<TeamRef> team(String roundKey, int teamNo) {
    return teams("r.business_key = ? and t.team_no = ?", roundKey, teamNo).stream().findFirst();
  }

  private List<TeamRef> teams(String condition, Object... params) {
    return jdbc.sql("""
            select t.id, r.business_key, r.name round_name,
              coalesce((select max(coalesce(u.withdrawal_date, r.withdrawal_date)) from xc_unit u where u.team_id = t.id), r.withdrawal_date)
                withdrawal_date, t.team_no, t.name team_name, coalesce(m.account, m.name) leader
            from xc_round r join xc_team t on t.round_id = r.id
            left join xc_team_member m on m.team_id = t.id and m.role = 'LEADER'
            where r.status = 'APPROVED' and %s
            order by r.created_at desc, t.team_no""".formatted(condition))
        .params(params).query((rs, n) -> new TeamRef(rs.getLong("id"), rs.getString("business_key"), rs.getString("round_name"),
            rs.getDate("withdrawal_date").toLocalDate(), rs.getInt("team_no"), rs.getString("team_name"), rs.getString("leader")))
        .list();
  }

  /** Who {@code user} appraises in {@code team} as: the office (and administrators), the team's leader, or nobody (empty). */
  public Optional<Appraiser> appraiserOf(TeamRef team, String user, boolean office) {
    if (office) {
      return Optional.of(Appraiser.OFFICE);
    }
    return user.equals(team.leader()) ? Optional.of(Appraiser.LEADER) : Optional.empty();
  }

  /** Everyone {@code appraiser} appraises in {@code team}, in the plan's order, with their names from the pool. */
  public List<Member> members(TeamRef team, Appraiser appraiser) {
    Team planned = rounds.plan(team.roundKey()).teams().stream().filter(t -> t.teamNo() == team.teamNo()).findFirst().orElseThrow();
    Map<String, Map<Appraiser, Appraisal>> recorded = jdbc.sql("""
            select account, appraiser, grade, remark, recorded_by, recorded_at from xc_inspector_appraisal where team_id = ?""")
        .param(team.teamId())
        .query((rs, n) -> appraisal(rs, team.roundName(), team.teamName())).list().stream()
        .collect(Collectors.groupingBy(Appraisal::account, Collectors.toMap(Appraisal::appraiser, a -> a)));
    Map<String, Inspector> people = pool.all().stream().collect(Collectors.toMap(Inspector::account, p -> p));
    List<Member> members = new ArrayList<>();
    if (appraiser == Appraiser.OFFICE) {
      add(members, planned.leader(), "组长", people, recorded);
    }
    planned.deputies().forEach(account -> add(members, account, "副组长", people, recorded));
    planned.members().forEach(account -> add(members, account, "组员", people, recorded));
    if (planned.liaison() != null) {
      add(members, planned.liaison(), "联络员", people, recorded);
    }
    return members;
  }

  private static void add(List<Member> members, String account, String role, Map<String, Inspector> people,
      Map<String, Map<Appraiser, Appraisal>> recorded) {
    Inspector person = people.get(account);
    Map<Appraiser, Appraisal> own = recorded.getOrDefault(account, Map.of());
    members.add(new Member(account, person == null ? account : person.name(), role, person != null,
        own.get(Appraiser.LEADER), own.get(Appraiser.OFFICE)));
  }

  /**
   * Records {@code appraiser}'s appraisals of the team. Refuses, with every problem at once and
   * nothing stored: a team whose round has not reached its withdrawal date, a person who is not
   * among those the appraiser appraises or is not in the pool, a grade outside {@link Appraisal#GRADES},
   * a remark without grade or over {@link Appraisal#REMARK_LIMIT} characters, nothing entered.
   */
  @Transactional
  public void record(TeamRef team, Appraiser appraiser, List<Entry> entries, String by) {
    List<String> problems = new ArrayList<>();
    LocalDate today = ChinaTime.today(clock);
    if (today.isBefore(team.withdrawalDate())) {
      problems.add(team.teamName() + "于 " + team.withdrawalDate() + " 撤回，撤回后才能评价组内干部");
    }
    Map<String, Member> members = members(team, appraiser).stream().collect(Collectors.toMap(Member::account, m -> m));
    List<Entry> given = entries.stream().filter(e -> !blank(e.grade()) || !blank(e.remark())).toList();
    if (given.isEmpty()) {
      problems.add("请至少为一名干部选择评价等次");
    }
    for (Entry entry : given) {
      Member member = members.get(entry.account());
      if (member == null) {
        problems.add(entry.account() + " 不是" + team.teamName() + "中由您评价的干部");
        continue;
      }
      if (!member.inPool()) {
        problems.add(member.name() + "：不在巡察工作人才库中，请先由巡察办录入");
      }
      if (blank(entry.grade())) {
        problems.add(member.name() + "：请选择评价等次");
      } else if (!Appraisal.GRADES.contains(entry.grade())) {
        problems.add(member.name() + "：评价等次须为" + String.join("、", Appraisal.GRADES) + "之一");
      }
      if (entry.remark() != null && entry.remark().strip().length() > Appraisal.REMARK_LIMIT) {
        problems.add(member.name() + "：评语不能超过 " + Appraisal.REMARK_LIMIT + " 字（现为 " + entry.remark().strip().length() + " 字）");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Timestamp now = Timestamp.from(clock.instant());
    for (Entry entry : given) {
      jdbc.sql("delete from xc_inspector_appraisal where team_id = ? and account = ? and appraiser = ?")
          .params(team.teamId(), entry.account(), appraiser.name()).update();
      jdbc.sql("""
              insert into xc_inspector_appraisal (team_id, account, appraiser, grade, remark, recorded_by, recorded_at)
              values (?, ?, ?, ?, ?, ?, ?)""")
          .params(team.teamId(), entry.account(), appraiser.name(), entry.grade(), blank(entry.remark()) ? null : entry.remark().strip(), by, now)
          .update();
    }
  }

  /** Every appraisal of the person, newest first, with round and team names: what the pool page shows. */
  public List<Appraisal> of(String account) {
    return jdbc.sql("""
            select a.account, a.appraiser, a.grade, a.remark, a.recorded_by, a.recorded_at, r.name round_name, t.name team_name
            from xc_inspector_appraisal a join xc_team t on t.id = a.team_id join xc_round r on r.id = t.round_id
            where a.account = ? order by a.recorded_at desc, a.appraiser""")
        .param(account).query((rs, n) -> appraisal(rs, rs.getString("round_name"), rs.getString("team_name"))).list();
  }

  private static Appraisal appraisal(java.sql.ResultSet rs, String roundName, String teamName) throws java.sql.SQLException {
    return new Appraisal(rs.getString("account"), roundName, teamName, Appraiser.valueOf(rs.getString("appraiser")),
        rs.getString("grade"), rs.getString("remark"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

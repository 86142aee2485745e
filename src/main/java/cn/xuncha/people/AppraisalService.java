package cn.xuncha.people;

import cn.xuncha.people.Appraisal.Appraiser;
import cn.xuncha.county.Counties;
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

  /** Roles of a team's people as xc_team_member stores them, with their Chinese names. */
  private static final Map<String, String> ROLES = Map.of("LEADER", "组长", "DEPUTY", "副组长", "MEMBER", "组员", "LIAISON", "联络员");

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Counties counties;

  AppraisalService(JdbcClient jdbc, Clock clock, Counties counties) {
    this.counties = counties;
    this.jdbc = jdbc;
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

  /**
   * Everyone {@code appraiser} appraises in {@code team} as the team is now (after any change during the
   * round), leader, deputies, members, liaison in the plan's order, named as the pool names them; two
   * statements whatever the size of the pool.
   */
  public List<Member> members(TeamRef team, Appraiser appraiser) {
    Map<String, Map<Appraiser, Appraisal>> recorded = jdbc.sql("""
            select account, appraiser, grade, remark, recorded_by, recorded_at from xc_inspector_appraisal where team_id = ?""")
        .param(team.teamId())
        .query((rs, n) -> appraisal(rs, team.roundName(), team.teamName())).list().stream()
        .collect(Collectors.groupingBy(Appraisal::account, Collectors.toMap(Appraisal::appraiser, a -> a)));
    return jdbc.sql("""
            select m.account, m.role, i.name pool_name from xc_team_member m left join xc_inspector i on i.account = m.account
            where m.team_id = ? and m.account is not null and (? or m.role <> 'LEADER')
            order by case m.role when 'LEADER' then 0 when 'DEPUTY' then 1 when 'MEMBER' then 2 else 3 end, m.position""")
        .params(team.teamId(), appraiser == Appraiser.OFFICE)
        .query((rs, n) -> {
          String account = rs.getString("account");
          String name = rs.getString("pool_name");
          Map<Appraiser, Appraisal> own = recorded.getOrDefault(account, Map.of());
          return new Member(account, name == null ? account : name, ROLES.get(rs.getString("role")), name != null,
              own.get(Appraiser.LEADER), own.get(Appraiser.OFFICE));
        }).list();
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

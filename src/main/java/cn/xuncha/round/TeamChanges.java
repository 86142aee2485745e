package cn.xuncha.round;

import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes of a running round's team (issue 13 item 5): the office replaces the leader or a member
 * (illness, a 回避 found late) with another pool entry, giving the reason; who and when are recorded
 * with it. At once: the team's group loses the leaver and gains the replacement; the leaver's open
 * tasks of the team go to the replacement when they are the leader's own (the leader's tasks,
 * {@link RoundUnits#leaderOf}) and back to the group otherwise, and the grants the engine gave the
 * leaver as an assignee of the team's open tasks are withdrawn. The leaver loses the team's instances,
 * history, documents and registers on their next request, since every request reads the login's
 * groups anew ({@code CurrentGroupsFilter}, Camunda's REST API and webapps alike).
 * Refuses, in Chinese and changing nothing: a round that is not running, a team of a round from before
 * per-round teams (its group {@code team<N>} is shared by rounds), a leaver who is not in the team, and
 * a replacement the plan could not have named ({@link TeamRules}: pool, availability,
 * 组长库, 回避 with the plan's exceptions), or a missing reason.
 */
@Service
public class TeamChanges {

  private static final java.util.Map<String, String> ROLES = java.util.Map.of(RoundRepository.LEADER, "组长", RoundRepository.DEPUTY, "副组长",
      RoundRepository.MEMBER, "组员", RoundRepository.LIAISON, "联络员");

  private final RoundUnits rounds;
  private final InspectorPoolService pool;
  private final TeamRules teamRules;
  private final TeamGroups groups;
  private final IdentityService identity;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final JdbcClient jdbc;
  private final Clock clock;

  TeamChanges(RoundUnits rounds, InspectorPoolService pool, TeamRules teamRules, TeamGroups groups, IdentityService identity, TaskService tasks,
              AuthorizationService authorizations, JdbcClient jdbc, Clock clock) {
    this.authorizations = authorizations;
    this.rounds = rounds;
    this.pool = pool;
    this.groups = groups;
    this.identity = identity;
    this.tasks = tasks;
    this.jdbc = jdbc;
    this.clock = clock;
    this.teamRules = teamRules;
  }

  /** One recorded change: the team, the leaver and the replacement by name, why, who, when (Beijing time). */
  public record Change(String team, String role, String leaver, String replacement, String reason, String by, String at) {
  }

  /** The round's changes, oldest first. */
  public List<Change> changes(String roundKey) {
    return jdbc.sql("""
            select t.name as team, c.role, c.leaver, c.replacement, c.reason, c.changed_by, c.changed_at
            from xc_team_change c join xc_team t on t.id = c.team_id join xc_round r on r.id = t.round_id
            where r.business_key = ? order by c.changed_at, c.id""")
        .param(roundKey)
        .query((rs, row) -> new Change(rs.getString("team"), ROLES.get(rs.getString("role")), name(rs.getString("leaver")),
            name(rs.getString("replacement")), rs.getString("reason"), rs.getString("changed_by"), ChinaTime.format(rs.getTimestamp("changed_at"))))
        .list();
  }

  /** Whether the round's teams can still be changed: approved, and not ended. */
  public boolean running(String roundKey) {
    return jdbc.sql("""
            select count(*) from xc_team t join xc_round r on r.id = t.round_id
            where r.business_key = ? and r.status = ? and t.retired_at is null""")
        .params(roundKey, RoundStatus.APPROVED.name()).query(Long.class).single() > 0;
  }

  /**
   * Replaces {@code leaver} in team {@code teamNo} of the round by {@code replacement} (pool accounts),
   * recorded as done by {@code by}.
   */
  @Transactional
  public void replace(String roundKey, int teamNo, String leaver, String replacement, String reason, String by) {
    if (!running(roundKey)) {
      throw new InvalidInputException("该轮巡察不在进行中（方案尚未批准或巡察已结束），不能调整巡察组");
    }
    RoundPlan plan = rounds.plan(roundKey);
    Team team = plan.teams().stream().filter(t -> t.teamNo() == teamNo).findFirst()
        .orElseThrow(() -> new InvalidInputException("本轮没有第 " + teamNo + " 巡察组"));
    if (!team.groupId().equals(Team.groupIdOf(roundKey, teamNo))) {
      throw new InvalidInputException(team.name() + "使用多轮共用的账户组 " + team.groupId() + "，请在管理后台调整其组员");
    }
    List<String> problems = new ArrayList<>();
    if (leaver == null || !team.people().contains(leaver)) {
      problems.add("调出人员：「" + (leaver == null ? "" : leaver) + "」不是" + team.name() + "的人员");
    }
    if (replacement == null || replacement.isBlank()) {
      problems.add("调入人员：请从人才库中选择");
    }
    if (reason == null || reason.isBlank()) {
      problems.add("调整原因：不能为空");
    } else if (reason.strip().length() > 1000) {
      problems.add("调整原因：过长（最多 1000 字）");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Team changed = swap(team, leaver, replacement);
    problems.addAll(teamRules.problems(plan, changed, changed.name(), teamRules.people()));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    String role = leaver.equals(team.leader()) ? RoundRepository.LEADER : team.deputies().contains(leaver) ? RoundRepository.DEPUTY
        : leaver.equals(team.liaison()) ? RoundRepository.LIAISON : RoundRepository.MEMBER;
    long teamId = jdbc.sql("select t.id from xc_team t join xc_round r on r.id = t.round_id where r.business_key = ? and t.team_no = ?")
        .params(roundKey, teamNo).query(Long.class).single();
    jdbc.sql("update xc_team_member set account = ?, name = ? where team_id = ? and account = ?")
        .params(replacement, pool.find(replacement).map(Inspector::name).orElse(replacement), teamId, leaver).update();
    // an exception to 回避 was approved for the leaver alone: it neither stays nor passes to the replacement
    jdbc.sql("delete from xc_team_exemption where team_id = ? and account = ?").params(teamId, leaver).update();
    jdbc.sql("""
            insert into xc_team_change (team_id, role, leaver, replacement, reason, changed_by, changed_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(teamId, role, leaver, replacement, reason.strip(), by, Timestamp.from(clock.instant())).update();
    identity.deleteMembership(leaver, team.groupId());
    groups.join(replacement, team.groupId());
    for (Task open : tasks.createTaskQuery().taskCandidateGroup(team.groupId()).includeAssignedTasks().list()) {
      if (leaver.equals(open.getAssignee())) {
        tasks.setAssignee(open.getId(), role.equals(RoundRepository.LEADER) ? replacement : null);
      }
      // the engine grants an assignee the task itself and keeps the grant when the task moves on
      authorizations.createAuthorizationQuery().userIdIn(leaver).resourceType(Resources.TASK).resourceId(open.getId()).list()
          .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
    }
  }

  private static Team swap(Team team, String leaver, String replacement) {
    return new Team(team.teamNo(), team.name(), team.leader().equals(leaver) ? replacement : team.leader(),
        team.deputies().stream().map(p -> p.equals(leaver) ? replacement : p).toList(),
        team.members().stream().map(p -> p.equals(leaver) ? replacement : p).toList(),
        leaver.equals(team.liaison()) ? replacement : team.liaison(),
        team.exemptions().stream().filter(exemption -> !exemption.person().equals(leaver)).toList(), team.groupId(), team.names());
  }

  private String name(String account) {
    return pool.find(account).map(person -> person.name() + "（" + account + "）").orElse(account);
  }
}

package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.security.RoleAuthorizations;
import cn.xuncha.security.Roles;
import cn.xuncha.system.Unrestricted;
import java.sql.Timestamp;
import java.time.Clock;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The Camunda groups of a round's teams (issue 13 item 2): formed when the county committee approves
 * the plan, one per team ({@link Team#groupIdOf}, e.g. {@code team1-round-…}) with the team's people
 * as members and the standing grants of a workflow group, so that the team's tasks
 * ({@code candidateGroups="${teamGroup}"}), instances, history, documents and registers reach this
 * round's people and nobody else's. Retired when the round ends: the group and its memberships stay,
 * so the members keep reading their own past work (instance and history grants are per group,
 * {@code AccessGroupsPlugin}), while the round has nothing left to act on: every task of it is done.
 */
@Component
public class TeamGroups {

  private final IdentityService identity;
  private final RoleAuthorizations authorizations;
  private final JdbcClient jdbc;
  private final Clock clock;

  TeamGroups(IdentityService identity, RoleAuthorizations authorizations, JdbcClient jdbc, Clock clock) {
    this.identity = identity;
    this.authorizations = authorizations;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Creates each team's group (named as the team, 第一巡察组; the id tells the rounds apart) if missing, adds the team's people that have an
   * account, and grants the group what a workflow group has. A round stored before teams were per
   * round names the global {@code team<N>} and people by name: its group exists, and names are no accounts.
   */
  public void form(RoundPlan plan) {
    Unrestricted.run(() -> {
      for (Team team : plan.teams()) {
        if (identity.createGroupQuery().groupId(team.groupId()).count() == 0) {
          Group group = identity.newGroup(team.groupId());
          group.setName(team.name());
          group.setType(Roles.WORKFLOW);
          identity.saveGroup(group);
        }
        team.people().forEach(person -> join(person, team.groupId()));
        // the group is not yet visible to queries in the approving command: grant it by id
        authorizations.grantWorkflowGroup(team.groupId());
      }
    });
  }

  /** Adds the account to the group; a name that is no account (rounds before the pool) is skipped. */
  void join(String account, String groupId) {
    if (identity.createUserQuery().userId(account).count() > 0
        && identity.createUserQuery().userId(account).memberOfGroup(groupId).count() == 0) {
      identity.createMembership(account, groupId);
    }
  }

  /** Marks the round's teams retired; called when the round's process ends. */
  public void retire(String roundKey) {
    jdbc.sql("update xc_team set retired_at = ? where retired_at is null and round_id = (select id from xc_round where business_key = ?)")
        .params(Timestamp.from(clock.instant()), roundKey).update();
  }
}

package cn.xuncha;

import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.SampleRound;
import cn.xuncha.security.Roles;
import cn.xuncha.system.IdentitySetup;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * The global team groups {@code team1} … {@code team7} that rounds stored before teams were formed
 * per round still name (issue 13: their stored group stays what it was), with the members the demo
 * gave them then: each team's leader, team1-member1, team1-member2, team2-member1, team3-member1.
 * The security tests use them as any team's group; deputies, the other members and the liaisons stay
 * out, so that tests of per-round teams see what those groups grant alone. Created after the demo
 * accounts and before the standing grants ({@code RoleAuthorizations}, order 4).
 */
class LegacyTeamGroups {

  private final IdentitySetup identity;

  LegacyTeamGroups(IdentitySetup identity) {
    this.identity = identity;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(3)
  void create() {
    for (RoundPlan.Team team : SampleRound.plan().teams()) {
      String group = "team" + team.teamNo();
      identity.ensureGroup(group, team.name(), Roles.WORKFLOW);
      identity.ensureMembership(team.leader(), group);
      team.members().subList(0, team.teamNo() == 1 ? 2 : team.teamNo() <= 3 ? 1 : 0).forEach(member -> identity.ensureMembership(member, group));
    }
  }
}

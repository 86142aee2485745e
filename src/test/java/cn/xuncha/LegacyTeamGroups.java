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
 * per round still name (issue 13: their stored group stays what it was), with the sample round's
 * people of each team as members. The security tests use them as any team's group; created after
 * the demo accounts and before the standing grants ({@code RoleAuthorizations}, order 4).
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
      team.people().forEach(person -> identity.ensureMembership(person, group));
    }
  }
}

package cn.xuncha.system;

import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.SampleRound;
import cn.xuncha.security.Roles;
import java.util.List;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: one account per role of the procedure, all with the password "demo", and the
 * team and unit groups of the sample round. Names are invented.
 */
@Component
@ConditionalOnProperty(name = "xuncha.demo", havingValue = "true")
class DemoAccounts {

  static final String PASSWORD = "demo";
  private static final Logger LOG = LoggerFactory.getLogger(DemoAccounts.class);

  /** Departments consulted before the inspection (方案 四(二)1) and receivers of transferred clues. */
  static final List<DemoUser> DEPARTMENTS = List.of(
      new DemoUser("dept-discipline", "县纪委监委", "dept-discipline1"),
      new DemoUser("dept-organization", "县委组织部", "dept-organization1"),
      new DemoUser("dept-finance", "县财政局", "dept-finance1"),
      new DemoUser("dept-audit", "县审计局", "dept-audit1"),
      new DemoUser("dept-petition", "县信访局", "dept-petition1"));

  private final IdentitySetup identity;

  DemoAccounts(IdentitySetup identity) {
    this.identity = identity;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(2)
  void create() {
    LOG.warn("==================================================================");
    LOG.warn(" 演示模式 DEMO MODE: embedded H2 database under ./data, demo accounts");
    LOG.warn(" with the password 'demo'. Use the 'postgres' profile in production.");
    LOG.warn("==================================================================");
    user(Roles.OFFICE, "office1", "巡察办", "工作人员");
    user(Roles.LEADING_GROUP, "leader1", "领导小组", "成员");
    user(Roles.COMMITTEE, "committee1", "县委", "常委");
    RoundPlan sample = SampleRound.plan();
    for (RoundPlan.Team team : sample.teams()) {
      identity.ensureGroup(team.groupId(), team.name(), Roles.WORKFLOW);
      user(team.groupId(), team.groupId() + "-leader", team.name(), "组长");
    }
    for (int team = 1; team <= 3; team++) {
      for (int member = 1; member <= (team == 1 ? 2 : 1); member++) {
        user(Roles.team(team), Roles.team(team) + "-member" + member, sample.teams().get(team - 1).name(), "组员" + member);
      }
    }
    for (RoundPlan.InspectedUnit unit : sample.units()) {
      identity.ensureGroup(unit.groupId(), unit.name(), Roles.WORKFLOW);
      user(unit.groupId(), unit.groupId(), unit.name(), "联络员");
    }
    for (DemoUser department : DEPARTMENTS) {
      identity.ensureGroup(department.groupId(), department.groupName(), Roles.WORKFLOW);
      user(department.groupId(), department.userId(), department.groupName(), "联络员");
    }
  }

  /** Role accounts: shown in the webapps as "organisation title", e.g. "第一巡察组 组长". */
  private void user(String groupId, String userId, String organisation, String title) {
    identity.ensureUser(userId, organisation, title, PASSWORD);
    identity.ensureMembership(userId, groupId);
  }

  record DemoUser(String groupId, String groupName, String userId) {
  }
}

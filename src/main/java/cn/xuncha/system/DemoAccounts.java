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
 * Demo mode only: one account per role of the procedure, all with the password "demo": the office,
 * the leading group, the committee, every person of the sample round's teams (team1-leader,
 * team1-deputy1, team1-member1 …, team1-liaison; the 人才库 has them, {@code DemoPool}), and the unit
 * and department groups with one liaison each. Names are invented.
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
    // Inspectors belong to no group of their own: each round's team forms a group of them when its plan is approved.
    for (RoundPlan.Team team : sample.teams()) {
      team.people().forEach(person -> identity.ensureUser(person, team.nameOf(person), "", PASSWORD));
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

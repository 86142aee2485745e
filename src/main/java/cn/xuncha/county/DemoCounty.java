package cn.xuncha.county;

import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.security.Roles;
import cn.xuncha.system.IdentitySetup;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: a second county on the same installation, so that a user can try how counties are kept
 * apart (issue 16 item 2). {@value #NAME} (tenant {@value #CODE}) has its own office account
 * {@value #OFFICE}, one entry of the 组长库 ({@code songchuan-leader1}) and three more people of the
 * 人才库 — enough for one team of its own; its documents' issuer and its units are configured under
 * {@code xuncha.counties.songchuan}. The city office account {@value #CITY_OFFICE} is member of both
 * counties and sees both. Every other account, member of no county, is made a member of the home county:
 * with two counties Cockpit shows an account only the counties it is member of ({@link Counties}).
 * All names are invented; the password is demo. Set {@code xuncha.demo-county=false} for a demo of one
 * county (the fast tests do). What exists already is left as it is.
 */
@Component
@ConditionalOnProperty(name = "xuncha.demo", havingValue = "true")
public class DemoCounty {

  public static final String CODE = "songchuan";
  public static final String NAME = "松川县";
  public static final String OFFICE = "songchuan-office1";
  public static final String CITY_OFFICE = "city-office1";
  private static final String PASSWORD = "demo";
  /** The county's pool: account, name, unit, post; the first is the 组长库's entry. */
  private static final List<List<String>> POOL = List.of(
      List.of("songchuan-leader1", "林远航", "松川县纪委监委", "副主任"),
      List.of("songchuan-deputy1", "周若溪", "松川县委组织部", "科长"),
      List.of("songchuan-member1", "韩知秋", "松川县审计局", "科员"),
      List.of("songchuan-member2", "沈明哲", "松川县财政局", "科员"));

  private final IdentityService identity;
  private final IdentitySetup setup;
  private final InspectorPoolService pool;
  private final Counties counties;
  private final boolean enabled;

  DemoCounty(IdentityService identity, IdentitySetup setup, InspectorPoolService pool, Counties counties,
             @Value("${xuncha.demo-county:true}") boolean enabled) {
    this.identity = identity;
    this.setup = setup;
    this.pool = pool;
    this.counties = counties;
    this.enabled = enabled;
  }

  /** After the demo accounts and the home county's pool ({@code DemoAccounts}, {@code DemoPool}). */
  @EventListener(ApplicationStartedEvent.class)
  @Order(4)
  public void onStart() {
    if (enabled) {
      create();
    }
  }

  /**
   * Creates what is missing of the second county, its accounts and pool, and the city office account.
   * Returns the accounts it made members of the home county (those that were member of no county).
   */
  public List<String> create() {
    List<String> joined = new ArrayList<>();
    for (User user : identity.createUserQuery().list()) {
      if (identity.createTenantQuery().userMember(user.getId()).includingGroupsOfUser(true).count() == 0) {
        identity.createTenantUserMembership(counties.home(), user.getId());
        joined.add(user.getId());
      }
    }
    if (identity.createTenantQuery().tenantId(CODE).count() == 0) {
      Tenant tenant = identity.newTenant(CODE);
      tenant.setName(NAME);
      identity.saveTenant(tenant);
    }
    account(OFFICE, NAME + "巡察办", "工作人员", CODE);
    setup.ensureMembership(OFFICE, Roles.OFFICE);
    account(CITY_OFFICE, "市委巡察办", "工作人员", CODE);
    setup.ensureMembership(CITY_OFFICE, Roles.OFFICE);
    if (identity.createTenantQuery().tenantId(counties.home()).userMember(CITY_OFFICE).count() == 0) {
      identity.createTenantUserMembership(counties.home(), CITY_OFFICE);
    }
    for (int i = 0; i < POOL.size(); i++) {
      List<String> person = POOL.get(i);
      account(person.get(0), person.get(1), "", CODE);
      boolean leads = i == 0;
      if (pool.find(person.get(0)).isEmpty()) {
        pool.save(new InspectorPoolService.Entry(new Inspector(person.get(0), person.get(1), person.get(2), person.get(3),
            leads ? "正科级" : "科员", null, List.of(), leads, true, "演示数据", List.of(), List.of()), CODE), List.of(), "system");
      }
    }
    return joined;
  }

  /** A demo account, member of {@code county}. */
  private void account(String id, String firstName, String lastName, String county) {
    setup.ensureUser(id, firstName, lastName, PASSWORD);
    if (identity.createTenantQuery().tenantId(county).userMember(id).count() == 0) {
      identity.createTenantUserMembership(county, id);
    }
  }
}

package cn.xuncha.county;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The demo's second county ({@link DemoCounty}): two counties on one installation, each office seeing its
 * own county and pool, the city office both, the second county's documents issued under its own name. The
 * fast tests run without it ({@code xuncha.demo-county=false}); this test creates it and removes it again.
 */
@XunchaSpringTest
class DemoCountyTest {

  private static final List<String> POOL = List.of("songchuan-leader1", "songchuan-deputy1", "songchuan-member1", "songchuan-member2");

  @Autowired
  DemoCounty demo;
  @Autowired
  Counties counties;
  @Autowired
  IdentityService identity;
  @Autowired
  InspectorPoolService pool;
  @Autowired
  JdbcClient jdbc;
  private final List<String> joined = new ArrayList<>();

  /** The context is shared: other tests run in a single-county installation. */
  @AfterEach
  void removeSecondCounty() {
    identity.deleteTenant(DemoCounty.CODE);
    joined.forEach(user -> identity.deleteTenantUserMembership(counties.home(), user));
    identity.deleteTenantUserMembership(counties.home(), DemoCounty.CITY_OFFICE);
    List<String> accounts = new ArrayList<>(POOL);
    accounts.addAll(List.of(DemoCounty.OFFICE, DemoCounty.CITY_OFFICE));
    accounts.forEach(identity::deleteUser);
    for (String table : List.of("xc_inspector_change", "xc_inspector_post", "xc_inspector_conflict", "xc_inspector")) {
      jdbc.sql("delete from " + table + " where account in (:accounts)").param("accounts", accounts).update();
    }
  }

  @Test
  void theDemoHasTwoCountiesEachOfficeSeeingItsOwnAndTheCityOfficeBoth() {
    joined.addAll(demo.create());

    assertThat(counties.names()).containsEntry(counties.home(), "本县").containsEntry(DemoCounty.CODE, DemoCounty.NAME);
    assertThat(counties.visibleTo(DemoCounty.OFFICE)).containsExactly(DemoCounty.CODE);
    assertThat(counties.visibleTo(DemoCounty.CITY_OFFICE)).containsExactlyInAnyOrder(counties.home(), DemoCounty.CODE);
    assertThat(counties.visibleTo("office1")).containsExactly(counties.home());
    assertThat(identity.createTenantQuery().userMember("office1").list()).extracting(Tenant::getId)
        .as("the home county's accounts are its members, as Cockpit needs with two counties").containsExactly(counties.home());

    List<Inspector> ofSecond = as(DemoCounty.OFFICE, pool::all);
    assertThat(ofSecond).extracting(Inspector::account).containsExactlyInAnyOrderElementsOf(POOL);
    assertThat(ofSecond).filteredOn(Inspector::mayLead).extracting(Inspector::account).containsExactly("songchuan-leader1");
    assertThat(as("office1", pool::all)).extracting(Inspector::account).doesNotContainAnyElementsOf(POOL).isNotEmpty();
    assertThat(as(DemoCounty.CITY_OFFICE, pool::all)).extracting(Inspector::account).containsAll(POOL).contains("team1-leader");
    assertThat(counties.settings(DemoCounty.CODE).issuer()).isEqualTo("中共松川县委巡察工作领导小组办公室");
    assertThat(counties.settings(DemoCounty.CODE).units()).isNotEmpty().allSatisfy(unit -> assertThat(unit).startsWith("松川县"));

    assertThat(demo.create()).as("a second start changes nothing").isEmpty();
    assertThat(as(DemoCounty.OFFICE, pool::all)).hasSize(POOL.size());
  }

  private static <T> T as(String userId, Supplier<T> page) {
    try {
      SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of()));
      return page.get();
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}

package cn.xuncha.people;

import cn.xuncha.people.Inspector.Conflict;
import cn.xuncha.people.Inspector.PastPost;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.SampleRound;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: the demo team accounts as members of the 人才库, named as the sample round names
 * its people (all invented), leaders in the 组长库. Two entries carry something 回避 finds, so the
 * check can be tried: team1-member1 served in 张店乡 until 2024, team2-leader comes from 赵村镇.
 * Entries the office has changed are left as they are.
 */
@Component
@ConditionalOnProperty(name = "xuncha.demo", havingValue = "true")
class DemoPool {

  private static final List<String> UNITS = List.of("县纪委监委", "县委组织部", "县审计局", "县财政局", "县委政法委", "县信访局", "县委编办");
  private static final List<List<String>> SPECIALITIES = List.of(List.of("纪检监察"), List.of("组织"), List.of("审计"),
      List.of("财税", "财务"), List.of("政法", "法律"), List.of("信访"), List.of("编制"));

  private final InspectorPool pool;
  private final Clock clock;

  DemoPool(InspectorPool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(3)
  void create() {
    List<RoundPlan.Team> teams = SampleRound.plan().teams();
    for (int i = 0; i < teams.size(); i++) {
      RoundPlan.Team team = teams.get(i);
      String hometown = i == 1 ? "赵村镇" : null;
      add(new Inspector(team.groupId() + "-leader", team.leader(), UNITS.get(i), "副主任", "正科级", hometown, SPECIALITIES.get(i),
          true, true, null, List.of(), List.of()));
    }
    add(new Inspector("team1-member1", teams.get(0).members().get(0), "县审计局", "科员", "科员", null, List.of("审计", "财务"),
        false, true, null, List.of(new PastPost("张店乡人民政府", "财政所会计", LocalDate.of(2019, 3, 1), LocalDate.of(2024, 6, 30))),
        List.of()));
    add(new Inspector("team1-member2", teams.get(0).members().get(1), "县委组织部", "科员", "科员", null, List.of("组织"),
        false, true, null, List.of(), List.of(new Conflict("辛集乡党委", "配偶在辛集乡任职"))));
    add(new Inspector("team2-member1", teams.get(1).members().get(0), "县纪委监委", "科员", "副科级", null, List.of("纪检监察"),
        false, true, null, List.of(), List.of()));
    add(new Inspector("team3-member1", teams.get(2).members().get(0), "县信访局", "科员", "科员", null, List.of("信访"),
        false, true, null, List.of(), List.of()));
  }

  private void add(Inspector person) {
    if (pool.find(person.account()).isEmpty()) {
      pool.save(person, "system", clock.instant(), "演示数据");
    }
  }
}

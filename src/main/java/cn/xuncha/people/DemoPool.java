package cn.xuncha.people;

import cn.xuncha.county.Counties;
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
 * Demo mode only: every person of the sample round's teams (the demo accounts, {@code DemoAccounts})
 * as a member of the home county's 人才库 under the name the sample round gives them (all invented); leaders and
 * deputy leaders are 正科级 and in the 组长库. Three entries carry something 回避 finds, so the check
 * can be tried by moving them to another team: team1-member1 served in 张店乡 until 2024 (第二巡察组
 * inspects it), team1-member2 declared a spouse in 辛集乡 (第三巡察组's), team2-leader comes from
 * 赵村镇 (第一巡察组's). Entries the office has changed are left as they are.
 */
@Component
@ConditionalOnProperty(name = "xuncha.demo", havingValue = "true")
class DemoPool {

  private static final List<String> UNITS = List.of("县纪委监委", "县委组织部", "县审计局", "县税务局", "县委政法委", "县信访局", "县委编办");
  private static final List<List<String>> SPECIALITIES = List.of(List.of("纪检监察"), List.of("组织"), List.of("审计"),
      List.of("财税", "财务"), List.of("政法", "法律"), List.of("信访"), List.of("编制"));

  private final InspectorPool pool;
  private final Counties counties;
  private final Clock clock;

  DemoPool(InspectorPool pool, Counties counties, Clock clock) {
    this.pool = pool;
    this.counties = counties;
    this.clock = clock;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(3)
  void create() {
    for (RoundPlan.Team team : SampleRound.plan().teams()) {
      List<String> people = team.people();
      for (int i = 0; i < people.size(); i++) {
        String account = people.get(i);
        boolean leads = account.equals(team.leader()) || team.deputies().contains(account);
        add(new Inspector(account, team.nameOf(account), UNITS.get(i % UNITS.size()), leads ? "副主任" : "科员", leads ? "正科级" : "科员",
            account.equals("team2-leader") ? "赵村镇" : null, SPECIALITIES.get(i % SPECIALITIES.size()), leads, true, null,
            account.equals("team1-member1")
                ? List.of(new PastPost("张店乡人民政府", "财政所会计", LocalDate.of(2019, 3, 1), LocalDate.of(2024, 6, 30)))
                : List.of(),
            account.equals("team1-member2") ? List.of(new Conflict("辛集乡党委", "配偶在辛集乡任职")) : List.of()));
      }
    }
  }
  private void add(Inspector person) {
    if (pool.find(person.account()).isEmpty()) {
      pool.save(person, counties.home(), "system", clock.instant(), "演示数据");
    }
  }
}

package cn.xuncha.overview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.overview.OverviewService.Filter;
import cn.xuncha.overview.OverviewService.Page;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.security.WebSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The overview's cost does not grow with the rounds kept (issue 16): a page and a unit's timeline
 * issue the same statements (counted by datasource-proxy) with one prepared round as with five;
 * units are paged and filtered in the database; the read model of running instances catches up.
 */
@XunchaSpringTest
class OverviewPagingTest {

  private static final Filter EVERY_TERM = new Filter(null, null, null, null, null, null);

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  DataSource dataSource;
  @Autowired
  RoundUnits roundUnits;
  @Autowired
  WorkingDayCalendar calendar;
  @Autowired
  Clock clock;
  @Autowired
  OverviewService overview;
  @Autowired
  RunningInstances runningInstances;
  @Autowired
  JdbcClient jdbc;

  private final AtomicInteger statements = new AtomicInteger();

  @Test
  void aPageAndATimelineCostTheSameStatementsWithOneRoundAsWithFive() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance first = preparedRound(steps);
    OverviewService counted = counted();
    int pageWithOne = statementsOf(() -> counted.page(EVERY_TERM, 1));
    int timelineWithOne = statementsOf(() -> counted.timeline(first.getBusinessKey(), "unit1"));
    Page onePage = counted.page(new Filter(null, null, first.getBusinessKey(), null, null, null), 1);
    assertThat(onePage.rounds().get(0).units()).as("the round's units, each with its open task").hasSize(7)
        .allSatisfy(unit -> assertThat(unit.tasks()).isNotEmpty());

    for (int round = 2; round <= 5; round++) {
      preparedRound(steps);
    }

    assertThat(statementsOf(() -> counted.page(EVERY_TERM, 1))).as("page 1 of every term, five rounds").isEqualTo(pageWithOne);
    assertThat(statementsOf(() -> counted.page(EVERY_TERM, 2))).as("page 2 (no rounds in planning)").isEqualTo(pageWithOne - 1);
    assertThat(statementsOf(() -> counted.timeline(first.getBusinessKey(), "unit1"))).as("the first round's timeline")
        .isEqualTo(timelineWithOne);
    assertThat(pageWithOne).as("a bounded handful").isLessThanOrEqualTo(10);
  }

  @Test
  void unitsArePagedAndFilteredInTheDatabase() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance older = preparedRound(steps);
    for (int round = 2; round <= 3; round++) {
      preparedRound(steps);
    }
    long units = jdbc.sql("select count(*) from xc_unit").query(Long.class).single();
    Page first = overview.page(EVERY_TERM, 1);
    Page second = overview.page(EVERY_TERM, 2);
    assertThat(first.units()).isEqualTo(units);
    assertThat(first.pages()).isEqualTo((int) ((units + OverviewService.PAGE_SIZE - 1) / OverviewService.PAGE_SIZE));
    assertThat(keys(first)).hasSize(OverviewService.PAGE_SIZE).doesNotContainAnyElementsOf(keys(second));
    assertThat(overview.page(EVERY_TERM, 999).number()).as("beyond the last page: the last").isEqualTo(first.pages());

    Page oneRound = overview.page(new Filter(null, null, older.getBusinessKey(), null, null, null), 1);
    assertThat(oneRound.units()).isEqualTo(7);
    assertThat(oneRound.rounds()).extracting(OverviewService.RoundView::key).containsExactly(older.getBusinessKey());
    assertThat(keys(overview.page(new Filter(null, null, older.getBusinessKey(), "第一巡察组", null, null), 1)))
        .containsExactly(older.getBusinessKey() + "/unit1");
    assertThat(keys(overview.page(new Filter(null, null, older.getBusinessKey(), null, "赵村镇党委", null), 1)))
        .containsExactly(older.getBusinessKey() + "/unit1");
    assertThat(overview.page(new Filter("十五届", 2022, null, null, "unit1", null), 1).units())
        .as("赵村 in each round of the term and year").isEqualTo(jdbc.sql("select count(*) from xc_unit where group_id = 'unit1'")
            .query(Long.class).single());
    assertThat(overview.page(new Filter("十四届", null, null, null, null, null), 1).units()).isZero();
    assertThat(overview.page(new Filter(null, 2021, null, null, null, null), 1).units()).isZero();
    assertThat(overview.options(overview.periods(null), "十五届", null, true).teams()).startsWith("第一巡察组", "第二巡察组");
  }

  @Test
  void theCurrentTermIsShownByDefaultWithChinesePagingControls() throws Exception {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    for (int round = 1; round <= 3; round++) {
      preparedRound(steps);
    }
    WebSession office = WebSession.signedIn(port, "office1");
    HttpResponse<String> page = office.get("/overview");
    assertThat(page.body()).contains("<option selected>十五届</option>", "个被巡察单位，第 1 / ", "下一页").doesNotContain("上一页");
    String next = page.body().replaceAll("(?s).*<a href=\"([^\"]*)\">下一页</a>.*", "$1").replace("&amp;", "&");
    assertThat(next).contains("term=", "page=2");
    assertThat(office.get(next).body()).contains("个被巡察单位，第 2 / ", "上一页");
    HttpResponse<String> refused = office.get("/overview?page=abc");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("页码应为数字");
    assertThat(office.get("/overview?page=99999999999").body()).as("a page past the last, however far, is the last")
        .contains("上一页").doesNotContain("下一页", "页码应为数字");
  }

  @Test
  void theReadModelCatchesUpWithTheRunningInstances() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = preparedRound(steps);
    String key = round.getBusinessKey();
    long running = jdbc.sql("select count(*) from act_ru_execution where id_ = proc_inst_id_ and (business_key_ = ? or business_key_ like ?"
        + " or business_key_ like ?)").params(key, key + "/%", key + "#%").query(Long.class).single();
    assertThat(rowsOf(key)).as("one row per running instance of the round").isEqualTo(running).isGreaterThan(7);
    assertThat(jdbc.sql("select count(*) from xc_running_instance where round_key = ? and unit_group = 'unit1'").param(key)
        .query(Long.class).single()).as("赵村's spine and its step").isGreaterThanOrEqualTo(2);

    jdbc.sql("delete from xc_running_instance where round_key = ?").param(key).update();
    jdbc.sql("insert into xc_running_instance (proc_inst_id, round_key, county) values ('no-such-instance', ?, 'county')").param(key).update();
    runningInstances.catchUp();

    assertThat(rowsOf(key)).isEqualTo(running);
    assertThat(jdbc.sql("select count(*) from xc_running_instance where proc_inst_id = 'no-such-instance'").query(Long.class).single()).isZero();
  }

  @Test
  void aBusinessKeyNamesItsRoundAndUnit() {
    assertThat(RunningInstances.roundAndUnit("2022-2")).contains(new RunningInstances.RoundAndUnit("2022-2", null));
    assertThat(RunningInstances.roundAndUnit("2022-2#D1")).contains(new RunningInstances.RoundAndUnit("2022-2", null));
    assertThat(RunningInstances.roundAndUnit("2022-2/unit1")).contains(new RunningInstances.RoundAndUnit("2022-2", "unit1"));
    assertThat(RunningInstances.roundAndUnit("2022-2/unit1/17#D9")).contains(new RunningInstances.RoundAndUnit("2022-2", "unit1"));
    assertThat(RunningInstances.roundAndUnit(null)).isEmpty();
  }

  private static ProcessInstance preparedRound(ProcedureSteps steps) {
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    return round;
  }

  private long rowsOf(String roundKey) {
    return jdbc.sql("select count(*) from xc_running_instance where round_key = ?").param(roundKey).query(Long.class).single();
  }

  private static List<String> keys(Page page) {
    return page.rounds().stream().flatMap(round -> round.units().stream()).map(unit -> unit.roundKey() + "/" + unit.group()).toList();
  }

  /** The overview reading through a datasource that counts its statements (the engine's identity queries are not counted). */
  private OverviewService counted() {
    JdbcClient countedJdbc = JdbcClient.create(ProxyDataSourceBuilder.create(dataSource)
        .afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build());
    return new OverviewService(roundUnits, new TaskHolders(engine.getIdentityService(), engine.getManagementService(), countedJdbc),
        calendar, countedJdbc, clock);
  }

  private int statementsOf(Runnable read) {
    statements.set(0);
    read.run();
    return statements.get();
  }
}

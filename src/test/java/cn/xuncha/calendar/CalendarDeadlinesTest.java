package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.county.Counties;
import cn.xuncha.overview.OverviewNames;
import cn.xuncha.security.Roles;
import cn.xuncha.security.WebSession;
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
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.ui.ExtendedModelMap;

/**
 * The calendar page's running deadlines (issues 15 and 16): named by round, unit and deadline, never
 * by business key or deadline id; and read in the same few statements with one prepared round as
 * with five (counted by datasource-proxy on the page's own reads; the engine is asked only for its
 * cached process definitions).
 */
@XunchaSpringTest
class CalendarDeadlinesTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  DataSource dataSource;
  @Autowired
  WorkingDayCalendar calendar;
  @Autowired
  Deadlines deadlines;
  @Autowired
  Clock clock;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  Counties counties;

  private final AtomicInteger statements = new AtomicInteger();

  @Test
  void theOfficeSeesRoundUnitAndDeadlineByNameAndNoKeyOrId() throws Exception {
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = roundWithDeadlines(new ProcedureSteps(engine));
    String roundName = jdbc.sql("select name from xc_round where business_key = ?").param(round.getBusinessKey())
        .query(String.class).single();

    othersRoundsEnded(round);
    String page = WebSession.signedIn(port, "office1").get("/calendar").body();

    assertThat(page).contains("<th>巡察轮次</th><th>被巡察单位</th><th>期限</th>", "<td>" + roundName + "</td>",
        "<td>赵村镇党委</td>", "<td>巡察组工作方案备案</td>", "<td>进驻</td>", "<td>成立临时党支部</td>", "<td>制定巡察组工作方案</td>", "：提醒时间</td>");
    assertThat(page).as("no business key, instance key or deadline id")
        .doesNotContain(round.getBusinessKey(), "round-", "#D", "D8-entry", "unit1");
  }

  @Test
  void thePageCostsTheSameStatementsWithOneRoundAsWithFive() {
    ProcedureSteps.at("2022-04-01T09:00");
    ProcedureSteps steps = new ProcedureSteps(engine);
    roundWithDeadlines(steps);
    CalendarController counted = counted();
    int withOne = statementsOf(counted);

    for (int round = 2; round <= 5; round++) {
      roundWithDeadlines(steps);
    }

    assertThat(statementsOf(counted)).as("five prepared rounds").isEqualTo(withOne);
    assertThat(withOne).as("timers, tasks, moves and names").isLessThanOrEqualTo(4);
  }

  /**
   * An approved round (its party-branch and training tasks due at entry, D8-entry; its inquiries
   * watched) whose first unit drafts its team plan (D7, watched).
   */
  private static ProcessInstance roundWithDeadlines(ProcedureSteps steps) {
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit = steps.startUnit(round, 1);
    steps.analyseForTeam(unit, 1);
    return round;
  }

  /**
   * Ends the rounds other test classes left running in the shared test database, with their deadline
   * watches: the page lists each year's {@value CalendarController#SHOWN} earliest deadlines, and theirs
   * fall in the same weeks of 2022 as this round's.
   */
  private void othersRoundsEnded(ProcessInstance round) {
    List<String> others = engine.getRuntimeService().createProcessInstanceQuery().rootProcessInstances().list().stream()
        .filter(instance -> instance.getBusinessKey() != null && instance.getBusinessKey().startsWith("round-")
            && !instance.getBusinessKey().startsWith(round.getBusinessKey()))
        .map(ProcessInstance::getId).toList();
    if (!others.isEmpty()) {
      engine.getRuntimeService().deleteProcessInstances(others, "其他测试的轮次", true, true);
    }
  }

  /** The page reading through a datasource that counts its statements. */
  private CalendarController counted() {
    JdbcClient countedJdbc = JdbcClient.create(ProxyDataSourceBuilder.create(dataSource)
        .afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build());
    return new CalendarController(calendar, new RunningDeadlines(engine, countedJdbc), countedJdbc, new OverviewNames(countedJdbc),
        deadlines, clock, counties);
  }

  private int statementsOf(CalendarController controller) {
    statements.set(0);
    ExtendedModelMap model = new ExtendedModelMap();
    controller.page(model, new TestingAuthenticationToken("office1", null, Roles.OFFICE));
    assertThat(model.get("years")).asList().isNotEmpty()
        .anySatisfy(year -> assertThat(((CalendarController.YearDeadlines) year).total()).isPositive());
    return statements.get();
  }
}

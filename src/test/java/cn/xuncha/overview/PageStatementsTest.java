package cn.xuncha.overview;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.H2Statements;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.WebSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16: the pages the benchmark measures beside the overview — calendar, ledgers, documents,
 * coverage, a unit's timeline — issue the same statements with one prepared round as with five,
 * and a small number of them (every statement of the request counted, the engine's and the web
 * layer's too: {@link H2Statements}).
 */
@XunchaSpringTest
class PageStatementsTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @Test
  void eachPageCostsTheSameStatementsWithOneRoundAsWithFive() throws Exception {
    ProcedureSteps.at("2022-04-01T09:00");
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcessInstance first = preparedRound(steps);
    WebSession office = WebSession.signedIn(port, "office1");
    Map<String, Long> withOne = statements(office, first.getBusinessKey());

    for (int round = 2; round <= 5; round++) {
      preparedRound(steps);
    }

    assertThat(statements(office, first.getBusinessKey())).as("five prepared rounds").isEqualTo(withOne);
    // H2 counts each auto-committed read's COMMIT too; the county check and the user's counties add three reads a page
    assertThat(withOne).allSatisfy((page, count) -> assertThat(count).as(page).isLessThanOrEqualTo(50));
  }

  private Map<String, Long> statements(WebSession office, String roundKey) throws Exception {
    H2Statements counter = new H2Statements(jdbc);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String path : List.of("/calendar", "/documents/" + roundKey + "/ledger", "/ledger/clues/" + roundKey,
        "/documents/" + roundKey + "/unit1/report", "/documents/" + roundKey + "/unit1/rectification", "/overview/coverage",
        "/overview/" + roundKey + "/unit1")) {
      office.get(path);
      counts.put(path.replace(roundKey, "{round}"), counter.during(() -> assertThat(office.get(path).statusCode()).as(path).isEqualTo(200)));
    }
    System.out.println("Statements per page: " + counts);
    return counts;
  }

  private static ProcessInstance preparedRound(ProcedureSteps steps) {
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    return round;
  }
}

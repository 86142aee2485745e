package cn.xuncha.clue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The office's ledger of transfers: every clue with its state, for the office and the leading group only. */
@XunchaSpringTest
class ClueLedgerTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void ledgerShowsEveryClueWithItsStateToTheOfficeOnly() throws Exception {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit = steps.withdrawn(round, 1);
    ProcedureSteps.at("2022-06-20T09:00");
    steps.draftReport(unit, 1, Map.of("clues", List.of(
        Map.of("summary", "<script>alert(1)</script>违规发放补贴", "kind", "discipline"),
        Map.of("summary", "合同管理混乱", "kind", "work"))));
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
    steps.giveFeedback(unit, 1, "2022-06-20");
    steps.confirmFeedback(unit, "unit1", "2022-06-20");
    steps.transferClues(unit);
    steps.answerClues(unit);
    String key = round.getBusinessKey();

    HttpResponse<String> json = get("/api/ledger/clues/" + key, "office1");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).contains("\"status\":\"ANSWERED\"", "\"receiver\":\"dept-discipline\"", "\"receiver\":\"unit1\"");
    HttpResponse<String> page = get("/ledger/clues/" + key, "leader1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("问题线索移交台账", "已书面反馈 2 条", "违纪违法问题线索", "&lt;script&gt;", "<td>县纪委监委</td>",
            "<td>赵村镇党委</td>")
        .doesNotContain("<script>alert", "<td>dept-discipline</td>", "<td>unit1</td>");
    assertThat(get("/api/ledger/clues/" + key, "team1-leader").statusCode()).isEqualTo(403);
    assertThat(get("/ledger/clues/" + key, "unit1").statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownRoundHasNoLedgerAndSaysSoInChinese() throws Exception {
    HttpResponse<String> page = get("/ledger/clues/round-that-never-was", "office1");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("没有这一巡察轮次").doesNotContainPattern("[A-Za-z]{4,} [A-Za-z]{4,}");
    HttpResponse<String> json = get("/api/ledger/clues/round-that-never-was", "office1");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(json.body()).contains("\"message\":\"没有这一巡察轮次", "\"error\":\"页面不存在\"");
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}

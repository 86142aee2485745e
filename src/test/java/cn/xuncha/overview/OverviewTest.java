package cn.xuncha.overview;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.mockito.Mockito;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The supervisors' overview, a unit's timeline and term coverage, at a fixed clock time. */
@XunchaSpringTest
class OverviewTest {

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  DataSource dataSource;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void supervisorsSeeEveryUnitsStepTasksAndColouredDeadlines() throws Exception {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    ProcessInstance zhaocun = steps.unit(round, "unit1");
    steps.analyseForTeam(zhaocun, 1);
    String key = round.getBusinessKey();

    HttpResponse<String> page = get("/overview?round=" + key, "office1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("十五届县委第二轮巡察", "赵村镇党委", "第一巡察组", "第4步 制定方案", "制定巡察组工作方案",
        "待认领（第一巡察组）", "2022-04-22 23:59", "<span class=\"deadline blue\">正常</span>", "第3步 分析研判", "下汤镇党委");

    ProcessInstance zhangdian = steps.unit(round, "unit2");
    steps.announced(zhangdian, 2, "unit2");
    ProcessInstance planning = steps.plan().startWithSample();
    HttpResponse<String> waiting = get("/overview", "office1");
    assertThat(waiting.body()).as("a unit waiting for its entry date, a round still being planned")
        .contains("等待进驻日", "正在编制巡察工作方案", planning.getBusinessKey(), "编制巡察工作方案").doesNotContain("第10步");

    HttpResponse<String> team1Only = get("/overview?round=" + key + "&team=" + steps.teamGroup(round, 1), "leader1");
    assertThat(team1Only.body()).contains("赵村镇党委</a>").doesNotContain("张店乡党委</a>");
    HttpResponse<String> byNames = get("/overview?round=" + key + "&team=" + encoded("第二巡察组") + "&unit=" + encoded("张店乡党委"), "leader1");
    assertThat(byNames.body()).as("filters take and show names").contains("<option selected>第二巡察组</option>",
        "<option selected>张店乡党委</option>", "<option selected>十五届县委第二轮巡察</option>").doesNotContain("赵村镇党委</a>")
        .contains("张店乡党委</a>").doesNotContain("placeholder=\"如 team1\"");
    ProcedureSteps.at("2022-04-23T09:00");
    HttpResponse<String> overdue = get("/overview?round=" + key + "&colour=RED", "committee1");
    assertThat(overdue.body()).contains("逾期", "赵村镇党委</a>").doesNotContain("张店乡党委</a>");
    assertThat(get("/overview", "team1-leader").statusCode()).isEqualTo(403);

    HttpResponse<String> timeline = get("/overview/" + key + "/unit1", "office1");
    assertThat(timeline.body()).as("titled by names").contains("巡察进程：赵村镇党委", "十五届县委第二轮巡察").doesNotContain("巡察进程：unit1");
    assertThat(timeline.body()).contains("第1步 组织部署", "office1", "leader1", "committee1", "第3步 分析研判", "team1-leader",
        "第4步 制定方案", "进行中", "/documents/" + key + "/unit1/notice", "/documents/" + key + "/unit1/publication")
        .as("another team's party branch is not this unit's step 2").doesNotContain("team2-leader");

    assertThat(get("/overview/" + key + "/no-such-unit", "office1").statusCode()).isEqualTo(404);
    assertThat(get("/overview/no-such-round/unit1", "office1").statusCode()).isEqualTo(404);

    HttpResponse<String> coverage = get("/overview/coverage", "office1");
    assertThat(coverage.body()).contains("十五届", "东关街道党工委", "尚未巡察", "赵村镇党委", "十五届县委第二轮巡察");
  }

  @Test
  void holdersOfAPageOfTasksCostOneStatementAndOneIdentityQueryOfEachKind() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    // the analyses are the leaders' own tasks: the team plans after them wait in the teams' groups
    steps.analyseForTeam(steps.unit(round, "unit1"), 1);
    steps.analyseForTeam(steps.unit(round, "unit2"), 2);
    TaskService taskService = engine.getTaskService();
    Task claimed = taskService.createTaskQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "/%").taskCandidateGroup(steps.teamGroup(round, 1))
        .includeAssignedTasks().list().get(0);
    taskService.claim(claimed.getId(), "team1-leader");
    List<Task> page = taskService.createTaskQuery().processInstanceBusinessKeyLike(round.getBusinessKey() + "/%").list();
    assertThat(page).hasSizeGreaterThanOrEqualTo(7);
    AtomicInteger statements = new AtomicInteger();
    DataSource counted = ProxyDataSourceBuilder.create(dataSource).afterQuery((execution, queries) -> statements.addAndGet(queries.size())).build();
    IdentityService identity = Mockito.spy(engine.getIdentityService());

    Map<String, String> holders = new TaskHolders(identity, engine.getManagementService(), JdbcClient.create(counted))
        .of(page.stream().map(task -> new TaskHolders.Open(task.getId(), task.getAssignee())).toList());

    assertThat(statements).as("the candidate groups of all tasks").hasValue(1);
    Mockito.verify(identity).createUserQuery();
    Mockito.verify(identity).createGroupQuery();
    assertThat(holders).hasSize(page.size()).containsEntry(claimed.getId(), "白语嫣（team1-leader）");
    page.stream().filter(task -> task.getAssignee() == null).forEach(task -> assertThat(holders.get(task.getId())).as(task.getName())
        .isEqualTo("待认领（" + taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId).filter(group -> group != null)
            .map(group -> engine.getIdentityService().createGroupQuery().groupId(group).singleResult().getName())
            .collect(Collectors.joining("、")) + "）"));
  }

  private static String encoded(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}

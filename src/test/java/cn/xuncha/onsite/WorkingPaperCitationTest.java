package cn.xuncha.onsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.teamplan.TeamPlanService;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17 item 6: a working paper cites the register entries of its unit it rests on — the
 * confirmation shows them — and a paper citing another unit's entry is refused with nothing stored.
 */
@XunchaSpringTest
class WorkingPaperCitationTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  @Autowired
  TeamPlanService teamPlans;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;

  @Test
  void aPaperCitesItsUnitsEntriesAndTheConfirmationShowsThemButNotAnotherUnits() {
    String roundKey = fixture.sampleRoundAt("2022-04-21T08:00");
    OnSiteStepTest.fileTeamPlan(records, teamPlans, units.unit(roundKey, "unit1"));
    ProcessInstance onSite = fixture.startForUnit("step-06-on-site", roundKey, "unit1", Map.of());
    steps.recordEntryMeeting(onSite, 1);

    ProcedureSteps.at("2022-05-10T09:00");
    RestCaller rest = new RestCaller("http://localhost:" + port);
    String api = "/api/registers/" + roundKey + "/";
    long petition = id(rest.post("team1-leader", api + "unit1/petitions",
        "{\"channel\":\"来访\",\"receivedOn\":\"2022-05-09\",\"content\":\"反映村集体资金未入账\"}"));
    long talk = id(rest.post("team1-leader", api + "unit1/talks", "{\"post\":\"村会计\",\"category\":\"村（社区）干部\","
        + "\"inspector1\":\"白语嫣\",\"inspector2\":\"袁嘉禾\",\"plannedOn\":\"2022-05-09\",\"heldOn\":\"2022-05-09\",\"summary\":\"承认未入账\"}"));
    long otherUnits = id(rest.post("team2-leader", api + "unit2/petitions",
        "{\"channel\":\"来访\",\"receivedOn\":\"2022-05-09\",\"content\":\"反映张店乡问题\"}"));
    String town = units.unit(roundKey, "unit1").unit().name();

    Task record = engine.getTaskService().createTaskQuery().processInstanceId(onSite.getId()).taskDefinitionKey("Task_RecordWorkingPaper")
        .singleResult();
    assertThat(engine.getTaskService().getVariable(record.getId(), "citationOptions").toString())
        .contains("petition-" + petition, "信访件第 " + petition + " 号：反映村集体资金未入账", "talk-" + talk)
        .doesNotContain("petition-" + otherUnits, "张店乡");

    assertThatThrownBy(() -> steps.complete("team1-member1", onSite, "Task_RecordWorkingPaper", null, paper(List.of("petition-" + otherUnits))))
        .hasMessageContaining("依据的现场登记：“petition-" + otherUnits + "”不是" + town + "的现场登记，只能引用本单位的登记");
    assertThat(jdbc.sql("select count(*) from xc_working_paper where unit_id = ?").param(units.unitIdOf(roundKey, "unit1"))
        .query(Long.class).single()).isZero();

    steps.complete("team1-member1", onSite, "Task_RecordWorkingPaper", null, paper(List.of("petition-" + petition, "talk-" + talk)));
    Task confirm = engine.getTaskService().createTaskQuery().processInstanceId(onSite.getId()).taskDefinitionKey("Task_ConfirmWorkingPaper")
        .singleResult();
    assertThat((String) engine.getTaskService().getVariable(confirm.getId(), "paper"))
        .contains("依据的现场登记：信访件第 " + petition + " 号：反映村集体资金未入账；个别谈话第 " + talk + " 号：村会计，2022\\-05\\-09");
  }

  private static Map<String, Object> paper(List<String> citations) {
    return Map.of("place", "河南村", "category", "integrity", "fact", "村集体资金 12 万元未入账", "evidence", "2021 年村账簿第 12 页",
        "source", "documents", "citations", citations);
  }

  private static long id(RestCaller.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return Long.parseLong(answer.body().replaceAll("\\D", ""));
  }
}

package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.registers.PetitionRegister.Petition;
import cn.xuncha.report.ReportSeed;
import cn.xuncha.report.ReportService;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.UnitRecords;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The team's on-site registers of unit1 (issue 17 items 1–4, 7, 8): petitions by three channels
 * (one transferred, one kept, one received after the announced closing time and filed), five talks,
 * two file requests (one overdue), an assessment of two subjects and a forum,
 * then the counts in the report, the talk summary on the report form and the .xlsx exports; wrong
 * entries refused in Chinese with nothing stored; and who may see what.
 */
@XunchaSpringTest
class OnSiteRegistersTest extends RegisterTestSupport {

  @Test
  void petitionsAndTalksOfTheStayFeedTheReportAndTheSheets() throws IOException {
    ProcedureSteps.at("2022-04-20T09:00");
    RestCaller.Answer early = rest.post("team1-leader", api + "/petitions", json(Map.of("channel", PHONE, "receivedOn", "2022-04-20",
        "content", "反映村干部优亲厚友")));
    assertThat(early.status()).isEqualTo(400);
    assertThat(early.body()).contains("现场登记只能在巡察进驻期间（2022-04-21 至 2022-06-10）填写");

    ProcedureSteps.at("2022-06-06T10:00");
    long transferred = recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", PHONE,
        "receivedOn", "2022-04-25", "content", "反映河南村党支部书记侵占集体土地补偿款", "village", "河南村"))));
    long kept = recorded(rest.post("team1-member1", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-10",
        "petitioner", "王某", "petitionerContact", "13800000000", "content", "反映镇党委三重一大事项未经集体研究"))));
    long late = recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", "来访", "receivedOn", "2022-06-03",
        "receivedAt", "18:00", "petitioner", "李某", "content", "反映邻里宅基地纠纷"))));

    RestCaller.Answer wrong = rest.post("team1-leader", api + "/petitions", json(Map.of("channel", "短信：10086",
        "receivedOn", "2022-06-07", "receivedAt", "25:00", "village", "不存在村", "content", " ")));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("受理渠道：“短信：10086”不是本单位巡察公告公布的渠道", "受理日期：不能晚于今天（2022-06-06）",
        "受理时间：时间格式应为 时:分，例如 17:30", "涉及村（社区）：“不存在村”不是赵村镇党委的村（社区）", "反映内容：不能为空")
        .doesNotContain("Exception", "cn.xuncha");
    assertThat(petitions.list(unit)).hasSize(3);

    assertThat(rest.post("team1-leader", api + "/petitions/" + transferred + "/distribution", json(Map.of("outcome", "TRANSFER",
        "replyDue", "2022-06-06"))).body()).contains("移交部门：请选择县纪委监委、县委信访局等有关部门", "回复期限：须晚于今天（2022-06-06）");
    assertThat(rest.post("team1-leader", api + "/petitions/" + late + "/distribution", json(Map.of("outcome", "FILE"))).body())
        .contains("存档理由：存档须写明理由");
    assertThat(petitions.list(unit)).extracting(Petition::outcome).containsOnly("PENDING");
    recorded(rest.post("team1-leader", api + "/petitions/" + transferred + "/distribution", json(Map.of("outcome", "TRANSFER",
        "department", "dept-discipline", "replyDue", "2022-06-20"))));
    recorded(rest.post("team1-leader", api + "/petitions/" + kept + "/distribution", json(Map.of("outcome", "KEEP"))));
    recorded(rest.post("team1-leader", api + "/petitions/" + late + "/distribution", json(Map.of("outcome", "FILE",
        "reason", "属民事纠纷，已告知当事人向镇司法所申请调解"))));

    assertThat(petitions.list(unit)).extracting(Petition::id, Petition::late, Petition::outcome, Petition::department, Petition::replyDue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(transferred, false, "TRANSFER", "dept-discipline", LocalDate.parse("2022-06-20")),
            org.assertj.core.groups.Tuple.tuple(kept, false, "KEEP", null, null),
            org.assertj.core.groups.Tuple.tuple(late, true, "FILE", null, null));
    PetitionRegister.Counts counts = petitions.counts(unit);
    assertThat(counts.byChannel()).containsExactly(Map.entry("电话", 1L), Map.entry("邮政信箱", 1L), Map.entry("来访", 1L));
    assertThat(counts.byOutcome()).containsExactly(Map.entry("待分办", 0L), Map.entry("留作巡察组线索", 1L), Map.entry("移交有关部门", 1L),
        Map.entry("存档", 1L));
    assertThat(counts.late()).isOne();

    RestCaller.Answer wrongTalk = rest.post("team1-leader", api + "/talks", json(Map.of("post", "镇党委书记", "category", "领导",
        "inspector1", "白语嫣", "inspector2", "白语嫣", "plannedOn", "2022-04-01", "heldOn", "2022-04-25")));
    assertThat(wrongTalk.status()).isEqualTo(400);
    assertThat(wrongTalk.body()).contains("谈话对象类别：请从班子成员", "两名谈话人不能是同一人", "计划谈话日期：须在巡察进驻期间", "谈话要点：不能为空");
    assertThat(rest.post("team1-leader", api + "/talks", json(Map.of("post", "镇长", "category", "班子成员", "inspector1", "白语嫣",
        "inspector2", "张三", "plannedOn", "2022-04-22"))).body()).contains("谈话人：“张三”不是第一巡察组的成员");
    assertThat(talks.list(unit)).isEmpty();

    talk("镇党委书记", "班子成员", "2022-04-22", "介绍全镇基本情况", null);
    talk("镇纪委书记", "班子成员", "2022-04-25", "反映纪律建设情况", "镇财政所违规发放津补贴");
    talk("党政办主任", "中层干部", "2022-04-26", "介绍三重一大制度执行情况", null);
    talk("河南村党支部书记", "村（社区）干部", "2022-04-28", "介绍村务公开情况", null);
    long planned = recorded(rest.post("team1-leader", api + "/talks", json(Map.of("post", "退休老党员", "category", "党员群众",
        "inspector1", "胡知秋", "inspector2", "白东篱", "plannedOn", "2022-05-20"))));
    assertThat(talks.counts(unit)).isEqualTo(new TalkRegister.Counts(5, 4,
        Map.of("班子成员", 2L, "中层干部", 1L, "村（社区）干部", 1L), 1));
    recorded(rest.post("team1-leader", api + "/talks/" + planned + "/held", json(Map.of("heldOn", "2022-05-20",
        "summary", "反映村集体资产出租情况", "leads", "团结村集体鱼塘低价出租给村干部亲属"))));
    assertThat(rest.post("team1-leader", api + "/talks/" + planned + "/held", json(Map.of("heldOn", "2022-05-21", "summary", "再谈")))
        .body()).contains("这次谈话已于 2022-05-20 登记为已谈");

    String sentence = "个别谈话计划 5 人次，已谈 5 人次，其中班子成员 2 人次、中层干部 1 人次、村（社区）干部 1 人次、党员群众 1 人次；2 人次反映了问题线索。";
    assertThat(talks.summary(unit)).startsWith(sentence)
        .contains("1\\. 镇财政所违规发放津补贴（镇纪委书记，2022-04-25）", "2\\. 团结村集体鱼塘低价出租给村干部亲属（退休老党员，2022-05-20）");

    ProcedureSteps.at("2022-06-13T09:00");
    assertThat(rest.post("team1-leader", api + "/talks", json(Map.of("post", "镇长", "category", "班子成员", "inspector1", "白语嫣",
        "inspector2", "袁嘉禾", "plannedOn", "2022-06-10"))).body()).contains("现场登记只能在巡察进驻期间");
    new ReportSeed(reports, jdbc).confirmedPaper(unit, "三重一大事项未经集体研究");
    ProcessInstance report = fixture.startForUnit("step-07-report", round, "unit1", Map.of());
    String draft = engine.getTaskService().createTaskQuery().processInstanceId(report.getId()).singleResult().getId();
    assertThat((String) engine.getTaskService().getVariableLocal(draft, "talkRegister")).isEqualTo(talks.summary(unit));
    steps.draftReport(report, 1, Map.of());

    String reportPage = rest.get("office1", "/documents/" + round + "/unit1/report").body();
    assertThat(reportPage).contains("个别谈话登记情况：" + sentence,
        "信访件登记情况：巡察期间受理信访 3 件，其中电话 1 件、邮政信箱 1 件、来访 1 件；逾期受理 1 件（照常登记）；分办情况：待分办 0 件、留作巡察组线索 1 件、移交有关部门 1 件、存档 1 件。",
        "调阅登记情况：巡察期间未登记调阅。", "组务会和立行立改情况：巡察期间未登记组务会。")
        .as("the office reads counts, not who petitioned nor what was said").doesNotContain("王某", "侵占集体土地", "鱼塘");
    String ledger = rest.get("office1", "/documents/" + round + "/ledger").body();
    assertThat(ledger).contains("现场登记统计", "<td>赵村镇党委</td><td>3</td><td>1</td><td>1</td><td>1</td><td>1</td><td>0</td><td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>")
        .doesNotContain("王某", "侵占集体土地", "鱼塘");

    List<List<String>> petitionRows = sheet("team1-leader", "/petitions.xlsx");
    assertThat(petitionRows.get(0)).containsExactly("赵村镇党委信访件登记汇总");
    assertThat(petitionRows.get(1)).as("who keeps the register").containsExactly("填报单位：县委第一巡察组");
    assertThat(petitionRows.get(2)).containsExactly("序号", "受理日期", "受理渠道", "信访人", "反映内容", "涉及村（社区）", "分办结果", "移交部门",
        "回复期限", "部门回复", "存档理由", "逾期受理");
    assertThat(petitionRows.get(petitionRows.size() - 1)).as("the summary under the table")
        .isEqualTo(List.of("巡察期间受理信访 3 件，其中电话 1 件、邮政信箱 1 件、来访 1 件；逾期受理 1 件（照常登记）；"
            + "分办情况：待分办 0 件、留作巡察组线索 1 件、移交有关部门 1 件、存档 1 件。"));
    assertThat(petitionRows.subList(3, petitionRows.size() - 1)).containsExactly(
        List.of("1", "2022-04-25", PHONE, "匿名", "反映河南村党支部书记侵占集体土地补偿款", "河南村", "移交有关部门", "县纪委监委", "2022-06-20", "尚未回复", "—", "否"),
        List.of("2", "2022-05-10", MAILBOX, "王某", "反映镇党委三重一大事项未经集体研究", "—", "留作巡察组线索", "—", "—", "—", "—", "否"),
        List.of("3", "2022-06-03 18:00", "来访", "李某", "反映邻里宅基地纠纷", "—", "存档", "—", "—", "—", "属民事纠纷，已告知当事人向镇司法所申请调解", "是"));
    List<List<String>> talkRows = sheet("team1-member1", "/talks.xlsx");
    assertThat(talkRows).hasSize(9);
    assertThat(talkRows.get(7)).containsExactly("5", "退休老党员", "党员群众", "—", "胡知秋、白东篱", "2022-05-20", "2022-05-20",
        "反映村集体资产出租情况", "团结村集体鱼塘低价出租给村干部亲属");
  }

  @Test
  void onlyTheUnitsTeamReadsTheRegistersTheSupervisorsCountAndNobodyElseSeesThem() {
    ProcedureSteps.at("2022-05-10T09:00");
    recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09",
        "petitioner", "王某", "content", "反映镇党委三重一大事项未经集体研究"))));
    recorded(rest.post("team1-leader", api + "/talks", json(Map.of("post", "镇长", "category", "班子成员", "inspector1", "白语嫣",
        "inspector2", "袁嘉禾", "plannedOn", "2022-05-09", "heldOn", "2022-05-09", "summary", "介绍镇政府工作", "leads", "镇长办公室超标"))));
    String page = RegistersController.PAGE + "/" + round + "/unit1";
    List<String> reads = List.of(page, api, page + "/petitions.xlsx", page + "/talks.xlsx", page + "/files.xlsx",
        page + "/assessments.xlsx");
    for (String user : List.of("team1-leader", "team1-member1")) {
      for (String path : reads) {
        assertThat(rest.get(user, path).status()).as(user + " reads " + path).isEqualTo(200);
      }
      assertThat(rest.get(user, page).body()).contains("王某", "反映镇党委三重一大事项未经集体研究", "镇长办公室超标", "登记信访件",
          "<option value=\"KEEP\">留作巡察组线索</option><option value=\"TRANSFER\">移交有关部门</option><option value=\"FILE\">存档</option>");
      assertThat(rest.get(user, api).body()).contains("\"petitioner\":\"王某\"", "\"leads\":\"镇长办公室超标\"");
    }
    for (String user : List.of("office1", "leader1", "committee1")) {
      RestCaller.Answer counts = rest.get(user, page);
      assertThat(counts.status()).as(user).isEqualTo(200);
      assertThat(counts.body()).as(user).contains("受理信访", "1 件", "邮政信箱 1 件", "班子成员 1 人次", "只显示统计数")
          .doesNotContain("王某", "三重一大", "镇长办公室超标", "登记信访件");
      RestCaller.Answer json = rest.get(user, api);
      assertThat(json.status()).as(user).isEqualTo(200);
      assertThat(json.body()).as(user).contains("\"petitionCounts\"", "\"talkCounts\"").doesNotContain("王某", "三重一大", "\"petitions\"");
      for (String path : List.of(page + "/petitions.xlsx", page + "/talks.xlsx", page + "/files.xlsx", page + "/assessments.xlsx")) {
        assertThat(rest.get(user, path).status()).as(user + " reads " + path).isEqualTo(403);
      }
    }
    for (String user : List.of("team2-leader", "unit1", "dept-discipline1", "dept-petition1")) {
      for (String path : reads) {
        RestCaller.Answer refused = rest.get(user, path);
        assertThat(refused.status()).as(user + " reads " + path).isEqualTo(403);
        assertThat(refused.body()).as(user).doesNotContain("王某", "三重一大");
      }
    }
    for (String user : List.of("office1", "leader1", "committee1", "team2-leader", "unit1", "dept-discipline1")) {
      for (String path : List.of(api + "/petitions", api + "/talks", api + "/files", api + "/assessments",
          api + "/forums", api + "/meetings", api + "/petitions/1/distribution", api + "/talks/1/held", api + "/files/1/progress",
          api + "/meetings/1/demands")) {
        assertThat(rest.post(user, path, json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09", "content", "冒充登记"))).status())
            .as(user + " writes " + path).isEqualTo(403);
      }
    }
    assertThat(petitions.list(unit)).hasSize(1);
    assertThat(talks.list(unit)).hasSize(1);
    assertThat(rest.get("team1-leader", RegistersController.API + "/" + round + "/unit9").status()).isEqualTo(404);
    assertThat(rest.get("office1", "/overview/" + round + "/unit1").body()).contains("/registers/" + round + "/unit1");
    assertThat(rest.get("team1-leader", RegistersController.PAGE).body()).contains("/registers/" + round + "/unit1", "赵村镇党委");
    for (String user : List.of("team2-leader", "unit1", "dept-discipline1")) {
      assertThat(rest.get(user, RegistersController.PAGE).body()).as(user).doesNotContain("/registers/" + round + "/unit1");
    }
  }

  @Test
  void fileRequestsRecordTheirDatesAndFindingsAndOneNotReceivedInTimeIsOverdue() throws IOException {
    ProcedureSteps.at("2022-05-10T09:00");
    long minutes = recorded(rest.post("team1-leader", api + "/files", json(Map.of("category", "会议记录",
        "description", "2021年以来党委会会议记录", "requestedOn", "2022-05-05", "dueOn", "2022-05-08"))));
    long accounts = recorded(rest.post("team1-leader", api + "/files", json(Map.of("category", "财务账目",
        "description", "2021年度财务凭证", "requestedOn", "2022-05-06", "dueOn", "2022-05-12"))));
    RestCaller.Answer wrong = rest.post("team1-leader", api + "/files", json(Map.of("category", "照片", "description", "活动照片",
        "requestedOn", "2022-05-11", "dueOn", "2022-05-01")));
    assertThat(wrong.body()).contains("调阅类别：请从文件资料", "调阅日期：不能晚于今天（2022-05-10）", "提供期限：不能早于调阅日期");
    assertThat(rest.post("team1-leader", api + "/files/" + accounts + "/progress", json(Map.of("receivedOn", "2022-05-09",
        "returnedOn", "2022-05-08"))).body()).contains("归还日期：须先收到，且不能早于收到日期");
    recorded(rest.post("team1-leader", api + "/files/" + accounts + "/progress", json(Map.of("receivedOn", "2022-05-09"))));
    recorded(rest.post("team1-member1", api + "/files/" + accounts + "/progress", json(Map.of("returnedOn", "2022-05-10",
        "findings", "发现白条入账 3 笔"))));

    assertThat(files.list(unit)).extracting(FileRequestRegister.FileRequest::id, FileRequestRegister.FileRequest::overdue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(minutes, true), org.assertj.core.groups.Tuple.tuple(accounts, false));
    assertThat(files.counts(unit)).isEqualTo(new FileRequestRegister.Counts(2, 1, 1, 1));
    assertThat(rest.get("office1", RegistersController.PAGE + "/" + round + "/unit1").body())
        .contains("2 件，已收到 1 件，已归还 1 件，逾期未提供 1 件").doesNotContain("党委会会议记录", "白条");
    assertThat(files.summary(unit)).isEqualTo("调阅文件、档案、会议记录和账目 2 件，已收到 1 件、已归还 1 件，逾期未提供 1 件。");
    List<List<String>> rows = sheet("team1-leader", "/files.xlsx");
    assertThat(rows.subList(3, rows.size())).containsExactly(
        List.of("1", "会议记录", "2021年以来党委会会议记录", "2022-05-05", "2022-05-08", "—", "—", "是", "—"),
        List.of("2", "财务账目", "2021年度财务凭证", "2022-05-06", "2022-05-12", "2022-05-09", "2022-05-10", "否", "发现白条入账 3 笔"));
  }

  @Test
  void anAssessmentRecordsEachSubjectsGradesAndForumsWhoMetWhenOnWhat() throws IOException {
    ProcedureSteps.at("2022-05-10T09:00");
    assertThat(rest.post("team1-leader", api + "/assessments", json(Map.of("heldOn", "2022-05-09", "subject", "镇党委领导班子",
        "participants", "40", "good", "30", "fairlyGood", "8", "fair", "3", "poor", "-1"))).body())
        .contains("“差”票数：“-1”不是 0 或正整数");
    assertThat(rest.post("team1-leader", api + "/assessments", json(Map.of("heldOn", "2022-05-09", "subject", "镇党委领导班子",
        "participants", "40", "good", "30", "fairlyGood", "8", "fair", "3", "poor", "1"))).body())
        .contains("票数：好、较好、一般、差合计 42 票，多于参评人数 40");
    recorded(rest.post("team1-leader", api + "/assessments", json(Map.of("heldOn", "2022-05-09", "subject", "镇党委领导班子",
        "participants", "40", "good", "30", "fairlyGood", "8", "fair", "2", "poor", "0"))));
    recorded(rest.post("team1-leader", api + "/assessments", json(Map.of("heldOn", "2022-05-09", "subject", "镇党委书记",
        "participants", "40", "good", "25", "fairlyGood", "10", "fair", "4", "poor", "1"))));
    assertThat(rest.post("team1-leader", api + "/forums", json(Map.of("heldOn", "2022-05-11", "participants", " ",
        "topic", "村务公开"))).body()).contains("座谈日期：不能晚于今天（2022-05-10）", "参加人员：不能为空");
    recorded(rest.post("team1-member1", api + "/forums", json(Map.of("heldOn", "2022-05-10", "participants", "各村党支部书记 12 人",
        "topic", "村级班子建设", "summary", "普遍反映村级组织运转经费不足"))));

    assertThat(assessments.counts(unit)).isEqualTo(new AssessmentRegister.Counts(1, 2, 1));
    assertThat(assessments.assessments(unit)).extracting(AssessmentRegister.Assessment::goodRate).containsExactly("95.0%", "87.5%");
    assertThat(rest.get("office1", RegistersController.PAGE + "/" + round + "/unit1").body())
        .contains("1 次，测评对象 2 个").doesNotContain("村级组织运转经费", "镇党委书记");
    List<List<String>> rows = sheet("team1-leader", "/assessments.xlsx");
    assertThat(rows.subList(3, rows.size())).containsExactly(
        List.of("1", "2022-05-09", "镇党委领导班子", "40", "30", "8", "2", "0", "95.0%"),
        List.of("2", "2022-05-09", "镇党委书记", "40", "25", "10", "4", "1", "87.5%"));
    assertThat(rest.get("unit1", RegistersController.PAGE + "/" + round + "/unit1/assessments.xlsx").status()).isEqualTo(403);
  }

  private void talk(String post, String category, String on, String summary, String leads) {
    Map<String, String> fields = new java.util.HashMap<>(Map.of("post", post, "category", category, "inspector1", "白语嫣",
        "inspector2", "袁嘉禾", "plannedOn", on, "heldOn", on, "summary", summary));
    if (leads != null) {
      fields.put("leads", leads);
    }
    recorded(rest.post("team1-leader", api + "/talks", json(fields)));
  }

  /** The first sheet of a register export as text rows, the empty row under the title left out. */
  private List<List<String>> sheet(String user, String export) throws IOException {
    try {
      HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + RegistersController.PAGE + "/" + round + "/unit1" + export))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
          .build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("spreadsheetml"));
      try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
        Sheet sheet = workbook.getSheetAt(0);
        List<List<String>> rows = new ArrayList<>();
        for (Row row : sheet) {
          List<String> cells = new ArrayList<>();
          row.forEach(cell -> cells.add(cell.getStringCellValue()));
          while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
          }
          if (!cells.isEmpty()) {
            rows.add(cells);
          }
        }
        return rows;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}

package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The office imports a plan's teams and units from the spreadsheet template over HTTP: the template
 * is downloaded, filled and uploaded into an open 编制巡察工作方案, whose form then holds the rows and
 * submits them as the plan; a bad sheet is refused with each problem named by sheet, row and column,
 * and changes nothing; nobody but the office (and administrators) reaches the template or the import.
 */
@XunchaSpringTest
class RoundPlanImportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  ProcessEngine engine;
  @Autowired
  RoundRepository rounds;
  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void importedRowsAreTheFormsAndBecomeThePlan() throws Exception {
    RoundPlanSteps steps = new RoundPlanSteps(engine);
    ProcessInstance round = steps.startBlank();
    String task = steps.task(round, "Task_DraftRoundPlan").getId();

    HttpResponse<String> imported = upload("office1", task, RoundPlanSheets.sample(template("office1")));

    assertThat(imported.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(imported.body())).isEqualTo(JSON.readTree("{\"teams\":7,\"units\":7}"));
    assertThat(String.valueOf(engine.getTaskService().getVariableLocal(task, RoundPlanForm.TEAMS))).contains("第一巡察组", "第七巡察组");
    Map<String, Object> rest = new HashMap<>(RoundPlanForm.toVariables(SampleRound.plan()));
    rest.remove(RoundPlanForm.TEAMS);
    rest.remove(RoundPlanForm.UNITS);
    steps.submitPlan(round, rest);
    assertThat(rounds.findPlan(round.getBusinessKey())).get().satisfies(plan -> {
      assertThat(plan.teams()).as("names the pool has once are its accounts").extracting(RoundPlanForm::teamFields)
          .isEqualTo(SampleRound.plan().teams().stream().map(RoundPlanForm::teamFields).toList());
      assertThat(plan.units()).isEqualTo(SampleRound.plan().units());
    });
  }

  /**
   * A batch's own stay comes as typed text or as a date cell, a unit's own kind of inspection by its
   * short name; a cell that is no date or no kind is refused.
   */
  @Test
  void aUnitsOwnStayAndKindAreImported() throws Exception {
    RoundPlanSteps steps = new RoundPlanSteps(engine);
    ProcessInstance round = steps.startBlank();
    String task = steps.task(round, "Task_DraftRoundPlan").getId();
    byte[] dated = RoundPlanSheets.filled(template("office1"), SampleRound.plan(), workbook -> {
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 3, 10, "2022-05-05");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 3, 11, "2022/5/20");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 3, 12, "交叉");
      var cell = workbook.getSheet(RoundPlanSheet.UNITS).getRow(3).createCell(10);
      cell.setCellValue(java.time.LocalDate.of(2022, 5, 27));
      var style = workbook.createCellStyle();
      style.setDataFormat(workbook.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
      cell.setCellStyle(style);
    });

    assertThat(upload("office1", task, dated).statusCode()).isEqualTo(200);
    Map<String, Object> rest = new HashMap<>(RoundPlanForm.toVariables(SampleRound.plan()));
    rest.remove(RoundPlanForm.TEAMS);
    rest.remove(RoundPlanForm.UNITS);
    steps.submitPlan(round, rest);
    assertThat(rounds.findPlan(round.getBusinessKey()).orElseThrow().units()).satisfies(units -> {
      assertThat(units.get(1).entryDate()).isEqualTo("2022-05-05");
      assertThat(units.get(1).withdrawalDate()).isEqualTo("2022-05-20");
      assertThat(units.get(1).inspectionKind()).isEqualTo(RoundKind.CROSS);
      assertThat(units.get(2).inspectionKind()).isNull();
      assertThat(units.get(2).entryDate()).isNull();
      assertThat(units.get(2).withdrawalDate()).isEqualTo("2022-05-27");
    });

    ProcessInstance other = steps.startBlank();
    String otherTask = steps.task(other, "Task_DraftRoundPlan").getId();
    HttpResponse<String> refused = upload("office1", otherTask, RoundPlanSheets.filled(template("office1"), SampleRound.plan(),
        workbook -> {
          RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 10, "五月五日");
          RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 12, "抽查");
        }));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("“被巡察党组织”表第 2 行“本单位进驻日期（不填即本轮日期）”列：“五月五日”不是日期，请填写如 2022-04-21",
        "“被巡察党组织”表第 2 行“巡察类型（不填即本轮类型）”列：只能填写“常规”、“专项”、“机动”、“提级”、“交叉”、“回头看”，或不填");

    HttpResponse<String> followUp = upload("office1", otherTask, RoundPlanSheets.filled(template("office1"), SampleRound.plan(),
        workbook -> {
          RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 12, "回头看");
          RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 13, "十四届县委第五轮巡察");
          RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 14, "赵村镇党委");
        }));
    assertThat(followUp.statusCode()).isEqualTo(200);
    assertThat(String.valueOf(engine.getTaskService().getVariableLocal(otherTask, RoundPlanForm.UNITS)))
        .contains("\"inspectionKind\":\"FOLLOW_UP\"", "\"followUpRound\":\"十四届县委第五轮巡察\"", "\"followUpUnit\":\"赵村镇党委\"");
  }

  @Test
  void badSheetIsRefusedCellByCellAndChangesNothing() throws Exception {
    ProcessInstance round = new RoundPlanSteps(engine).startWithSample();
    String task = new RoundPlanSteps(engine).task(round, "Task_DraftRoundPlan").getId();
    Object teamsBefore = String.valueOf(engine.getTaskService().getVariableLocal(task, RoundPlanForm.TEAMS));
    byte[] bad = RoundPlanSheets.filled(template("office1"), SampleRound.plan(), workbook -> {
      RoundPlanSheets.set(workbook, RoundPlanSheet.TEAMS, 3, 1, "二");
      RoundPlanSheets.set(workbook, RoundPlanSheet.TEAMS, 4, 3, "");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 2, 6, "部分村");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 3, 3, "9");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 4, 2, "乡党委");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 5, 4, "team2");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 6, 4, "dept-finance");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 7, 4, "office");
      RoundPlanSheets.set(workbook, RoundPlanSheet.UNITS, 8, 4, "camunda-admin");
      workbook.getSheet(RoundPlanSheet.TEAMS).getRow(1).getCell(1).setCellFormula("HYPERLINK(\"http://evil.example/\",\"点此\")");
    });

    HttpResponse<String> refused = upload("office1", task, bad);

    assertThat(refused.statusCode()).isEqualTo(400);
    List<String> problems = JSON.convertValue(JSON.readTree(refused.body()).path("problems"), JSON.getTypeFactory()
        .constructCollectionType(List.class, String.class));
    assertThat(problems).containsExactlyInAnyOrder(
        "“巡察组”表第 3 行“组号”列：“二”不是大于 0 的整数",
        "“巡察组”表第 4 行“组长”列：不能为空",
        "“巡察组”表第 2 行“名称”列：不能使用公式，请直接填写内容",
        "“被巡察党组织”表第 2 行“覆盖方式（全部村／点名村／部分村加机动巡察／不巡察村）”列：只能填写“全部村”“点名村”“部分村加机动巡察”或“不巡察村”",
        "“被巡察党组织”表第 3 行“负责巡察组（组号）”列：“巡察组”表中没有第 9 组",
        "“被巡察党组织”表第 4 行“单位类别”列：只能填写“乡镇（街道）党委”、“县直部门（单位）党组（党组织）”、“事业单位党组织”、“国有企业党组织”、“村（社区）党组织”",
        "“被巡察党组织”表第 5 行“单位账户组”列：单位账户组 team2 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
        "“被巡察党组织”表第 6 行“单位账户组”列：单位账户组 dept-finance 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
        "“被巡察党组织”表第 7 行“单位账户组”列：单位账户组 office 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组",
        "“被巡察党组织”表第 8 行“单位账户组”列：单位账户组 camunda-admin 是巡察组、部门或巡察办等的账户组，请填写被巡察党组织自己的账户组");
    assertThat(String.valueOf(engine.getTaskService().getVariableLocal(task, RoundPlanForm.TEAMS))).isEqualTo(teamsBefore);

    byte[] tooLong = RoundPlanSheets.filled(template("office1"), SampleRound.plan(), workbook -> {
      for (int row = 9; row <= RoundPlanSheet.MAX_TEAMS + 2; row++) {
        RoundPlanSheets.set(workbook, RoundPlanSheet.TEAMS, row, 2, "第" + row + "组");
      }
    });
    assertThat(upload("office1", task, tooLong).body()).contains("“巡察组”表最多填写 100 行");
    HttpResponse<String> notASheet = upload("office1", task, "名称,组长\n".getBytes(StandardCharsets.UTF_8));
    assertThat(notASheet.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notASheet.body()).path("message").asText()).isEqualTo("文件不是有效的 Excel 表格（.xlsx），请使用下载的模板填写后上传");
    assertThat(upload("office1", "no-such-task", RoundPlanSheets.sample(template("office1"))).body()).contains("请选择一个正在编制的巡察工作方案");
    assertThat(String.valueOf(engine.getTaskService().getVariableLocal(task, RoundPlanForm.TEAMS))).isEqualTo(teamsBefore);
  }

  @Test
  void onlyTheOfficeReachesTheTemplateAndTheImport() throws Exception {
    ProcessInstance round = new RoundPlanSteps(engine).startBlank();
    String task = new RoundPlanSteps(engine).task(round, "Task_DraftRoundPlan").getId();
    byte[] sheet = RoundPlanSheets.sample(template("office1"));
    for (String user : List.of("leader1", "committee1", "team1-leader", "unit1", "dept-discipline1")) {
      assertThat(get(user, "/round-plan/template").statusCode()).as(user + " template").isEqualTo(403);
      assertThat(get(user, "/round-plan/import").statusCode()).as(user + " page").isEqualTo(403);
      assertThat(upload(user, task, sheet).statusCode()).as(user + " import").isEqualTo(403);
    }
    assertThat(get("office1", "/round-plan/import").body()).contains("导入巡察组和被巡察党组织", task);
    assertThat(engine.getTaskService().getVariableLocal(task, RoundPlanForm.TEAMS).toString()).isEqualTo("[]");
  }

  private byte[] template(String user) throws Exception {
    HttpResponse<byte[]> template = http.send(request(user, "/round-plan/template").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(template.statusCode()).isEqualTo(200);
    return template.body();
  }

  private HttpResponse<String> get(String user, String path) throws Exception {
    return http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> upload(String user, String task, byte[] sheet) throws Exception {
    String boundary = "----xuncha" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"task\"\r\n\r\n" + task + "\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.xlsx\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(sheet);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(request(user, RoundPlanImportController.API).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }
}

package cn.xuncha.documents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.SampleRound;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The documents of the sample round, filled from its records, over HTTP as each role would fetch them. */
@XunchaSpringTest
class DocumentsTest {

  private static final RoundPlan SAMPLE = SampleRound.plan();
  private static final String UNIT = SAMPLE.units().get(1).name();
  private static final RoundPlan.Team TEAM = SAMPLE.teams().get(1);
  /** The sample round run to publication once for the whole class: the documents only read it. */
  private static String roundKey;

  @LocalServerPort
  int port;
  @Autowired
  ProcessEngine engine;
  @Autowired
  DocumentService documents;
  @Autowired
  JdbcClient jdbc;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void sampleRoundPublished() {
    if (roundKey == null) {
      roundKey = new ProcedureSteps(engine).runSampleRoundToPublication().getBusinessKey();
    }
  }

  /**
   * A second county's office documents carry that county's issuer in 版头, 发文字号 and 落款, not the home
   * county's (issue 16 item 2; application-test.yaml configures 乙县 under {@code xuncha.counties}).
   */
  @Test
  void anotherCountysDocumentsCarryItsOwnIssuer() {
    String round = new ProcedureSteps(engine).approvedRound().getBusinessKey();
    jdbc.sql("update xc_round set county = 'documents-test-b' where business_key = ?").param(round).update();

    OfficialDocument notice = documents.build(round, "unit1", DocumentKind.NOTICE);

    assertThat(notice.letterhead().body()).isEqualTo("中共乙县县委巡察工作领导小组办公室");
    assertThat(notice.letterhead().number()).startsWith("乙县巡察办〔");
    assertThat(notice.issuer()).isEqualTo("中共乙县县委巡察工作领导小组办公室");
    assertThat(documents.officeLedger(round).issuer()).isEqualTo("中共乙县县委巡察工作领导小组办公室");
    OfficialDocument announcement = documents.build(round, "unit1", DocumentKind.ANNOUNCEMENT);
    assertThat(announcement.letterhead().body()).as("a team signs as its county committee's").isEqualTo("乙县县委第一巡察组");
    assertThat(announcement.letterhead().number()).startsWith("乙县县委巡察一组〔");
    assertThat(String.join("", notice.paragraphs())).as("the notice names the team as its county's").contains("乙县县委第一巡察组将于");
  }

  @Test
  void noticeAndAnnouncementCarryTheUnitTeamDatesAndChannels() throws Exception {
    String notice = html("unit2/notice", "office1");
    assertThat(notice).contains("中共县委巡察工作领导小组办公室", "县巡察办〔2022〕2号", "关于" + SAMPLE.name() + "进驻" + UNIT + "的通知",
        UNIT + "：", "县委" + TEAM.name(), "2022年4月21日", "2022年6月10日", TEAM.nameOf(TEAM.leader()), "乡政府会议室",
        "2022年4月18日", "size: A4", "margin: 37mm 26mm 35mm 28mm");
    String announcement = html("unit2/announcement", "team2-leader");
    assertThat(announcement).as("the 公告 prints exactly the channels entered, in their order")
        .contains("县委" + TEAM.name() + "关于巡察" + UNIT + "的公告", "举报电话：0375-1234567（工作日 8:30—17:30）。", "举报电话：12388。",
            "邮政信箱：县邮政局 1 号信箱。", "网络举报平台：https://xc.example.cn/jb（“码上巡察”二维码）。",
            "受理时间至2022年6月3日17时30分止", "县融媒体中心", "2022年4月18日")
        .doesNotContain("电子邮箱", "意见箱");
    assertThat(announcement.indexOf("0375-1234567")).isLessThan(announcement.indexOf("12388"));
    assertThat(html("unit2/arrangement", "office1")).contains("乡政府院内", "乡党委班子成员、各村党支部书记", TEAM.nameOf(TEAM.leader()))
        .as("people by name, not by account").doesNotContain(TEAM.leader());
  }

  @Test
  void reportFeedbackAndPublicationListEveryProblemOfTheReport() throws Exception {
    String report = html("unit2/report", "team2-leader");
    assertThat(report).contains("巡察情况总体报告", "个别谈话 86 人次", "发现问题清单", "三重一大事项未经集体研究", "工作纪律",
        "问题线索清单", "村干部违规发放补贴", "意见建议清单", "建议督促乡党委落实三重一大制度", "2022年6月27日");
    assertThat(html("unit2/feedback", "unit2")).contains(UNIT + "：", "三重一大事项未经集体研究",
        "落实三重一大制度，规范村级财务", "10个工作日内报送整改方案", "2022年6月29日");
    assertThat(html("unit2/publication", "office1")).contains("巡察反馈问题共1个，已完成整改1个", "巡察整改情况通报", "2022年8月1日",
        "2022年7月28日");
  }

  @Test
  void docxOpensInWordWithTheSameText() throws Exception {
    HttpResponse<byte[]> response = bytes("/documents/" + roundKey + "/unit2/feedback?format=docx", "office1");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow()).contains(".docx");
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(response.body()));
         XWPFWordExtractor text = new XWPFWordExtractor(docx)) {
      assertThat(text.getText()).contains("县委巡察二组〔2022〕4号", "三重一大事项未经集体研究", "2022年6月29日")
          .doesNotContain("巡察工作领导小组办公室");
      assertThat(docx.getParagraphs().get(2).getText()).as("the title, broken before 关于")
          .isEqualTo("县委" + TEAM.name() + "\n关于巡察" + UNIT + "的反馈意见");
      XWPFRun mark = docx.getParagraphs().get(0).getRuns().get(0);
      assertThat(mark.text()).isEqualTo("县委" + TEAM.name());
      assertThat(mark.getColor()).isEqualTo("FF0000");
      assertThat(docx.getParagraphs().get(1).getCTP().getPPr().getPBdr().getBottom().xgetColor().getStringValue())
          .isEqualTo("FF0000");
      assertThat(docx.getParagraphs().get(4).getSpacingBetween()).as("正文 line spacing in points").isEqualTo(28);
    }
    try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
        bytes("/documents/" + roundKey + "/unit2/report?format=docx", "office1").body()))) {
      assertThat(docx.getTables()).hasSize(3);
      assertThat(docx.getTables().get(0).getText()).contains("三重一大事项未经集体研究");
      assertThat(docx.getTables()).as("a row is never split between pages").allSatisfy(table ->
          assertThat(table.getRows()).allMatch(org.apache.poi.xwpf.usermodel.XWPFTableRow::isCantSplitRow));
    }
  }

  @Test
  void ledgersDownloadAsWorkbooks() throws Exception {
    List<String> rectification = sheetText(bytes("/documents/" + roundKey + "/unit2/rectification?format=xlsx", "unit2").body(), 0);
    assertThat(rectification).contains("三重一大事项未经集体研究", "建立三重一大事项集体决策台账", "2022年7月20日", "乡党委书记", "已销号");
    List<String> clues = sheetText(bytes("/documents/" + roundKey + "/unit2/clues?format=xlsx", "team2-leader").body(), 0);
    assertThat(clues).contains(UNIT, "村干部违规发放补贴", "违纪违法问题线索", "已书面反馈");
    byte[] office = bytes("/documents/" + roundKey + "/ledger?format=xlsx", "leader1").body();
    List<String> transfers = sheetText(office, 0);
    List<String> progress = sheetText(office, 1);
    for (RoundPlan.InspectedUnit unit : SAMPLE.units()) {
      assertThat(transfers).contains(unit.name());
      assertThat(progress).contains(unit.name());
    }
    assertThat(transfers.stream().filter("已书面反馈"::equals)).hasSize(SAMPLE.units().size());
    assertThat(bytes("/documents/" + roundKey + "/unit2/notice?format=xlsx", "office1").statusCode()).isEqualTo(400);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(office))) {
      for (Sheet sheet : workbook) {
        assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
        assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
        assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
        CellRangeAddress repeated = sheet.getRepeatingRows();
        assertThat(List.of(repeated.getFirstRow(), repeated.getLastRow())).as("the heading row on every page").containsExactly(2, 2);
        Cell heading = sheet.getRow(2).getCell(0);
        assertThat(heading.getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.THIN);
        assertThat(workbook.getFontAt(heading.getCellStyle().getFontIndex()).getFontName()).isEqualTo("宋体");
      }
    }
  }

  @Test
  void onlyTheUnitsTeamTheSupervisorsAndForItsOwnLettersTheUnitMayRead() throws Exception {
    assertThat(status("/documents/" + roundKey + "/unit2/report", "team1-leader")).isEqualTo(403);
    assertThat(status("/documents/" + roundKey + "/unit2/announcement", "unit2")).isEqualTo(403);
    assertThat(status("/documents/" + roundKey + "/unit2/notice", "unit1")).isEqualTo(403);
    assertThat(status("/documents/" + roundKey + "/ledger", "team2-leader")).isEqualTo(403);
    assertThat(status("/documents/" + roundKey + "/unit2/rectification", "unit2")).isEqualTo(200);
    assertThat(status("/documents/" + roundKey + "/unit2/report", "leader1")).isEqualTo(200);
    assertThat(status("/documents/" + roundKey + "/unit2/minutes", "office1")).isEqualTo(404);
    assertThat(status("/documents/round-none/unit2/notice", "office1")).isEqualTo(404);
  }

  @Test
  void recordsAreEscapedInTheHtml() throws Exception {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit = steps.withdrawn(round, 1);
    ProcedureSteps.at("2022-06-20T09:00");
    steps.draftReport(unit, 1, Map.of("talkReport", "<script>alert(1)</script>谈话",
        "clues", List.of(Map.of("summary", "<b>违规</b>发放补贴", "kind", "discipline"))));
    HttpResponse<String> page = get("/documents/" + round.getBusinessKey() + "/unit1/report", "office1");
    assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;谈话", "&lt;b&gt;违规&lt;/b&gt;发放补贴")
        .doesNotContain("<script>alert", "<b>违规");
  }

  /**
   * Every kind of document, downloaded and printed by LibreOffice, reads as GB/T 9704 asks: the
   * letters on portrait A4 in as few pages as the HTML takes, the issuing body's 版头 with its red
   * rule on page 1, 主送 once; the ledgers one page wide on A4 landscape.
   */
  @Test
  void everyDocumentPrintsOnItsPagesWithItsIssuersLetterhead() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (DocumentKind kind : DocumentKind.values()) {
      files.put(kind.path() + ".docx", download("/unit2/" + kind.path() + "?format=docx"));
      if (kind.ledger()) {
        files.put(kind.path() + ".xlsx", download("/unit2/" + kind.path() + "?format=xlsx"));
      }
    }
    files.put("ledger.xlsx", download("/ledger?format=xlsx"));
    Map<String, PrintedDocuments.Printed> printed = PrintedDocuments.print(files);

    Map<String, String> letterheads = Map.of("notice", "中共县委巡察工作领导小组办公室", "publication", "中共县委巡察工作领导小组办公室",
        "announcement", "县委" + TEAM.name(), "arrangement", "县委" + TEAM.name(), "report", "县委" + TEAM.name(),
        "feedback", "县委" + TEAM.name());
    letterheads.forEach((kind, body) -> {
      PrintedDocuments.Printed letter = printed.get(kind + ".docx");
      assertThat(letter.portraitA4()).as(kind + " on portrait A4").isTrue();
      assertThat(letter.pages().get(0).strip()).as(kind + " opens with its issuer's 版头").startsWith(body);
      assertThat(letter.longestRedLine()).as(kind + ": the red rule under the 版头 spans the 版心").isBetween(0.70, 0.76);
    });
    assertThat(printed.get("notice.docx").pages()).as("巡察通知 fits one page, as its HTML does").hasSize(1);
    assertThat(printed.get("feedback.docx").pages()).hasSize(1);
    assertThat(printed.get("announcement.docx").pages()).hasSize(1);
    assertThat(printed.get("report.docx").pages()).hasSizeLessThanOrEqualTo(3);
    assertThat(printed.get("notice.docx").text()).containsOnlyOnce(UNIT + "：").doesNotContain("党委党组织")
        .contains("县巡察办〔2022〕2号");
    assertThat(printed.get("announcement.docx").text()).contains("举报电话：0375-1234567", "网络举报平台：https://xc.example.cn/jb")
        .as("a line before a link is not spread apart").doesNotContain("网 络");

    for (String ledger : List.of("rectification.xlsx", "clues.xlsx", "ledger.xlsx", "rectification.docx", "clues.docx")) {
      PrintedDocuments.Printed sheet = printed.get(ledger);
      assertThat(sheet.landscape()).as(ledger + " on landscape pages").isTrue();
      assertThat(sheet.longestRedLine()).as(ledger + " has no 版头").isZero();
    }
    assertThat(printed.get("ledger.xlsx").pages()).as("one page per sheet: every column fits the width").hasSize(3);
    assertThat(printed.get("ledger.xlsx").pages().get(2)).as("the registers' counts, no content").contains("现场登记统计", "逾期未提供");
    assertThat(printed.get("ledger.xlsx").pages().get(0)).contains("书面反馈时间", "已书面反馈", "县纪委监委")
        .doesNotContain("dept-");
    assertThat(printed.get("rectification.xlsx").pages()).hasSize(1);
    assertThat(printed.get("rectification.xlsx").text()).contains("整改佐证", "已销号");
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> response = bytes("/documents/" + roundKey + path, "office1");
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private String html(String path, String user) throws Exception {
    HttpResponse<String> response = get("/documents/" + roundKey + "/" + path, user);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("text/html");
    return response.body();
  }

  private static List<String> sheetText(byte[] xlsx, int sheet) throws Exception {
    List<String> cells = new ArrayList<>();
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet rows = workbook.getSheetAt(sheet);
      for (Row row : rows) {
        for (Cell cell : row) {
          cells.add(cell.getStringCellValue());
        }
      }
    }
    return cells;
  }

  private int status(String path, String user) throws Exception {
    return get(path, user).statusCode();
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return http.send(request(path, user), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> bytes(String path, String user) throws Exception {
    return http.send(request(path, user), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest request(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}

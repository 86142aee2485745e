package cn.xuncha.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Each sheet of a ledger is headed by the document's title, and by the table's caption where the title does not
 * already say it; under it who keeps the ledger and its date; the document's paragraphs follow the first table.
 */
class XlsxWriterTest {

  @Test
  void aSheetWhoseCaptionTheTitleEndsWithIsHeadedByTheTitleAlone() throws Exception {
    OfficialDocument ledger = new OfficialDocument("赵村镇党委-整改台账", null, "赵村镇党委巡察反馈问题整改台账", null, List.of(),
        List.of(new OfficialDocument.Table("整改台账", List.of("序号", "问题"), List.of(List.of("1", "问题甲"))),
            new OfficialDocument.Table("立行立改事项（巡察期间已整改）", List.of("序号", "问题"), List.of(List.of("1", "问题乙")))),
        "中共松川县委第一巡察组", LocalDate.of(2022, 6, 1));

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(new XlsxWriter().write(ledger)))) {
      assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("赵村镇党委巡察反馈问题整改台账");
      assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("赵村镇党委巡察反馈问题整改台账：立行立改事项（巡察期间已整改）");
      assertThat(workbook.getSheetAt(1).getRow(1).getCell(0).getStringCellValue()).isEqualTo("填报单位：中共松川县委第一巡察组　　日期：2022年6月1日");
    }
  }

  @Test
  void aRegistersSummaryFollowsItsFirstTableAndAKeeperWithoutDateStandsAlone() throws Exception {
    OfficialDocument register = new OfficialDocument("甲单位-信访件登记汇总", null, "甲单位信访件登记汇总", null,
        List.of("共收到信访件 2 件，其中来信 1 件、来访 1 件。"),
        List.of(new OfficialDocument.Table("信访件", List.of("序号", "来源", "内容"), List.of(List.of("1", "来信", "甲"), List.of("2", "来访", "乙")))),
        "中共乙县县委第二巡察组", null);

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(new XlsxWriter().write(register)))) {
      assertThat(workbook.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("填报单位：中共乙县县委第二巡察组");
      assertThat(workbook.getSheetAt(0).getRow(6).getCell(0).getStringCellValue()).isEqualTo("共收到信访件 2 件，其中来信 1 件、来访 1 件。");
      assertThat(workbook.getSheetAt(0).getRow(1).getHeightInPoints()).as("a keeper wider than a narrow table wraps, and its row grows")
          .isGreaterThanOrEqualTo(2 * workbook.getSheetAt(0).getRow(2).getHeightInPoints());
    }
  }

  @Test
  void aRowIsAsHighAsItsLongestWrappedText() throws Exception {
    String longText = "反映".repeat(60);
    OfficialDocument register = new OfficialDocument("甲单位-调阅登记表", null, "甲单位调阅登记表", null, List.of(),
        List.of(new OfficialDocument.Table("调阅", List.of("序号", "内容"), List.of(List.of("1", "短"), List.of("2", longText + "\n" + "另起一行")))),
        null, null);

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(new XlsxWriter().write(register)))) {
      float oneLine = workbook.getSheetAt(0).getRow(3).getHeightInPoints();
      // 240 widths in a column of 40 wrap to 7 lines (39 a line), and the text's own second line is one more
      assertThat(workbook.getSheetAt(0).getRow(4).getHeightInPoints()).isEqualTo(8 * oneLine);
    }
  }

  @Test
  void aOneColumnTableIsWrittenAndFullWidthPunctuationCountsTwo() throws Exception {
    OfficialDocument opinions = new OfficialDocument("意见", null, "意见汇总", null, List.of(),
        List.of(new OfficialDocument.Table("意见", List.of("意见"), List.of())), null, null);

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(new XlsxWriter().write(opinions)))) {
      assertThat(workbook.getSheetAt(0).getRow(3).getCell(0).getStringCellValue()).isEqualTo("暂无记录。");
    }
    assertThat(OfficialDocument.Table.textWidth("“三重一大”——①")).isEqualTo(18);
  }

  @Test
  void aPrintedRegisterIsOneLandscapePageWithItsKeeperWrappedTextAndSummary() throws Exception {
    String longText = "反映村集体资产出租情况，" + "“三重一大”事项未经集体研究——".repeat(8);
    OfficialDocument register = new OfficialDocument("甲单位-信访件登记汇总", null, "甲单位信访件登记汇总", null,
        List.of("巡察期间受理信访 2 件，其中电话 1 件、来访 1 件；逾期受理 0 件（照常登记）。"),
        List.of(new OfficialDocument.Table("信访件", List.of("序号", "受理渠道", "反映内容", "分办结果"),
            List.of(List.of("1", "电话", longText, "移交有关部门"), List.of("2", "来访", "反映邻里宅基地纠纷", "存档")))),
        "中共乙县县委第二巡察组", LocalDate.of(2022, 6, 1));

    PrintedDocuments.Printed printed = PrintedDocuments.print(Map.of("register.xlsx", new XlsxWriter().write(register))).get("register.xlsx");

    assertThat(printed.pages()).hasSize(1);
    assertThat(printed.landscape()).isTrue();
    String text = printed.text().replaceAll("\\s+", "");
    assertThat(text).contains("填报单位：中共乙县县委第二巡察组", "日期：2022年6月1日", "反映邻里宅基地纠纷",
        "巡察期间受理信访2件，其中电话1件、来访1件；逾期受理0件（照常登记）。");
    assertThat(text).as("the wrapped text printed whole, its last line too").contains(longText.replaceAll("\\s+", ""));
  }
}

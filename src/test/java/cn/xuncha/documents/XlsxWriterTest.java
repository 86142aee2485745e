package cn.xuncha.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Each sheet of a ledger is headed by the document's title, and by the table's caption where the title does not already say it. */
class XlsxWriterTest {

  @Test
  void aSheetWhoseCaptionTheTitleEndsWithIsHeadedByTheTitleAlone() throws Exception {
    OfficialDocument ledger = new OfficialDocument("赵村镇党委-整改台账", null, "赵村镇党委巡察反馈问题整改台账", null, List.of(),
        List.of(new OfficialDocument.Table("整改台账", List.of("序号", "问题"), List.of(List.of("1", "问题甲"))),
            new OfficialDocument.Table("立行立改事项（巡察期间已整改）", List.of("序号", "问题"), List.of(List.of("1", "问题乙")))),
        null, LocalDate.of(2022, 6, 1));

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(new XlsxWriter().write(ledger)))) {
      assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("赵村镇党委巡察反馈问题整改台账");
      assertThat(workbook.getSheetAt(1).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("赵村镇党委巡察反馈问题整改台账：立行立改事项（巡察期间已整改）");
    }
  }
}

package cn.xuncha.documents;

import cn.xuncha.documents.OfficialDocument.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/** Writes the tables of a ledger as a workbook, one sheet per table with the title on top. */
@Component
class XlsxWriter {

  byte[] write(OfficialDocument document) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      for (Table table : document.tables()) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.caption()));
        sheet.createRow(0).createCell(0).setCellValue(document.title());
        sheet.getRow(0).getCell(0).setCellStyle(bold);
        row(sheet, 2, table.header()).forEach(cell -> cell.setCellStyle(bold));
        for (int i = 0; i < table.rows().size(); i++) {
          row(sheet, i + 3, table.rows().get(i));
        }
        for (int column = 0; column < table.header().size(); column++) {
          sheet.setColumnWidth(column, 20 * 256);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(Sheet sheet, int index, List<String> values) {
    Row row = sheet.createRow(index);
    for (int column = 0; column < values.size(); column++) {
      row.createCell(column).setCellValue(values.get(column));
    }
    return row;
  }
}

package cn.xuncha.documents;

import cn.xuncha.documents.OfficialDocument.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Writes the tables of a ledger as a workbook, one sheet per table: the title on top, under it who
 * keeps the ledger (填报单位, the document's issuer: the office or the 巡察组) and its date, a
 * bordered table in a Chinese font with columns as wide as their text (long texts wrap), the
 * document's paragraphs (a register's summary) under the first table, printed on A4 landscape one
 * page wide with the heading row repeated on every page.
 */
@Component
public class XlsxWriter {

  private static final String FONT = "宋体";
  private static final int HEADER_ROW = 2;
  /** Column widths in characters; a longer text wraps. */
  private static final int MIN_WIDTH = 6;
  private static final int MAX_WIDTH = 40;
  private static final float LINE_POINTS = 15;

  /** The workbook of the document's tables, one sheet each, as .xlsx bytes. */
  public byte[] write(OfficialDocument document) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Font defaultFont = workbook.getFontAt(0);
      defaultFont.setFontName(FONT);
      defaultFont.setFontHeightInPoints((short) 11);
      CellStyle title = style(workbook, 16, true, false);
      title.setAlignment(HorizontalAlignment.CENTER);
      CellStyle heading = style(workbook, 11, true, true);
      heading.setAlignment(HorizontalAlignment.CENTER);
      CellStyle cell = style(workbook, 11, false, true);
      CellStyle text = style(workbook, 11, false, false);
      text.setWrapText(true);
      text.setVerticalAlignment(VerticalAlignment.TOP);
      String keptBy = keptBy(document);
      for (Table table : document.tables()) {
        Sheet sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(table.caption()));
        int columns = table.header().size();
        Cell titleCell = sheet.createRow(0).createCell(0);
        boolean named = document.tables().size() == 1 || document.title().endsWith(table.caption());
        titleCell.setCellValue(named ? document.title() : document.title() + "：" + table.caption());
        titleCell.setCellStyle(title);
        sheet.getRow(0).setHeightInPoints(28);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        if (!keptBy.isEmpty()) {
          merged(sheet, 1, keptBy, text, columns, 1);
        }
        row(sheet, HEADER_ROW, table.header(), heading, columns);
        for (int i = 0; i < table.rows().size(); i++) {
          row(sheet, HEADER_ROW + 1 + i, table.rows().get(i), cell, columns);
        }
        if (table.rows().isEmpty()) {
          row(sheet, HEADER_ROW + 1, List.of("暂无记录。"), cell, columns);
          sheet.addMergedRegion(new CellRangeAddress(HEADER_ROW + 1, HEADER_ROW + 1, 0, columns - 1));
        }
        List<Integer> widths = table.textWidths();
        int tableWidth = 0;
        for (int column = 0; column < columns; column++) {
          int width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, widths.get(column) + 2));
          sheet.setColumnWidth(column, width * 256);
          tableWidth += width;
        }
        if (table == document.tables().get(0)) {
          int next = HEADER_ROW + Math.max(1, table.rows().size()) + 2;
          for (String paragraph : document.paragraphs()) {
            // a merged cell does not grow with its wrapped text: as many lines as a CJK character (two widths) per column width allows
            merged(sheet, next++, paragraph, text, columns, (int) Math.ceil(paragraph.length() * 2.0 / tableWidth));
          }
        }
        printSetup(sheet);
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CellStyle style(XSSFWorkbook workbook, int size, boolean bold, boolean bordered) {
    Font font = workbook.createFont();
    font.setFontName(FONT);
    font.setFontHeightInPoints((short) size);
    font.setBold(bold);
    CellStyle style = workbook.createCellStyle();
    style.setFont(font);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    if (bordered) {
      style.setWrapText(true);
      style.setBorderTop(BorderStyle.THIN);
      style.setBorderBottom(BorderStyle.THIN);
      style.setBorderLeft(BorderStyle.THIN);
      style.setBorderRight(BorderStyle.THIN);
    }
    return style;
  }

  /** 填报单位 and the date, as far as the document has them; empty if it has neither. */
  private static String keptBy(OfficialDocument document) {
    List<String> parts = new ArrayList<>();
    if (document.issuer() != null && !document.issuer().isBlank()) {
      parts.add("填报单位：" + document.issuer());
    }
    if (document.date() != null) {
      parts.add("日期：" + document.dateText());
    }
    return String.join("　　", parts);
  }

  /** A text across the row's first {@code columns} cells, {@code lines} lines high. */
  private static void merged(Sheet sheet, int index, String value, CellStyle style, int columns, int lines) {
    Row row = sheet.createRow(index);
    Cell cell = row.createCell(0);
    cell.setCellValue(value);
    cell.setCellStyle(style);
    row.setHeightInPoints(Math.max(1, lines) * LINE_POINTS);
    if (columns > 1) {
      sheet.addMergedRegion(new CellRangeAddress(index, index, 0, columns - 1));
    }
  }

  /** Every cell of the row up to {@code columns} gets the style, so borders close even around a merged or short row. */
  private static void row(Sheet sheet, int index, List<String> values, CellStyle style, int columns) {
    Row row = sheet.createRow(index);
    for (int column = 0; column < columns; column++) {
      Cell cell = row.createCell(column);
      if (column < values.size()) {
        cell.setCellValue(values.get(column));
      }
      cell.setCellStyle(style);
    }
  }

  /** A4 landscape, one page wide and as many pages long as needed, the heading row on every page, page numbers below. */
  private static void printSetup(Sheet sheet) {
    PrintSetup print = sheet.getPrintSetup();
    print.setPaperSize(PrintSetup.A4_PAPERSIZE);
    print.setLandscape(true);
    sheet.setFitToPage(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    sheet.setHorizontallyCenter(true);
    sheet.setRepeatingRows(new CellRangeAddress(HEADER_ROW, HEADER_ROW, -1, -1));
    sheet.getFooter().setCenter("第 &P 页，共 &N 页");
  }
}

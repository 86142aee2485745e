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
  private static final float MAX_ROW_POINTS = 409;
  private static final String NONE = "暂无记录。";

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
        if (columns > 1) {
          sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        }
        List<Integer> widths = table.textWidths().stream().map(width -> Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width + 2))).toList();
        int tableWidth = widths.stream().mapToInt(Integer::intValue).sum();
        for (int column = 0; column < columns; column++) {
          sheet.setColumnWidth(column, widths.get(column) * 256);
        }
        if (!keptBy.isEmpty()) {
          merged(sheet, 1, keptBy, text, columns, tableWidth);
        }
        row(sheet, HEADER_ROW, table.header(), heading, widths);
        for (int i = 0; i < table.rows().size(); i++) {
          row(sheet, HEADER_ROW + 1 + i, table.rows().get(i), cell, widths);
        }
        if (table.rows().isEmpty()) {
          row(sheet, HEADER_ROW + 1, List.of(NONE), cell, widths);
          if (columns > 1) {
            sheet.addMergedRegion(new CellRangeAddress(HEADER_ROW + 1, HEADER_ROW + 1, 0, columns - 1));
          }
          sheet.getRow(HEADER_ROW + 1).setHeightInPoints(height(lines(NONE, tableWidth)));
        }
        if (table == document.tables().get(0)) {
          int next = HEADER_ROW + Math.max(1, table.rows().size()) + 2;
          for (String paragraph : document.paragraphs()) {
            merged(sheet, next++, paragraph, text, columns, tableWidth);
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

  /** A text across the row's first {@code columns} cells, {@code width} characters wide in all, as high as its wrapped lines. */
  private static void merged(Sheet sheet, int index, String value, CellStyle style, int columns, int width) {
    Row row = sheet.createRow(index);
    Cell cell = row.createCell(0);
    cell.setCellValue(value);
    cell.setCellStyle(style);
    row.setHeightInPoints(height(lines(value, width)));
    if (columns > 1) {
      sheet.addMergedRegion(new CellRangeAddress(index, index, 0, columns - 1));
    }
  }

  /**
   * Every cell of the row in its column of {@code widths} characters, the row as high as its longest
   * wrapped text: the style gives every cell, also past the values, so borders close even around a
   * merged or short row. Neither Excel on opening nor LibreOffice grows a row written without a height.
   */
  private static void row(Sheet sheet, int index, List<String> values, CellStyle style, List<Integer> widths) {
    Row row = sheet.createRow(index);
    int lines = 1;
    for (int column = 0; column < widths.size(); column++) {
      Cell cell = row.createCell(column);
      if (column < values.size()) {
        cell.setCellValue(values.get(column));
        lines = Math.max(lines, lines(values.get(column), widths.get(column)));
      }
      cell.setCellStyle(style);
    }
    row.setHeightInPoints(height(lines));
  }

  /** How many lines a text takes in a cell {@code width} characters wide: each of its own lines wraps on its own. */
  private static int lines(String text, int width) {
    int lines = 0;
    for (String line : text.split("\r?\n|\r", -1)) {
      lines += Math.max(1, (int) Math.ceil((double) OfficialDocument.Table.textWidth(line) / Math.max(1, width - 1)));
    }
    return lines;
  }

  /** The height of so many lines, within the 409 points a spreadsheet row may have. */
  private static float height(int lines) {
    return Math.min(MAX_ROW_POINTS, lines * LINE_POINTS);
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

package cn.xuncha.people;

import cn.xuncha.people.InspectorPoolService.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The pool as an .xlsx sheet, the way offices keep it: one person per row under a header row,
 * yes/no as 是/否, specialities separated by "、", past posts and conflicts one per line in their
 * cell (the lines {@link InspectorPoolService} reads), and last the 县 of each entry: the export writes
 * its name, an import takes a county's code or name, and a sheet without the column (before counties
 * existed) reads as naming none. An export read back is the same pool; an empty pool exports the template.
 */
final class InspectorSheet {

  static final List<String> HEADER = List.of("账号", "姓名", "工作单位", "职务", "职级", "籍贯", "专长", "可任组长", "可抽调",
      "过往任职（每行：单位，职务，起始日期，截止日期）", "回避申报（每行：单位，说明）", "备注", "县");

  private InspectorSheet() {
  }

  /** The sheet of {@code people}, each row with the name of its county from {@code countyNames} (by account). */
  static byte[] write(List<Inspector> people, Map<String, String> countyNames) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("巡察工作人才库");
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      Row top = sheet.createRow(0);
      for (int column = 0; column < HEADER.size(); column++) {
        Cell cell = top.createCell(column);
        cell.setCellValue(HEADER.get(column));
        cell.setCellStyle(header);
        sheet.setColumnWidth(column, (column >= 9 && column <= 11 ? 40 : 14) * 256);
      }
      for (int i = 0; i < people.size(); i++) {
        Inspector p = people.get(i);
        List<String> values = List.of(p.account(), p.name(), p.unit(), p.post(), p.rank(), nullToEmpty(p.hometown()),
            String.join("、", p.specialities()), InspectorPoolService.yesNo(p.mayLead()), InspectorPoolService.yesNo(p.available()),
            InspectorPoolService.postLines(p.pastPosts()), InspectorPoolService.conflictLines(p.conflicts()), nullToEmpty(p.note()),
            countyNames.getOrDefault(p.account(), ""));
        Row row = sheet.createRow(i + 1);
        for (int column = 0; column < values.size(); column++) {
          Cell cell = row.createCell(column);
          cell.setCellValue(values.get(column));
          cell.setCellStyle(wrap);
        }
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The people of the first sheet, from row 2 on; blank rows are skipped. Problems of reading a row
   * (a yes/no cell that is neither, a malformed line of posts) go to {@code problems}, named by row.
   * Each entry names the county of its 县 cell, null where it is empty or missing.
   */
  static List<Entry> read(InputStream in, List<String> problems) throws IOException {
    List<Entry> people = new ArrayList<>();
    DataFormatter format = new DataFormatter();
    try (Workbook workbook = WorkbookFactory.create(in)) {
      Sheet sheet = workbook.getSheetAt(0);
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        if (row == null) {
          continue;
        }
        String[] cells = new String[HEADER.size()];
        for (int column = 0; column < cells.length; column++) {
          cells[column] = format.formatCellValue(row.getCell(column)).strip();
        }
        if (Arrays.stream(cells).allMatch(String::isEmpty)) {
          continue;
        }
        String at = "第 " + (r + 1) + " 行";
        List<String> rowProblems = new ArrayList<>();
        Inspector person = new Inspector(cells[0], cells[1], cells[2], cells[3], cells[4], emptyToNull(cells[5]),
            cells[6].isEmpty() ? List.of() : Arrays.stream(cells[6].split("[、,，]")).map(String::strip).filter(s -> !s.isEmpty()).toList(),
            yes(cells[7], "可任组长", rowProblems), yes(cells[8], "可抽调", rowProblems),
            emptyToNull(cells[11]), InspectorPoolService.posts(cells[9], rowProblems), InspectorPoolService.conflicts(cells[10], rowProblems));
        rowProblems.forEach(problem -> problems.add(at + "：" + problem));
        people.add(new Entry(person, emptyToNull(cells[12])));
      }
    } catch (IllegalArgumentException notAWorkbook) {
      problems.add("文件不是 Excel 表格（.xlsx），请用“导出”得到的模板填写后上传");
    }
    return people;
  }

  private static boolean yes(String cell, String field, List<String> problems) {
    if (cell.equals("是")) {
      return true;
    }
    if (!cell.equals("否") && !cell.isEmpty()) {
      problems.add(field + "：请填“是”或“否”，而不是“" + cell + "”");
    }
    return false;
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}

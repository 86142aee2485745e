package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.system.FormValues;
import cn.xuncha.system.InvalidInputException;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The teams and inspected units of a round plan as the office prepares them in a spreadsheet: the
 * template ({@link #template()}) has a sheet 巡察组 and a sheet 被巡察党组织, one row each, under a
 * header row, and a sheet of instructions. {@link #read} takes a filled template back: every cell
 * that cannot be read is named by sheet, row and column, and then nothing is taken. The rules of a
 * complete plan (a leader, no unit with two teams …) stay {@link RoundPlanValidator}'s, applied when
 * the plan is submitted.
 */
final class RoundPlanSheet {

  static final String TEAMS = "巡察组";
  /** Rows a sheet may have: more teams or units than a county round has (150 units must fit) are refused. */
  static final int MAX_TEAMS = 100;
  static final int MAX_UNITS = 1000;
  static final String UNITS = "被巡察党组织";
  static final List<String> TEAM_HEADER = List.of("组号", "名称", "组长", "副组长（多人以顿号分隔）", "组员（多人以顿号分隔）", "联络员",
      "回避例外（每行：人员，单位，理由）");
  static final List<String> UNIT_HEADER = List.of("单位名称", "单位类别", "负责巡察组（组号）", "单位账户组", "所辖村（社区）（以顿号分隔）",
      "覆盖方式（全部村／点名村／部分村加机动巡察／不巡察村）", "直接巡察的村（社区）（以顿号分隔）", "先行巡察村数", "机动巡察村数",
      "本单位进驻日期（不填即本轮日期）", "本单位撤回日期（不填即本轮日期）", "巡察类型（不填即本轮类型）",
      "回头看：原巡察轮次", "回头看：原被巡察党组织");
  /** The words of the 覆盖方式 column; a unit without villages may leave it empty (不巡察村). */
  static final Map<String, Coverage> COVERAGE = Map.of("全部村", Coverage.ALL, "点名村", Coverage.NAMED, "部分村加机动巡察", Coverage.PARTIAL,
      "不巡察村", Coverage.NONE);
  private static final List<String> INSTRUCTIONS = List.of(
      "巡察工作方案：巡察组和被巡察党组织导入模板",
      "1. 在“巡察组”表每行填写一个巡察组：组号（1、2、3……）、名称、组长、副组长和组员（多人以顿号“、”分隔）、联络员；"
          + "人员填写巡察工作人才库中的账号或姓名（同名者须填账号）。经批准不予回避的，在“回避例外”中每行写明人员、单位和理由。",
      "2. 在“被巡察党组织”表每行填写一个被巡察党组织：单位名称、单位类别（" + String.join("／", kindLabels()) + "）、"
          + "负责巡察组的组号、单位账户组（如 unit1）；乡镇（街道）党委再填所辖村（以顿号分隔）和覆盖方式（“全部村”“点名村”"
          + "“部分村加机动巡察”或“不巡察村”；点名村须填写直接巡察的村，部分村加机动巡察须填写先行巡察村数和机动巡察村数）；"
          + "分批巡察的单位填写本单位的进驻和撤回日期（如 2022-04-21，须在本轮巡察期间内），不填即本轮的日期；"
          + "巡察类型与本轮不同的单位（如常规巡察中的“回头看”单位）填写" + String.join("／", kindOfInspectionLabels()) + "，不填即本轮的类型；“回头看”单位填写原巡察轮次的名称和原被巡察党组织的名称。",
      "3. 不要修改表名和第一行表头。保存为 .xlsx 后，在“导入巡察组和被巡察党组织”页面选择正在编制的方案并上传。",
      "4. 导入会替换方案中已有的巡察组和被巡察党组织；表格有误时不导入任何内容，并指出哪一表、哪一行、哪一列。");

  private static List<String> kindLabels() {
    return java.util.Arrays.stream(UnitKind.values()).map(UnitKind::label).toList();
  }

  private static List<String> kindOfInspectionLabels() {
    return java.util.Arrays.stream(RoundKind.values()).map(RoundKind::label).toList();
  }

  private static RoundKind inspectionKind(Cells row, int column, List<String> problems) {
    String text = row.text(column, false, problems);
    if (text == null) {
      return null;
    }
    return RoundKind.ofLabel(text).orElseGet(() -> {
      problems.add(row.where(column) + "：只能填写" + String.join("、", kindOfInspectionLabels().stream().map(label -> "“" + label + "”").toList())
          + "，或不填");
      return null;
    });
  }

  /** The rows of a sheet, as the plan holds them. */
  record Rows(List<Team> teams, List<InspectedUnit> units) {
  }

  private RoundPlanSheet() {
  }

  /** The empty template, with its instructions. */
  static byte[] template() {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle bold = workbook.createCellStyle();
      Font font = workbook.createFont();
      font.setBold(true);
      bold.setFont(font);
      header(workbook.createSheet(TEAMS), TEAM_HEADER, bold);
      header(workbook.createSheet(UNITS), UNIT_HEADER, bold);
      Sheet help = workbook.createSheet("填写说明");
      for (int line = 0; line < INSTRUCTIONS.size(); line++) {
        help.createRow(line).createCell(0).setCellValue(INSTRUCTIONS.get(line));
      }
      help.setColumnWidth(0, 120 * 256);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void header(Sheet sheet, List<String> header, CellStyle bold) {
    Row row = sheet.createRow(0);
    for (int column = 0; column < header.size(); column++) {
      Cell cell = row.createCell(column);
      cell.setCellValue(header.get(column));
      cell.setCellStyle(bold);
      sheet.setColumnWidth(column, Math.max(12, header.get(column).length() * 2 + 2) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  /**
   * The teams and units of a filled template; blank rows are skipped. Refuses, naming every problem
   * by sheet, row and column: a file that is no .xlsx, a missing sheet or changed header, an empty
   * required cell, a number that is none, a coverage other than the two, a unit whose team is not in
   * the sheet, a unit whose account group is a team's, a department's or a role's (refused again when
   * the plan is submitted), a date or kind of inspection that is none, a sheet without any row.
   */
  static Rows read(InputStream in) {
    try (Workbook workbook = open(in)) {
      return read(workbook);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POI answers a file that is no workbook, or a damaged one, with an exception of its own kind. */
  private static Workbook open(InputStream in) {
    try {
      return WorkbookFactory.create(in);
    } catch (IOException | RuntimeException notAWorkbook) {
      throw new InvalidInputException("文件不是有效的 Excel 表格（.xlsx），请使用下载的模板填写后上传");
    }
  }

  private static Rows read(Workbook workbook) {
    List<String> problems = new ArrayList<>();
    Sheet teamSheet = sheet(workbook, TEAMS, TEAM_HEADER, problems);
    Sheet unitSheet = sheet(workbook, UNITS, UNIT_HEADER, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<Team> teams = new ArrayList<>();
    Set<Integer> teamNos = new HashSet<>();
    for (Cells row : rows(teamSheet, TEAM_HEADER, MAX_TEAMS, problems)) {
      Integer teamNo = row.number(0, true, problems);
      if (teamNo != null && !teamNos.add(teamNo)) {
        problems.add(row.where(0) + "：组号 " + teamNo + " 已在前面的行中出现");
      }
      teams.add(new Team(teamNo, row.text(1, true, problems), row.text(2, true, problems),
          FormValues.names(TextNode.valueOf(row.text(3, false, problems))),
          FormValues.names(TextNode.valueOf(row.text(4, false, problems))), row.text(5, false, problems),
          RoundPlanForm.exemptions(row.text(6, false, problems), row.where(6), problems)));
    }
    List<InspectedUnit> units = new ArrayList<>();
    for (Cells row : rows(unitSheet, UNIT_HEADER, MAX_UNITS, problems)) {
      String kindText = row.text(1, true, problems);
      UnitKind kind = kindText == null ? null
          : java.util.Arrays.stream(UnitKind.values()).filter(candidate -> candidate.label().equals(kindText)).findFirst().orElse(null);
      if (kindText != null && kind == null) {
        problems.add(row.where(1) + "：只能填写" + String.join("、", kindLabels().stream().map(label -> "“" + label + "”").toList()));
      }
      Integer teamNo = row.number(2, true, problems);
      if (teamNo != null && !teamNos.contains(teamNo)) {
        problems.add(row.where(2) + "：“巡察组”表中没有第 " + teamNo + " 组");
      }
      String coverageText = row.text(5, false, problems);
      Coverage coverage = coverageText == null ? Coverage.NONE : COVERAGE.get(coverageText);
      if (coverageText != null && coverage == null) {
        problems.add(row.where(5) + "：只能填写“全部村”“点名村”“部分村加机动巡察”或“不巡察村”");
      }
      boolean partial = coverage == Coverage.PARTIAL;
      String group = row.text(3, true, problems);
      if (group != null && RoundPlanValidator.reservedGroup(group)) {
        problems.add(row.where(3) + "：" + RoundPlanValidator.reservedGroupProblem(group));
      }
      units.add(new InspectedUnit(row.text(0, true, problems), kind, teamNo, group,
          FormValues.lines(TextNode.valueOf(row.text(4, false, problems))), coverage,
          FormValues.lines(TextNode.valueOf(row.text(6, false, problems))),
          partial ? row.number(7, true, problems) : null, partial ? row.number(8, true, problems) : null,
          row.date(9, problems), row.date(10, problems), inspectionKind(row, 11, problems),
          RoundPlan.FollowUp.of(row.text(12, false, problems), row.text(13, false, problems))));
    }
    if (teams.isEmpty()) {
      problems.add("“巡察组”表：第 2 行起至少填写一个巡察组");
    }
    if (units.isEmpty()) {
      problems.add("“被巡察党组织”表：第 2 行起至少填写一个被巡察党组织");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Rows(teams, units);
  }

  private static Sheet sheet(Workbook workbook, String name, List<String> header, List<String> problems) {
    Sheet sheet = workbook.getSheet(name);
    if (sheet == null) {
      problems.add("缺少工作表“" + name + "”，请使用下载的模板");
      return null;
    }
    Row top = sheet.getRow(0);
    DataFormatter format = new DataFormatter();
    for (int column = 0; column < header.size(); column++) {
      String found = top == null ? "" : format.formatCellValue(top.getCell(column)).strip();
      if (!found.equals(header.get(column))) {
        problems.add("“" + name + "”表第 1 行第 " + (column + 1) + " 列：表头应为“" + header.get(column) + "”，请不要修改模板的表头");
      }
    }
    return sheet;
  }

  /**
   * The filled rows of a sheet as text. Refuses more than {@code limit} rows (a plan is read into one
   * form) and formula cells: the sheet holds what the office typed, and a formula's text is not its value.
   */
  private static List<Cells> rows(Sheet sheet, List<String> header, int limit, List<String> problems) {
    DataFormatter format = new DataFormatter();
    String name = sheet.getSheetName();
    List<Cells> rows = new ArrayList<>();
    if (sheet.getLastRowNum() > limit) {
      problems.add("“" + name + "”表最多填写 " + limit + " 行（第 2 行至第 " + (limit + 1) + " 行），现有 " + sheet.getLastRowNum() + " 行");
      return rows;
    }
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      List<String> values = new ArrayList<>();
      java.util.Set<Integer> formulas = new java.util.HashSet<>();
      for (int column = 0; column < header.size(); column++) {
        var cell = row == null ? null : row.getCell(column);
        if (cell != null && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.FORMULA) {
          problems.add("“" + name + "”表第 " + (r + 1) + " 行“" + header.get(column) + "”列：不能使用公式，请直接填写内容");
          formulas.add(column);
          values.add(cell.getCellFormula());
          continue;
        }
        String value = cell == null ? "" : cell.getCellType() == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)
            ? cell.getLocalDateTimeCellValue().toLocalDate().toString() : format.formatCellValue(cell).strip();
        values.add(value.isEmpty() ? null : value);
      }
      if (values.stream().anyMatch(value -> value != null)) {
        rows.add(new Cells(name, header, r + 1, values, formulas));
      }
    }
    return rows;
  }

  /** One row of a sheet: its cells as text, and where it is, for the problems. */
  private record Cells(String sheet, List<String> header, int rowNo, List<String> values, java.util.Set<Integer> formulas) {

    String where(int column) {
      return "“" + sheet + "”表第 " + rowNo + " 行“" + header.get(column) + "”列";
    }

    /** The cell's text; null, without a further problem, for a formula (already refused). */
    String text(int column, boolean required, List<String> problems) {
      if (formulas.contains(column)) {
        return null;
      }
      String value = values.get(column);
      if (value == null && required) {
        problems.add(where(column) + "：不能为空");
      }
      return value;
    }

    /** An optional date: a date cell, or text such as 2022-04-21 or 2022/4/21. */
    LocalDate date(int column, List<String> problems) {
      String value = text(column, false, problems);
      if (value == null) {
        return null;
      }
      try {
        return LocalDate.parse(value.replace('/', '-'), DateTimeFormatter.ofPattern("uuuu-M-d"));
      } catch (DateTimeParseException notADate) {
        problems.add(where(column) + "：“" + value + "”不是日期，请填写如 2022-04-21");
        return null;
      }
    }

    Integer number(int column, boolean required, List<String> problems) {
      String value = text(column, required, problems);
      if (formulas.contains(column)) {
        return null;
      }
      if (value == null) {
        return null;
      }
      try {
        int number = Integer.parseInt(value);
        if (number >= 1) {
          return number;
        }
      } catch (NumberFormatException notANumber) {
        // reported below
      }
      problems.add(where(column) + "：“" + value + "”不是大于 0 的整数");
      return null;
    }
  }
}

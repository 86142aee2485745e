package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A downloaded template filled as an office fills it: the plan's teams and units, one row each. */
public final class RoundPlanSheets {

  private RoundPlanSheets() {
  }

  /** The template with the rows of {@code plan}, then changed by {@code edit} (to make a bad sheet). */
  public static byte[] filled(byte[] template, RoundPlan plan, Consumer<XSSFWorkbook> edit) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet teams = workbook.getSheet(RoundPlanSheet.TEAMS);
      for (Team team : plan.teams()) {
        // the leader, deputies and liaison by name, the members by account: the sheet takes either
        row(teams, teams.getLastRowNum() + 1, team.teamNo(), team.name(), team.nameOf(team.leader()),
            String.join("、", team.namesOf(team.deputies())), String.join("、", team.members()), team.nameOf(team.liaison()), null);
      }
      Sheet units = workbook.getSheet(RoundPlanSheet.UNITS);
      for (InspectedUnit unit : plan.units()) {
        boolean partial = unit.coverage() == RoundPlan.Coverage.PARTIAL;
        String coverage = RoundPlanSheet.COVERAGE.entrySet().stream().filter(entry -> entry.getValue() == unit.coverage())
            .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        row(units, units.getLastRowNum() + 1, unit.name(), unit.kind().label(), unit.teamNo(), unit.groupId(),
            String.join("、", unit.villages()), coverage, String.join("、", unit.namedVillages()),
            partial ? unit.initialVillages() : null, partial ? unit.mobileVillages() : null, unit.entryDate(), unit.withdrawalDate(),
            unit.inspectionKind() == null ? null : unit.inspectionKind().label(),
            unit.followUp() == null ? null : unit.followUp().round(), unit.followUp() == null ? null : unit.followUp().unit());
      }
      edit.accept(workbook);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample round's sheet, unchanged. */
  public static byte[] sample(byte[] template) {
    return filled(template, SampleRound.plan(), workbook -> { });
  }

  private static void row(Sheet sheet, int index, Object... values) {
    Row row = sheet.createRow(index);
    for (int column = 0; column < values.length; column++) {
      if (values[column] instanceof Integer number) {
        row.createCell(column).setCellValue(number);
      } else if (values[column] != null) {
        row.createCell(column).setCellValue(values[column].toString());
      }
    }
  }

  /** Sets a cell of a sheet (row and column counted from 1, as the office names them). */
  public static void set(XSSFWorkbook workbook, String sheet, int row, int column, String value) {
    Sheet target = workbook.getSheet(sheet);
    Row cells = target.getRow(row - 1) == null ? target.createRow(row - 1) : target.getRow(row - 1);
    cells.createCell(column - 1).setCellValue(value);
  }
}

package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.Round;
import cn.xuncha.system.InvalidInputException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one register entry as the page's form or the JSON API sends them (name → text),
 * read with their Chinese labels: every problem is collected, and {@link #check()} refuses the
 * entry with all of them at once, before anything is stored.
 */
final class RegisterInput {

  private final Map<String, String> fields;
  private final List<String> problems = new ArrayList<>();

  RegisterInput(Map<String, String> fields) {
    this.fields = fields == null ? Map.of() : fields;
  }

  /** The stripped text, null when blank; a problem when required and blank or longer than {@code maxLength}. */
  String text(String name, String label, int maxLength, boolean required) {
    String value = fields.get(name);
    value = value == null || value.isBlank() ? null : value.strip();
    if (value == null && required) {
      problems.add(label + "：不能为空");
    } else if (value != null && value.length() > maxLength) {
      problems.add(label + "：最多 " + maxLength + " 字");
    }
    return value;
  }

  /** A date written 年-月-日 (2022-04-25); null when blank. */
  LocalDate date(String name, String label, boolean required) {
    String value = text(name, label, 10, required);
    try {
      return value == null ? null : LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      problems.add(label + "：“" + value + "”不是“年-月-日”格式的日期，例如 2022-04-25");
      return null;
    }
  }

  /** A time of day written 时:分 (17:30); null when blank. */
  LocalTime time(String name, String label) {
    String value = text(name, label, 5, false);
    try {
      return value == null ? null : LocalTime.parse(value.length() == 4 ? "0" + value : value);
    } catch (DateTimeParseException e) {
      problems.add(label + "：“" + value + "”不是“时:分”格式的时间，例如 17:30");
      return null;
    }
  }

  /**
   * A date of the unit's stay (办法 第十五条: the team works on site from entry to withdrawal) that is
   * not later than {@code today}.
   */
  void withinStay(LocalDate date, String label, Round round, LocalDate today) {
    if (date == null) {
      return;
    }
    if (date.isBefore(round.entryDate()) || date.isAfter(round.withdrawalDate())) {
      problems.add(label + "：须在巡察进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate() + "）");
    } else if (date.isAfter(today)) {
      problems.add(label + "：不能晚于今天（" + today + "）");
    }
  }

  void problem(String problem) {
    problems.add(problem);
  }

  void requireThat(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  /** Refuses the entry with every problem found, in Chinese; nothing has been stored. */
  void check() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /**
   * Refuses any entry outside the unit's stay: the registers are kept on site, from the entry date
   * to the withdrawal date of the round.
   */
  static void requireStay(Round round, LocalDate today) {
    if (today.isBefore(round.entryDate()) || today.isAfter(round.withdrawalDate())) {
      throw new InvalidInputException("现场登记只能在巡察进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate()
          + "）填写，今天是 " + today);
    }
  }
}

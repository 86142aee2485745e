package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.Round;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.InvalidInputException;
import java.time.LocalDate;

/**
 * The on-site period of a unit (办法 第十五条: the team works on site from entry to withdrawal), the
 * only time its registers are kept: entries are refused outside it, and their dates must lie in it.
 */
final class Stay {

  private Stay() {
  }

  /** Refuses any entry when {@code today} is outside the stay of {@code round}, in Chinese. */
  static void require(Round round, LocalDate today) {
    if (today.isBefore(round.entryDate()) || today.isAfter(round.withdrawalDate())) {
      throw new InvalidInputException("现场登记只能在巡察进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate()
          + "）填写，今天是 " + today);
    }
  }

  /** A problem of {@code form} when {@code date} (null: none) is outside the stay or, where {@code today} is given, after it. */
  static void within(FormSubmission form, LocalDate date, String label, Round round, LocalDate today) {
    if (date == null) {
      return;
    }
    if (date.isBefore(round.entryDate()) || date.isAfter(round.withdrawalDate())) {
      form.problem(label + "：须在巡察进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate() + "）");
    } else if (today != null && date.isAfter(today)) {
      form.problem(label + "：不能晚于今天（" + today + "）");
    }
  }
}

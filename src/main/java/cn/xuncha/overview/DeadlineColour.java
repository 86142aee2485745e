package cn.xuncha.overview;

import cn.xuncha.calendar.WorkingDayCalendar;
import java.time.Instant;
import java.util.Date;

/**
 * The warning colour of a deadline, as county warning platforms show them: green with more than 20
 * working days left, yellow within 10, red once overdue; in between it is shown without warning.
 * "Within N working days" is {@link WorkingDayCalendar#dueWithin}, the definition the 即将到期 filter uses:
 * a deadline on the N-th working day counts.
 * Declared from the most to the least urgent, the order lists sort by.
 */
public enum DeadlineColour {
  RED("逾期"),
  YELLOW("临近"),
  BLUE("正常"),
  GREEN("充裕"),
  NONE("无期限");

  private final String label;

  DeadlineColour(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String css() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static DeadlineColour of(Date due, Instant now, WorkingDayCalendar calendar) {
    if (due == null) {
      return NONE;
    }
    if (now.isAfter(due.toInstant())) {
      return RED;
    }
    if (calendar.dueWithin(due, now, 10)) {
      return YELLOW;
    }
    return calendar.dueWithin(due, now, 20) ? BLUE : GREEN;
  }
}

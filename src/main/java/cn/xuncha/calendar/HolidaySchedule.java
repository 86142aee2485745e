package cn.xuncha.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One year's State Council schedule as read from a holiday-cn file.
 *
 * @param year the notice's year (the file's {@code year})
 * @param source where it was read from, e.g. {@code 2027.json (data/calendar)}
 * @param papers links to the notice
 * @param offDays every listed date: true for a holiday, false for a weekend day made a working day (调休)
 */
record HolidaySchedule(int year, String source, List<String> papers, Map<LocalDate, Boolean> offDays) {

  HolidaySchedule {
    papers = List.copyOf(papers);
    offDays = Map.copyOf(offDays);
  }

  /** The dates a file for {@code year} may list: its own year and the December before it. */
  static boolean inWindow(int year, LocalDate date) {
    return !date.isBefore(LocalDate.of(year - 1, 12, 1)) && !date.isAfter(LocalDate.of(year, 12, 31));
  }
}

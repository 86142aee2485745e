package cn.xuncha.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One year's State Council schedule as read from a holiday-cn file.
 *
 * @param year the notice's year (the file's {@code year})
 * @param source where it was read from, e.g. {@code 2027.json (data/calendar)}
 * @param papers links to the notice
 * @param offDays every listed date: true for a holiday, false for a weekend day made a working day (调休)
 * @param names the holiday each listed date belongs to, as the file names it ({@code 国庆节、中秋节})
 */
record HolidaySchedule(int year, String source, List<String> papers, Map<LocalDate, Boolean> offDays,
    Map<LocalDate, String> names) {

  /**
   * The seven holidays that 《全国年节及纪念日放假办法》 (第二条) gives every citizen and that each
   * year's 国务院办公厅 notice therefore arranges, in the notice's order.
   */
  static final List<String> STATUTORY_HOLIDAYS = List.of("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
  private static final Pattern NAME_SEPARATOR = Pattern.compile("[、，,/\\s]+");

  HolidaySchedule {
    papers = List.copyOf(papers);
    offDays = Map.copyOf(offDays);
    names = Map.copyOf(names);
  }

  /** The dates a file for {@code year} may list: its own year and the December before it. */
  static boolean inWindow(int year, LocalDate date) {
    return !date.isBefore(LocalDate.of(year - 1, 12, 1)) && !date.isAfter(LocalDate.of(year, 12, 31));
  }

  /**
   * Why this file cannot be the year's notice, in Chinese; empty when it can. A notice is named
   * ({@code papers}) and gives days off for each of the seven statutory holidays. The holiday-cn
   * data set publishes next year's file before the notice exists, as {@code "papers": [], "days": []}:
   * taken as a schedule, it would make 元旦 and 春节 working days without anyone noticing.
   */
  List<String> gaps() {
    List<String> gaps = new ArrayList<>();
    if (papers.isEmpty()) {
      gaps.add("未注明所依据的国务院办公厅通知（papers 为空）");
    }
    Set<String> arranged = offDays.entrySet().stream().filter(Map.Entry::getValue)
        .map(day -> names.getOrDefault(day.getKey(), ""))
        .flatMap(NAME_SEPARATOR::splitAsStream)
        .collect(Collectors.toSet());
    List<String> missing = STATUTORY_HOLIDAYS.stream().filter(holiday -> !arranged.contains(holiday)).toList();
    if (!missing.isEmpty()) {
      gaps.add("未列出法定节假日" + String.join("、", missing) + "的放假安排（《全国年节及纪念日放假办法》规定的七个节日每年都应安排）");
    }
    return gaps;
  }

  /** The listed days by holiday, in date order: what the office checks against the notice. */
  List<Holiday> holidays() {
    Map<String, List<LocalDate>> off = new LinkedHashMap<>();
    Map<String, List<LocalDate>> worked = new LinkedHashMap<>();
    new TreeMap<>(offDays).forEach((date, isOff) -> {
      String name = names.getOrDefault(date, "未注明");
      off.computeIfAbsent(name, key -> new ArrayList<>());
      worked.computeIfAbsent(name, key -> new ArrayList<>());
      (isOff ? off : worked).get(name).add(date);
    });
    return off.keySet().stream().map(name -> new Holiday(name, off.get(name), worked.get(name))).toList();
  }

  /** A holiday of the notice: its days off and the weekend days worked in exchange (调休上班). */
  public record Holiday(String name, List<LocalDate> daysOff, List<LocalDate> workingWeekendDays) {
  }
}

package cn.xuncha.calendar;

import cn.xuncha.system.ChinaTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * China's working days: Monday to Friday, except the holidays of the year's State Council schedule,
 * plus the weekend days it turns into working days (调休). Schedules come bundled
 * ({@code classpath:calendar/}) and from {@code xuncha.calendar.dir}, which is re-read every
 * {@code poll-interval}; a file there overrides the bundled one of the same year. A file that cannot
 * be used, or is not plausibly the year's notice ({@link #notice}), is refused and whatever was
 * loaded before stays in force.
 *
 * <p>A date in a year without a schedule is counted on weekends alone; callers ask
 * {@link #missingYears(LocalDate, LocalDate)} to learn that their result is provisional.
 */
@Component("workingDays")
public class WorkingDayCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);
  private static final Pattern FILE_NAME = Pattern.compile("\\d{4}\\.json");

  private final CalendarProperties properties;
  private final ApplicationEventPublisher events;
  private final Map<Integer, HolidaySchedule> bundled;
  /** The external files as last read, by file name: what they held or why they were refused. */
  private final Map<String, ExternalFile> external = new HashMap<>();
  private volatile Map<Integer, HolidaySchedule> schedules;

  WorkingDayCalendar(CalendarProperties properties, ApplicationEventPublisher events) {
    this.properties = properties;
    this.events = events;
    this.bundled = readBundled();
    this.schedules = Map.copyOf(bundled);
    read(false);
  }

  public boolean isWorkingDay(LocalDate date) {
    Boolean off = listed(date);
    if (off != null) {
      return !off;
    }
    return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
  public int workdaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -workdaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        count++;
      }
    }
    return count;
  }

  /** The {@code workdays}-th working day after {@code day}, which is day 0 (so 0 gives {@code day} itself). */
  public LocalDate workdaysAfter(LocalDate day, int workdays) {
    LocalDate result = day;
    for (int counted = 0; counted < workdays; ) {
      result = result.plusDays(1);
      if (isWorkingDay(result)) {
        counted++;
      }
    }
    return result;
  }

  /**
   * Where a window of the next {@code workdays} working days closes: 00:00 (Beijing time) of the day
   * after the {@code workdays}-th working day after today. A deadline is due within the window when it
   * is before this instant; deadlines end at 23:59:59.999, so one on the window's last day is in it.
   * The one definition behind the 即将到期 filter and {@link #dueWithin}.
   */
  public Instant windowEnd(Instant now, int workdays) {
    return workdaysAfter(now.atZone(ChinaTime.ZONE).toLocalDate(), workdays).plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
  }

  /** Whether {@code due} falls within the next {@code workdays} working days (see {@link #windowEnd}); /overview's colours. */
  public boolean dueWithin(Date due, Instant now, int workdays) {
    return due.toInstant().isBefore(windowEnd(now, workdays));
  }

  public boolean hasSchedule(int year) {
    return schedules.containsKey(year);
  }

  /** Years between the two dates (in either order, inclusive) that have no schedule. */
  public SortedSet<Integer> missingYears(LocalDate a, LocalDate b) {
    int from = Math.min(a.getYear(), b.getYear());
    int to = Math.max(a.getYear(), b.getYear());
    SortedSet<Integer> missing = new TreeSet<>();
    for (int year = from; year <= to; year++) {
      if (!hasSchedule(year)) {
        missing.add(year);
      }
    }
    return missing;
  }

  /** What the office sees: loaded years with their notices, missing years up to next year, refused files. */
  public Overview overview(int currentYear) {
    Map<Integer, HolidaySchedule> current = schedules;
    List<LoadedYear> loaded = new TreeMap<>(current).values().stream()
        .map(schedule -> new LoadedYear(schedule.year(), schedule.source(), schedule.papers(), schedule.holidays()))
        .toList();
    int first = current.keySet().stream().min(Integer::compare).orElse(currentYear);
    List<Integer> missing = new ArrayList<>();
    for (int year = first; year <= currentYear + 1; year++) {
      if (!current.containsKey(year)) {
        missing.add(year);
      }
    }
    List<String> refused;
    synchronized (this) {
      refused = new TreeMap<>(external).values().stream()
          .map(ExternalFile::problem).filter(problem -> problem != null).toList();
    }
    return new Overview(loaded, missing, refused);
  }

  /**
   * Checks a year's file and, if it is good, writes it to {@code xuncha.calendar.dir} as
   * {@code <year>.json} and loads it. A bad file changes nothing.
   *
   * @return the year loaded
   * @throws ScheduleFileException with a Chinese message naming the file and line
   */
  public synchronized int upload(String fileName, byte[] content) {
    HolidaySchedule schedule = notice(fileName, "", content);
    Path dir = properties.dir();
    Path target = dir.resolve(schedule.year() + ".json");
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "upload-", ".tmp");
      Files.write(temp, content);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
    reload();
    return schedule.year();
  }

  /** Re-reads {@code xuncha.calendar.dir}; announces every year whose schedule arrived or changed. */
  @Scheduled(fixedDelayString = "${xuncha.calendar.poll-interval:PT1M}", initialDelayString = "${xuncha.calendar.poll-interval:PT1M}")
  public synchronized void reload() {
    read(true);
  }

  private void read(boolean announce) {
    Map<String, ExternalFile> seen = new HashMap<>();
    for (Path file : externalFiles()) {
      String name = file.getFileName().toString();
      FileTime modified = lastModified(file);
      ExternalFile before = external.get(name);
      seen.put(name, before != null && before.modified().equals(modified) ? before : read(file, modified));
    }
    external.clear();
    external.putAll(seen);

    Map<Integer, HolidaySchedule> next = new HashMap<>(bundled);
    Map<Integer, HolidaySchedule> previous = schedules;
    // A refused file keeps the schedule that was in force for its year.
    external.forEach((name, file) -> {
      if (file.schedule() != null) {
        next.put(file.schedule().year(), file.schedule());
      } else if (file.year() != null && previous.containsKey(file.year())) {
        next.put(file.year(), previous.get(file.year()));
      }
    });
    schedules = Map.copyOf(next);
    new TreeMap<>(next).forEach((year, schedule) -> {
      if (!schedule.equals(previous.get(year))) {
        LOG.info("Holiday schedule {} loaded from {}", year, schedule.source());
        if (announce) {
          events.publishEvent(new ScheduleLoaded(year));
        }
      }
    });
    previous.keySet().stream().filter(year -> !next.containsKey(year))
        .forEach(year -> LOG.warn("Holiday schedule {} removed: its file is gone from {}", year, properties.dir()));
  }

  /**
   * Files dropped into the folder while the application was down were read silently at start;
   * announcing them now lets provisional deadlines and open office tasks catch up.
   */
  @EventListener(ApplicationReadyEvent.class)
  public synchronized void announceExternalSchedules() {
    external.values().stream().map(ExternalFile::schedule).filter(schedule -> schedule != null)
        .map(HolidaySchedule::year).sorted().forEach(year -> events.publishEvent(new ScheduleLoaded(year)));
  }

  private Boolean listed(LocalDate date) {
    Map<Integer, HolidaySchedule> current = schedules;
    for (int year : new int[] {date.getYear(), date.getYear() + 1}) {
      HolidaySchedule schedule = current.get(year);
      if (schedule != null && schedule.offDays().containsKey(date)) {
        return schedule.offDays().get(date);
      }
    }
    return null;
  }

  private ExternalFile read(Path file, FileTime modified) {
    String name = file.getFileName().toString();
    Integer year = Integer.valueOf(name.substring(0, 4));
    try {
      HolidaySchedule schedule = notice(name, name + "（" + properties.dir() + "）", Files.readAllBytes(file));
      if (schedule.year() != year) {
        throw new ScheduleFileException(name + "：文件名年份与其中的 year（" + schedule.year() + "）不一致");
      }
      return new ExternalFile(modified, year, schedule, null);
    } catch (ScheduleFileException e) {
      LOG.error("Holiday schedule file refused, the previous schedule stays in force: {}", e.getMessage());
      return new ExternalFile(modified, year, null, e.getMessage());
    } catch (IOException e) {
      LOG.error("Cannot read holiday schedule file {}", file, e);
      return new ExternalFile(modified, year, null, name + "：无法读取文件");
    }
  }

  private List<Path> externalFiles() {
    Path dir = properties.dir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> FILE_NAME.matcher(file.getFileName().toString()).matches()).sorted().toList();
    } catch (IOException e) {
      LOG.error("Cannot list holiday schedule folder {}", dir, e);
      return List.of();
    }
  }

  private static FileTime lastModified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * A file read as a year's schedule only if it is plausibly the State Council notice
   * ({@link HolidaySchedule#gaps()}); bundled, dropped and uploaded files alike.
   *
   * @throws ScheduleFileException naming the file and what it lacks
   */
  static HolidaySchedule notice(String fileName, String source, byte[] content) {
    HolidaySchedule schedule = ScheduleParser.parse(fileName, source, content);
    List<String> gaps = schedule.gaps();
    if (!gaps.isEmpty()) {
      throw new ScheduleFileException(fileName + "：不是完整的" + schedule.year() + "年节假日安排，" + String.join("；", gaps)
          + "。请在国务院办公厅发布该年度通知后上传完整的安排文件，在此之前该年度的截止时间仍为暂定。");
    }
    return schedule;
  }

  private static Map<Integer, HolidaySchedule> readBundled() {
    try {
      Map<Integer, HolidaySchedule> schedules = new HashMap<>();
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/*.json")) {
        String name = resource.getFilename();
        HolidaySchedule schedule = notice(name, name + "（内置）", resource.getContentAsByteArray());
        schedules.put(schedule.year(), schedule);
      }
      return Collections.unmodifiableMap(schedules);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled holiday schedules", e);
    }
  }

  /** Published when a year's schedule is loaded for the first time or replaced. */
  public record ScheduleLoaded(int year) {
  }

  /** A loaded year as the office checks it against the notice: where it came from, the notice, its holidays and 调休 days. */
  public record LoadedYear(int year, String source, List<String> papers, List<HolidaySchedule.Holiday> holidays) {
  }

  public record Overview(List<LoadedYear> loaded, List<Integer> missing, List<String> refused) {
  }

  private record ExternalFile(FileTime modified, Integer year, HolidaySchedule schedule, String problem) {
  }
}

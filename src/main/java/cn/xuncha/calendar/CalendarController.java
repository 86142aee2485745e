package cn.xuncha.calendar;

import cn.xuncha.calendar.RunningDeadlines.Deadline;
import cn.xuncha.county.Counties;
import cn.xuncha.overview.OverviewNames;
import cn.xuncha.security.Roles;
import cn.xuncha.system.ChinaTime;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's view of the holiday schedules, and where it uploads a new year's file. For each
 * loaded year the page shows the notice, its holidays and 调休 days and, to those who may see every
 * team's work (巡察办, 领导小组, administrators), the running deadlines that year decides and those a
 * new or replaced file moved.
 *
 * <p>The calendar is the whole country's and every county's deadlines depend on it (issue 16 item 2): only
 * a user who sees every county of the installation ({@link Counties#seesEvery()}: the city office, an
 * administrator, or the office of a single-county installation) replaces it; a county office of a
 * multi-county installation reads it and is refused the upload (403, {@value #REFUSED_UPLOAD}).
 */
@Controller
class CalendarController {

  static final String PAGE = "/calendar";
  private static final Set<String> SEE_ALL = Set.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.ADMIN);
  /** Who may upload at all (SecurityConfig); of them, only those who see every county ({@link #upload}). */
  private static final Set<String> UPLOADERS = Set.of(Roles.OFFICE, Roles.ADMIN);
  /** Deadlines and moves listed per year; the heading gives the total. */
  static final int SHOWN = 200;
  /** A move without a new due date: the instance's deadlines failed to compute and were left as they were. */
  static final String REFUSED_UPLOAD = "全国节假日安排由各县共用，只有市巡察办和系统管理员可以上传或替换；县巡察办可以查看，不能修改";
  static final String NOT_RECOMPUTED = "未能按新安排重新计算，仍为原截止时间（详见日志，请联系系统管理员）";

  private final WorkingDayCalendar calendar;
  private final RunningDeadlines running;
  private final JdbcClient jdbc;
  private final OverviewNames names;
  private final Deadlines deadlines;
  private final Clock clock;
  private final Counties counties;

  CalendarController(WorkingDayCalendar calendar, RunningDeadlines running, JdbcClient jdbc, OverviewNames names, Deadlines deadlines,
                     Clock clock, Counties counties) {
    this.calendar = calendar;
    this.counties = counties;
    this.running = running;
    this.jdbc = jdbc;
    this.names = names;
    this.deadlines = deadlines;
    this.clock = clock;
  }

  @GetMapping(PAGE)
  String page(Model model, Authentication user) {
    WorkingDayCalendar.Overview overview = overview();
    boolean seesAll = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(SEE_ALL::contains);
    model.addAttribute("overview", overview);
    model.addAttribute("seesAll", seesAll);
    model.addAttribute("mayUpload", user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(UPLOADERS::contains)
        && counties.seesEvery());
    if (seesAll) {
      model.addAttribute("years", yearDeadlines(overview.loaded().stream().map(WorkingDayCalendar.LoadedYear::year).toList()));
    }
    return "calendar";
  }

  /**
   * Each year's running deadlines and recorded moves, named as users know them (round, unit,
   * deadline): three statements and a fourth for the names, whatever the number of years, rounds or
   * deadlines (issue 16); at most {@value #SHOWN} of each kind a year are listed.
   */
  private List<YearDeadlines> yearDeadlines(List<Integer> years) {
    List<String> visible = counties.visible();
    Map<Integer, List<Deadline>> dependents = new LinkedHashMap<>();
    running.dependingOn(years).forEach((year, all) -> dependents.put(year,
        all.stream().filter(deadline -> deadline.county() == null || visible.contains(deadline.county())).toList()));
    Map<Integer, List<Move>> moves = moves(years, visible);
    Map<String, OverviewNames.Names> names = this.names.of(Stream.concat(
        dependents.values().stream().flatMap(list -> list.stream().limit(SHOWN)).map(Deadline::businessKey),
        moves.values().stream().flatMap(List::stream).map(Move::businessKey)).filter(Objects::nonNull).toList());
    return years.stream().map(year -> new YearDeadlines(year, dependents.get(year).size(),
        dependents.get(year).stream().limit(SHOWN).map(deadline -> view(deadline, names)).toList(),
        moves.getOrDefault(year, List.of()).stream().map(move -> view(move, names)).toList())).toList();
  }

  @GetMapping("/api/calendar")
  @ResponseBody
  WorkingDayCalendar.Overview api() {
    return overview();
  }

  @PostMapping(PAGE)
  String upload(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
    if (!counties.seesEvery()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, REFUSED_UPLOAD);
    }
    if (file == null || file.isEmpty()) {
      redirect.addFlashAttribute("error", "请选择要上传的年度安排文件（JSON）。");
      return "redirect:" + PAGE;
    }
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
        ? "上传的文件" : file.getOriginalFilename();
    try {
      int year = calendar.upload(name, file.getBytes());
      redirect.addFlashAttribute("message", "已加载" + year + "年节假日安排，受其影响的截止时间已按新安排重新计算（见下方“期限变动”）。");
    } catch (ScheduleFileException e) {
      redirect.addFlashAttribute("error", "文件未加载，原有安排保持不变。" + e.getMessage());
    } catch (IOException e) {
      redirect.addFlashAttribute("error", name + "：无法读取上传的文件。");
    }
    return "redirect:" + PAGE;
  }

  private WorkingDayCalendar.Overview overview() {
    return calendar.overview(ChinaTime.today(clock).getYear());
  }

  private record Move(int year, Date movedAt, String kind, String businessKey, String name, Date before, Date after) {
  }

  /**
   * The latest {@value #SHOWN} moves of each year of instances of the {@code visible} counties or of the
   * national calendar (the county is the moved instance's tenant in the history), in one statement.
   */
  private Map<Integer, List<Move>> moves(List<Integer> years, List<String> visible) {
    if (years.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
            select schedule_year, moved_at, kind, business_key, name, due_before, due_after from (
              select m.*, row_number() over (partition by schedule_year order by m.id desc) as place from xc_deadline_move m
              join act_hi_procinst p on p.id_ = m.process_instance_id
              where schedule_year in (:years) and (p.tenant_id_ is null or p.tenant_id_ in (:counties))) latest
            where place <= :shown order by schedule_year, place""")
        .param("years", years).param("shown", SHOWN).param("counties", visible)
        .query((rs, row) -> new Move(rs.getInt("schedule_year"), rs.getTimestamp("moved_at"), rs.getString("kind"),
            rs.getString("business_key"), rs.getString("name"), rs.getTimestamp("due_before"), rs.getTimestamp("due_after")))
        .list().stream().collect(Collectors.groupingBy(Move::year, LinkedHashMap::new, Collectors.toList()));
  }

  private DeadlineView view(Deadline deadline, Map<String, OverviewNames.Names> names) {
    OverviewNames.Names named = deadline.businessKey() == null ? null : names.get(deadline.businessKey());
    return new DeadlineView(kindLabel(deadline.kind()), named == null ? "" : named.round(), unitName(named),
        deadlines.name(deadline.deadlineId()).orElse(""), deadline.name(), format(deadline.due()));
  }

  private MoveView view(Move move, Map<String, OverviewNames.Names> names) {
    OverviewNames.Names named = move.businessKey() == null ? null : names.get(move.businessKey());
    return new MoveView(format(move.movedAt()), kindLabel(move.kind()), named == null ? "" : named.round(), unitName(named),
        deadlines.name(watchedDeadline(move.businessKey())).orElse(""), move.name(), format(move.before()),
        move.after() == null ? NOT_RECOMPUTED : format(move.after()));
  }

  private static String unitName(OverviewNames.Names named) {
    return named == null || named.unit() == null ? "" : named.unit();
  }

  /** The deadline a deadline watch's business key ends with ({@code 2022-2/unit1#D4}), or null. */
  private static String watchedDeadline(String businessKey) {
    int hash = businessKey == null ? -1 : businessKey.lastIndexOf('#');
    return hash < 0 ? null : businessKey.substring(hash + 1);
  }

  private static String kindLabel(String kind) {
    return RunningDeadlines.TIMER.equals(kind) ? "定时器" : "任务期限";
  }

  private static String format(Date date) {
    return date == null ? "" : ChinaTime.format(date);
  }

  /**
   * A loaded year's running deadlines ({@code total}, the first {@value #SHOWN} listed) and recorded moves.
   */
  public record YearDeadlines(int year, int total, List<DeadlineView> dependents, List<MoveView> moves) {
  }

  /** A deadline as the page lists it: round, unit and deadline by name, never a key or id (issue 15). */
  public record DeadlineView(String kind, String round, String unit, String deadline, String name, String due) {
  }

  public record MoveView(String movedAt, String kind, String round, String unit, String deadline, String name, String before,
                         String after) {
  }
}

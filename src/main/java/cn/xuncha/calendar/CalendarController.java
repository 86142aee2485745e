package cn.xuncha.calendar;

import cn.xuncha.calendar.RunningDeadlines.Deadline;
import cn.xuncha.security.Roles;
import cn.xuncha.system.ChinaTime;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's view of the holiday schedules, and where it uploads a new year's file. For each
 * loaded year the page shows the notice, its holidays and 调休 days and, to those who may see every
 * team's work (巡察办, 领导小组, administrators), the running deadlines that year decides and those a
 * new or replaced file moved.
 */
@Controller
class CalendarController {

  static final String PAGE = "/calendar";
  private static final Set<String> SEE_ALL = Set.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.ADMIN);
  private static final int MOVES_SHOWN = 200;
  /** A move without a new due date: the instance's deadlines failed to compute and were left as they were. */
  static final String NOT_RECOMPUTED = "未能按新安排重新计算，仍为原截止时间（详见日志，请联系系统管理员）";

  private final WorkingDayCalendar calendar;
  private final RunningDeadlines running;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  CalendarController(WorkingDayCalendar calendar, RunningDeadlines running, JdbcTemplate jdbc, Clock clock) {
    this.calendar = calendar;
    this.running = running;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @GetMapping(PAGE)
  String page(Model model, Authentication user) {
    WorkingDayCalendar.Overview overview = overview();
    boolean seesAll = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(SEE_ALL::contains);
    model.addAttribute("overview", overview);
    model.addAttribute("seesAll", seesAll);
    if (seesAll) {
      model.addAttribute("years", overview.loaded().stream()
          .map(year -> new YearDeadlines(year.year(), running.dependingOn(year.year()).stream().map(DeadlineView::of).toList(),
              moves(year.year())))
          .toList());
    }
    return "calendar";
  }

  @GetMapping("/api/calendar")
  @ResponseBody
  WorkingDayCalendar.Overview api() {
    return overview();
  }

  @PostMapping(PAGE)
  String upload(@RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect) {
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

  private List<MoveView> moves(int year) {
    return jdbc.query("""
        select moved_at, kind, business_key, name, due_before, due_after from xc_deadline_move
        where schedule_year = ? order by id desc fetch first %d rows only""".formatted(MOVES_SHOWN),
        (rs, row) -> new MoveView(format(rs.getTimestamp("moved_at")), kindLabel(rs.getString("kind")), rs.getString("business_key"),
            rs.getString("name"), format(rs.getTimestamp("due_before")),
            rs.getTimestamp("due_after") == null ? NOT_RECOMPUTED : format(rs.getTimestamp("due_after"))),
        year);
  }

  private static String kindLabel(String kind) {
    return RunningDeadlines.TIMER.equals(kind) ? "定时器" : "任务期限";
  }

  private static String format(Date date) {
    return date == null ? "" : ChinaTime.format(date);
  }

  public record YearDeadlines(int year, List<DeadlineView> dependents, List<MoveView> moves) {
  }

  public record DeadlineView(String kind, String businessKey, String name, String due) {
    static DeadlineView of(Deadline deadline) {
      return new DeadlineView(kindLabel(deadline.kind()), deadline.businessKey(), deadline.name(), format(deadline.due()));
    }
  }

  public record MoveView(String movedAt, String kind, String businessKey, String name, String before, String after) {
  }
}

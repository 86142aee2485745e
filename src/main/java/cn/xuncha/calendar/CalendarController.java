package cn.xuncha.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The office's view of the holiday schedules, and where it uploads a new year's file. */
@Controller
class CalendarController {

  static final String PAGE = "/calendar";

  private final WorkingDayCalendar calendar;
  private final Clock clock;

  CalendarController(WorkingDayCalendar calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @GetMapping(PAGE)
  String page(Model model) {
    model.addAttribute("overview", overview());
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
      redirect.addFlashAttribute("message", "已加载" + year + "年节假日安排，暂定的截止时间已按新安排重新计算。");
    } catch (ScheduleFileException e) {
      redirect.addFlashAttribute("error", "文件未加载，原有安排保持不变。" + e.getMessage());
    } catch (IOException e) {
      redirect.addFlashAttribute("error", name + "：无法读取上传的文件。");
    }
    return "redirect:" + PAGE;
  }

  private WorkingDayCalendar.Overview overview() {
    return calendar.overview(LocalDate.now(clock.withZone(DeadlineService.ZONE)).getYear());
  }
}

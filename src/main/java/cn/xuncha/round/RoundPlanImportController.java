package cn.xuncha.round;

import cn.xuncha.round.RoundPlanSheet.Rows;
import cn.xuncha.security.Roles;
import cn.xuncha.system.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's import of a round plan's teams and units from a spreadsheet: the template
 * ({@value #TEMPLATE}, linked at the top of the plan form), the page ({@value #PAGE}) that uploads a
 * filled one into an open 编制巡察工作方案 task, and the same upload for HTTP clients ({@value #API},
 * HTTP Basic; 200 with the counts, 400 with the Chinese problems). Only the office and
 * administrators; others get 403. A refused sheet changes nothing ({@link RoundPlanImport}).
 */
@Controller
class RoundPlanImportController {

  static final String PAGE = "/round-plan/import";
  static final String TEMPLATE = "/round-plan/template";
  static final String API = "/api/round-plan/import";
  private static final List<String> IMPORTERS = List.of(Roles.OFFICE, Roles.ADMIN);
  private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final RoundPlanImport imports;

  RoundPlanImportController(RoundPlanImport imports) {
    this.imports = imports;
  }

  @GetMapping(TEMPLATE)
  ResponseEntity<byte[]> template(Authentication user) {
    requireOffice(user);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("巡察工作方案-巡察组和被巡察党组织.xlsx", StandardCharsets.UTF_8).build().toString())
        .contentType(XLSX).body(RoundPlanSheet.template());
  }

  @GetMapping(PAGE)
  String page(Authentication user, Model model) {
    requireOffice(user);
    model.addAttribute("drafts", imports.openDrafts());
    return "round-plan-import";
  }

  @PostMapping(PAGE)
  String upload(@RequestParam(name = "task", required = false) String task, @RequestParam(name = "file", required = false) MultipartFile file,
      Authentication user, RedirectAttributes redirect) {
    requireOffice(user);
    try {
      Rows rows = importInto(task, file);
      redirect.addFlashAttribute("message", "已导入 " + rows.teams().size() + " 个巡察组、" + rows.units().size()
          + " 个被巡察党组织。请在任务列表中重新打开“编制巡察工作方案”，核对后提交。");
      redirect.addFlashAttribute("imported", task);
    } catch (InvalidInputException refused) {
      redirect.addFlashAttribute("problems", refused.problems());
    }
    return "redirect:" + PAGE;
  }

  @PostMapping(API)
  ResponseEntity<Map<String, Object>> uploadApi(@RequestParam(name = "task", required = false) String task,
      @RequestParam(name = "file", required = false) MultipartFile file, Authentication user) {
    requireOffice(user);
    try {
      Rows rows = importInto(task, file);
      return ResponseEntity.ok(Map.of("teams", rows.teams().size(), "units", rows.units().size()));
    } catch (InvalidInputException refused) {
      return ResponseEntity.badRequest().body(Map.of("message", refused.getMessage(), "problems", refused.problems()));
    }
  }

  private Rows importInto(String task, MultipartFile file) {
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("请选择要导入的 Excel 表格（.xlsx）");
    }
    try (InputStream sheet = file.getInputStream()) {
      return imports.importInto(task, sheet);
    } catch (IOException e) {
      throw new InvalidInputException("无法读取上传的文件，请重新选择");
    }
  }

  private static void requireOffice(Authentication user) {
    if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(IMPORTERS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办可以导入巡察工作方案");
    }
  }
}

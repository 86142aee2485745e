package cn.xuncha.people;

import cn.xuncha.security.Roles;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's pages of the 巡察工作人才库 (实施办法 第九条): list and search, add and edit with the
 * change log, a 回避 check of one person against one unit (第八条), and the pool as .xlsx to export,
 * fill in and import, and each person's appraisals of past rounds ({@link AppraisalService}). A user who
 * sees several counties names the county of a new entry (a 县 select, the sheet's 县 column) and sees
 * each entry's county. A refused save or import answers 400 with every problem. Only the office and
 * administrators reach them (403 otherwise): the pool holds personal details of cadres.
 */
@Controller
class PeopleController {

  static final String PAGE = "/people";
  /** The form's field naming the county of a new entry. */
  private static final String COUNTY = "county";
  private static final List<String> KEEPERS = List.of(Roles.OFFICE, Roles.ADMIN);
  private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final InspectorPoolService pool;
  private final AppraisalService appraisals;
  private final Recusal recusal;
  private final Clock clock;

  PeopleController(InspectorPoolService pool, AppraisalService appraisals, @Value("${xuncha.people.recusal-years:5}") int recusalYears, Clock clock) {
    this.pool = pool;
    this.appraisals = appraisals;
    this.recusal = new Recusal(recusalYears);
    this.clock = clock;
  }

  @GetMapping(PAGE)
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String speciality,
      @RequestParam(required = false) String lead, @RequestParam(required = false) String available, Authentication user, Model model) {
    requireKeeper(user);
    List<Inspector> people = pool.all().stream()
        .filter(p -> blank(q) || (p.account() + p.name() + p.unit() + p.post()).contains(q.strip()))
        .filter(p -> blank(speciality) || p.specialities().contains(speciality))
        .filter(p -> blank(lead) || p.mayLead())
        .filter(p -> blank(available) || p.available())
        .toList();
    model.addAttribute("people", people);
    model.addAttribute("specialities", Inspector.SPECIALITIES);
    model.addAttribute("filter", Map.of("q", nullToEmpty(q), "speciality", nullToEmpty(speciality),
        "lead", nullToEmpty(lead), "available", nullToEmpty(available)));
    boolean severalCounties = !pool.countyChoices().isEmpty();
    model.addAttribute("severalCounties", severalCounties);
    model.addAttribute("countyNames", severalCounties ? pool.countyNames() : Map.of());
    return "people";
  }

  @GetMapping(PAGE + "/new")
  String create(Authentication user, Model model) {
    requireKeeper(user);
    return form(model, new Inspector(null, null, null, null, null, null, List.of(), false, true, null, List.of(), List.of()), true, null);
  }

  @GetMapping(PAGE + "/{account}")
  String edit(@PathVariable String account, @RequestParam(required = false) String unit, @RequestParam(required = false) String on,
      Authentication user, Model model) {
    requireKeeper(user);
    Inspector person = pool.find(account).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "人才库中没有账号 " + account));
    if (!blank(unit)) {
      LocalDate date = ChinaTime.today(clock);
      try {
        date = blank(on) ? date : LocalDate.parse(on.strip());
      } catch (DateTimeParseException e) {
        model.addAttribute("recusalError", "巡察开始日期“" + on + "”不是“年-月-日”格式");
      }
      model.addAttribute("recusalUnit", unit.strip());
      model.addAttribute("recusalOn", date.toString());
      model.addAttribute("recusal", recusal.reasons(person, unit.strip(), date));
    }
    return form(model, person, false, null);
  }

  /**
   * Saves the entry of the form, a new one into the county of its 县 select ({@link InspectorPoolService#save}),
   * and shows it; a refused entry answers 400 with the form again, its values kept and every problem listed.
   */
  @PostMapping(PAGE)
  String save(@RequestParam Map<String, String> fields, @RequestParam(name = "specialities", required = false) List<String> specialities,
      Authentication user, Model model, HttpServletResponse response, RedirectAttributes redirect) {
    requireKeeper(user);
    List<String> problems = new ArrayList<>();
    Inspector person = new Inspector(strip(fields.get("account")), strip(fields.get("name")), strip(fields.get("unit")),
        strip(fields.get("post")), strip(fields.get("rank")), strip(fields.get("hometown")), specialities == null ? List.of() : specialities,
        fields.containsKey("mayLead"), fields.containsKey("available"), strip(fields.get("note")),
        InspectorPoolService.posts(fields.get("pastPosts"), problems), InspectorPoolService.conflicts(fields.get("conflicts"), problems));
    boolean isNew = "true".equals(fields.get("isNew"));
    if (isNew && person.account() != null && pool.find(person.account()).isPresent()) {
      problems.add("账号：" + person.account() + " 已在人才库中，请在列表中打开该人员修改");
    }
    String county = strip(fields.get(COUNTY));
    try {
      pool.save(new InspectorPoolService.Entry(person, county), problems, user.getName());
    } catch (InvalidInputException refused) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problems", refused.problems());
      model.addAttribute("pastPostLines", nullToEmpty(fields.get("pastPosts")));
      model.addAttribute("conflictLines", nullToEmpty(fields.get("conflicts")));
      return form(model, person, isNew, county);
    }
    redirect.addFlashAttribute("message", "已保存 " + person.name() + "。");
    return "redirect:" + PAGE + "/" + person.account();
  }

  @GetMapping(PAGE + "/export")
  ResponseEntity<byte[]> export(Authentication user) {
    requireKeeper(user);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("巡察工作人才库-" + ChinaTime.today(clock) + ".xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .contentType(XLSX).body(InspectorSheet.write(pool.all(), pool.countyNames()));
  }

  /**
   * Imports the sheet ({@link InspectorPoolService#importAll}) and shows the list with how many were saved;
   * a refused sheet, or none chosen, answers 400 with the list and every problem, and saves nothing.
   */
  @PostMapping(PAGE + "/import")
  String importSheet(@RequestParam(name = "file", required = false) MultipartFile file, Authentication user, Model model,
      HttpServletResponse response, RedirectAttributes redirect) {
    requireKeeper(user);
    List<String> problems = new ArrayList<>();
    try {
      if (file == null || file.isEmpty()) {
        throw new InvalidInputException("请选择要导入的 Excel 表格（.xlsx）");
      }
      List<InspectorPoolService.Entry> entries = InspectorSheet.read(file.getInputStream(), problems);
      int saved = pool.importAll(entries, problems, user.getName());
      redirect.addFlashAttribute("message", "已导入 " + saved + " 人。");
      return "redirect:" + PAGE;
    } catch (InvalidInputException refused) {
      model.addAttribute("problems", refused.problems());
    } catch (IOException e) {
      model.addAttribute("problems", List.of("无法读取上传的文件，请重新选择"));
    }
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    return list(null, null, null, null, user, model);
  }

  /**
   * The entry's form: a new one with the 县 select for a user who sees several counties ({@code county}
   * chosen), an existing one with its county, which the form does not change, its appraisals and its log.
   */
  private String form(Model model, Inspector person, boolean isNew, String county) {
    model.addAttribute("person", person);
    model.addAttribute("isNew", isNew);
    model.addAttribute("ranks", Inspector.RANKS);
    model.addAttribute("specialities", Inspector.SPECIALITIES);
    if (!model.containsAttribute("pastPostLines")) {
      model.addAttribute("pastPostLines", InspectorPoolService.postLines(person.pastPosts()));
      model.addAttribute("conflictLines", InspectorPoolService.conflictLines(person.conflicts()));
    }
    if (isNew) {
      model.addAttribute("counties", pool.countyChoices());
      model.addAttribute(COUNTY, nullToEmpty(county));
    } else {
      // a refused edit shows what the edit page shows, of an entry the user sees: none for an account the form lost
      String account = nullToEmpty(person.account());
      Optional<String> countyName = pool.countyName(account);
      model.addAttribute("countyName", countyName.orElse(""));
      model.addAttribute("changes", countyName.isPresent() ? pool.changes(account) : List.of());
      model.addAttribute("appraisals", countyName.isPresent() ? appraisals.of(account) : List.of());
    }
    return "person";
  }

  private static void requireKeeper(Authentication user) {
    if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(KEEPERS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办可以管理巡察工作人才库");
    }
  }

  private static String strip(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

package cn.xuncha.clue;

import cn.xuncha.county.Counties;
import cn.xuncha.security.Roles;
import cn.xuncha.system.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's page of the clue-routing table ({@value #PAGE}; JSON under {@value #API}): the
 * receiver of each kind of clue in the version new clues are routed by, every earlier version with
 * who published it and when, and a form to publish a new version ({@link ClueRoutingTable}). The
 * office, the leading group and administrators read it; only the office and administrators publish
 * (403 with a Chinese message otherwise). A refused table answers its Chinese problems (the page
 * shows them, the API with 400) and publishes nothing.
 *
 * <p>Each county has its own table (issue 16 item 2): the page and the API show and change the table of
 * the county named by the parameter {@value #COUNTY} — a county the user sees ({@link Counties#visible()});
 * another or an unknown one answers 404 as a county that does not exist. Without the parameter they
 * take the user's only county; one who sees several (the city office, administrators) reads the first
 * and chooses on the page, and must name the county to publish, by the page's form as by the API (400
 * with a Chinese message naming the counties, nothing published): a table silently written into the
 * first county would change the routing of a county its publisher did not mean.
 */
@Controller
class ClueRoutingController {

  static final String PAGE = "/clue-routing";
  static final String API = "/api/clue-routing";
  static final String REFUSED_READ = "只有县委巡察办、巡察工作领导小组和系统管理员可以查看问题线索移交规则";
  static final String REFUSED_PUBLISH = "只有县委巡察办和系统管理员可以修改问题线索移交规则";
  private static final List<String> READERS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.ADMIN);
  private static final List<String> PUBLISHERS = List.of(Roles.OFFICE, Roles.ADMIN);
  private static final String FIELD = "receiver.";
  private static final String PERIOD = "period.";
  static final String COUNTY = "county";
  static final String NO_SUCH_COUNTY = "没有这个县";

  private final ClueRoutingTable table;
  private final Counties counties;

  ClueRoutingController(ClueRoutingTable table, Counties counties) {
    this.table = table;
    this.counties = counties;
  }

  @GetMapping(PAGE)
  String page(@RequestParam(name = COUNTY, required = false) String requested, Authentication user, Model model) {
    require(user, READERS, REFUSED_READ);
    String county = asked(requested);
    Map<String, String> names = counties.names();
    model.addAttribute("county", county);
    model.addAttribute("countyName", names.getOrDefault(county, county));
    model.addAttribute("counties", counties.visibleNames());
    // a copy: FreeMarker lists an unmodifiable map in hash order
    model.addAttribute("kinds", new LinkedHashMap<>(ClueService.KINDS));
    model.addAttribute("choices", table.receiverChoices());
    model.addAttribute("periods", table.replyDeadlineChoices());
    model.addAttribute("variableKinds", ClueRoutingTable.VARIABLE_KIND);
    model.addAttribute("current", table.current(county));
    model.addAttribute("history", table.history(county));
    model.addAttribute("publisher", may(user, PUBLISHERS));
    return "clue-routing";
  }

  /**
   * The page's form: a checkbox {@code receiver.<kind>} per kind and possible receiver, and the
   * receiver's reply period in {@code period.<kind>.<receiver>}.
   */
  @PostMapping(PAGE)
  String publish(@RequestParam org.springframework.util.MultiValueMap<String, String> form, Authentication user,
      RedirectAttributes redirect) {
    require(user, PUBLISHERS, REFUSED_PUBLISH);
    String unnamed = unnamedCounty(form.getFirst(COUNTY));
    if (unnamed != null) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unnamed);
    }
    String county = asked(form.getFirst(COUNTY));
    Map<String, List<ClueRoutingTable.Route>> receivers = new LinkedHashMap<>();
    form.forEach((name, values) -> {
      if (name.startsWith(FIELD)) {
        String kind = name.substring(FIELD.length());
        receivers.put(kind, values.stream()
            .map(receiver -> new ClueRoutingTable.Route(receiver, form.getFirst(PERIOD + kind + "." + receiver))).toList());
      }
    });
    try {
      ClueRoutingTable.Version published = table.publish(county, receivers, user.getName());
      String name = counties.names().getOrDefault(county, county);
      redirect.addFlashAttribute("message", "已发布" + name + "第 " + published.version() + " 版移交规则：此后审核通过的" + name
          + "问题线索按新规则移交，已移交的线索不受影响。");
    } catch (InvalidInputException refused) {
      redirect.addFlashAttribute("problems", refused.problems());
      // the page shows the refused choices again, so that correcting one does not mean redoing the others
      redirect.addFlashAttribute("submitted", receivers);
    }
    redirect.addAttribute(COUNTY, county);
    return "redirect:" + PAGE;
  }

  /** The versions of the county's table, then those of the default, newest first ({@link ClueRoutingTable#history}). */
  @GetMapping(API)
  @ResponseBody
  List<ClueRoutingTable.Version> versions(@RequestParam(name = COUNTY, required = false) String requested, Authentication user) {
    require(user, READERS, REFUSED_READ);
    return table.history(asked(requested));
  }

  /**
   * Publishes {@code receivers} (kind → list of {@code {receiver, replyDeadline}}): 200 with the new
   * version, or 400 with the Chinese problems.
   */
  @PostMapping(API)
  @ResponseBody
  ResponseEntity<?> publishApi(@RequestParam(name = COUNTY, required = false) String requested,
      @RequestBody Map<String, List<ClueRoutingTable.Route>> receivers, Authentication user) {
    require(user, PUBLISHERS, REFUSED_PUBLISH);
    String unnamed = unnamedCounty(requested);
    if (unnamed != null) {
      return ResponseEntity.badRequest().body(Map.of("problems", List.of(unnamed)));
    }
    try {
      return ResponseEntity.ok(table.publish(asked(requested), receivers, user.getName()));
    } catch (InvalidInputException refused) {
      return ResponseEntity.badRequest().body(Map.of("problems", refused.problems()));
    }
  }

  /** A body that is not a table of routes: Chinese, without the Java types Spring would name. */
  @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, List<String>>> unreadable() {
    return ResponseEntity.badRequest().body(Map.of("problems",
        List.of("请求内容不是有效的移交规则：应为 {问题类别: [{\"receiver\": 接收单位, \"replyDeadline\": 期限编号}]}")));
  }

  /**
   * Why a publication naming {@code requested} cannot go ahead for want of a county: the Chinese refusal,
   * naming the counties to choose from, when none is named and the user sees several; null when a county
   * is named or the user sees only one (theirs goes without saying).
   */
  private String unnamedCounty(String requested) {
    List<String> visible = counties.visible();
    if ((requested != null && !requested.isBlank()) || visible.size() == 1) {
      return null;
    }
    return "您可以修改多个县的移交规则，请写明要修改哪个县的（在页面上选择县，或用参数 county 写明县的代码）：" + counties.named(visible);
  }

  /**
   * The county whose table the request is about: {@code requested} when the user sees it, the first county
   * the user sees when none is named; 404 ({@value #NO_SUCH_COUNTY}) for a county the user does not see.
   */
  private String asked(String requested) {
    List<String> visible = counties.visible();
    if (requested == null || requested.isBlank()) {
      return visible.get(0);
    }
    if (!visible.contains(requested)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, NO_SUCH_COUNTY);
    }
    return requested;
  }

  private static void require(Authentication user, List<String> groups, String refusal) {
    if (!may(user, groups)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
    }
  }

  private static boolean may(Authentication user, List<String> groups) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(groups::contains);
  }
}

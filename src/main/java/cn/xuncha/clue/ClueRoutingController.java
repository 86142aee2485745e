package cn.xuncha.clue;

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

  private final ClueRoutingTable table;

  ClueRoutingController(ClueRoutingTable table) {
    this.table = table;
  }

  @GetMapping(PAGE)
  String page(Authentication user, Model model) {
    require(user, READERS, REFUSED_READ);
    // a copy: FreeMarker lists an unmodifiable map in hash order
    model.addAttribute("kinds", new LinkedHashMap<>(ClueService.KINDS));
    model.addAttribute("choices", table.receiverChoices());
    model.addAttribute("periods", table.replyDeadlineChoices());
    model.addAttribute("variableKinds", ClueRoutingTable.VARIABLE_KIND);
    model.addAttribute("current", table.current());
    model.addAttribute("history", table.history());
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
    Map<String, List<ClueRoutingTable.Route>> receivers = new LinkedHashMap<>();
    form.forEach((name, values) -> {
      if (name.startsWith(FIELD)) {
        String kind = name.substring(FIELD.length());
        receivers.put(kind, values.stream()
            .map(receiver -> new ClueRoutingTable.Route(receiver, form.getFirst(PERIOD + kind + "." + receiver))).toList());
      }
    });
    try {
      ClueRoutingTable.Version published = table.publish(receivers, user.getName());
      redirect.addFlashAttribute("message", "已发布第 " + published.version() + " 版移交规则：此后审核通过的问题线索按新规则移交，已移交的线索不受影响。");
    } catch (InvalidInputException refused) {
      redirect.addFlashAttribute("problems", refused.problems());
      // the page shows the refused choices again, so that correcting one does not mean redoing the others
      redirect.addFlashAttribute("submitted", receivers);
    }
    return "redirect:" + PAGE;
  }

  @GetMapping(API)
  @ResponseBody
  List<ClueRoutingTable.Version> versions(Authentication user) {
    require(user, READERS, REFUSED_READ);
    return table.history();
  }

  /**
   * Publishes {@code receivers} (kind → list of {@code {receiver, replyDeadline}}): 200 with the new
   * version, or 400 with the Chinese problems.
   */
  @PostMapping(API)
  @ResponseBody
  ResponseEntity<?> publishApi(@RequestBody Map<String, List<ClueRoutingTable.Route>> receivers, Authentication user) {
    require(user, PUBLISHERS, REFUSED_PUBLISH);
    try {
      return ResponseEntity.ok(table.publish(receivers, user.getName()));
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

  private static void require(Authentication user, List<String> groups, String refusal) {
    if (!may(user, groups)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal);
    }
  }

  private static boolean may(Authentication user, List<String> groups) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(groups::contains);
  }
}

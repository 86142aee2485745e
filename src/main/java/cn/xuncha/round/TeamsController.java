package cn.xuncha.round;

import cn.xuncha.county.Counties;
import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.security.Roles;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's page of a round's teams (issue 13 item 5): who is in each team, the changes made
 * during the round, and a form to replace a leader or member ({@link TeamChanges}). Only the office
 * and administrators reach it (403 otherwise); refusals come back in Chinese and change nothing.
 */
@Controller
class TeamsController {

  static final String PAGE = "/teams";
  private static final List<String> KEEPERS = List.of(Roles.OFFICE, Roles.ADMIN);

  private final TeamChanges changes;
  private final RoundRepository rounds;
  private final InspectorPoolService pool;
  private final JdbcClient jdbc;
  private final Counties counties;

  TeamsController(TeamChanges changes, RoundRepository rounds, InspectorPoolService pool, JdbcClient jdbc, Counties counties) {
    this.counties = counties;
    this.changes = changes;
    this.rounds = rounds;
    this.pool = pool;
    this.jdbc = jdbc;
  }

  /** The rounds of the user's counties whose plan was approved, newest first, each with its teams' page. */
  @GetMapping(PAGE)
  String list(Authentication user, Model model) {
    requireKeeper(user);
    model.addAttribute("rounds", jdbc.sql("select business_key, name from xc_round where status = :status and county in (:counties) order by id desc")
        .param("status", RoundStatus.APPROVED.name()).param("counties", counties.visible())
        .query((rs, row) -> Map.of("key", rs.getString("business_key"), "name", rs.getString("name"))).list());
    return "teams";
  }

  @GetMapping(PAGE + "/{roundKey}")
  String round(@PathVariable String roundKey, Authentication user, Model model) {
    requireKeeper(user);
    RoundPlan plan = rounds.findPlan(roundKey)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个巡察轮次"));
    model.addAttribute("roundKey", roundKey);
    model.addAttribute("plan", plan);
    model.addAttribute("running", changes.running(roundKey));
    model.addAttribute("changes", changes.changes(roundKey));
    model.addAttribute("candidates", pool.all().stream().filter(Inspector::available).toList());
    return "team-changes";
  }

  @PostMapping(PAGE + "/{roundKey}/replace")
  String replace(@PathVariable String roundKey, @RequestParam int teamNo, @RequestParam(required = false) String leaver,
                 @RequestParam(required = false) String replacement, @RequestParam(required = false) String reason,
                 Authentication user, RedirectAttributes redirect) {
    requireKeeper(user);
    try {
      changes.replace(roundKey, teamNo, blankToNull(leaver), blankToNull(replacement), reason, user.getName());
      redirect.addFlashAttribute("message", "已调整：" + replacement + " 接替 " + leaver + "，已转交其待办并调整账户组。");
    } catch (InvalidInputException refused) {
      redirect.addFlashAttribute("problems", refused.problems());
    }
    return "redirect:" + PAGE + "/" + roundKey;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void requireKeeper(Authentication user) {
    if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(KEEPERS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办可以调整巡察组");
    }
  }
}

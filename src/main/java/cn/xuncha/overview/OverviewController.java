package cn.xuncha.overview;

import cn.xuncha.documents.DocumentKind;
import cn.xuncha.security.Roles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The supervisors' pages: the overview of every round and unit, a unit's timeline, and term coverage (办法 第十三条). */
@Controller
class OverviewController {

  private static final List<String> SUPERVISORS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE, Roles.ADMIN);

  private final OverviewService overview;
  private final CoverageService coverage;
  private final OverviewNames names;

  OverviewController(OverviewService overview, CoverageService coverage, OverviewNames names) {
    this.overview = overview;
    this.coverage = coverage;
    this.names = names;
  }

  @GetMapping("/overview")
  String overview(@RequestParam(required = false) String round, @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit, @RequestParam(required = false) String colour, Authentication user, Model model) {
    requireSupervisor(user);
    DeadlineColour wanted = Arrays.stream(DeadlineColour.values()).filter(c -> c.name().equalsIgnoreCase(colour)).findFirst().orElse(null);
    Map<String, String> rounds = names.rounds();
    Map<String, String> teams = names.teams();
    Map<String, String> units = names.units();
    String roundKey = OverviewNames.idOf(round, rounds);
    // a team's name stands for that team of every round (each round's team has its own group)
    String teamGroup = team == null || team.isBlank() ? null : team.trim();
    String unitGroup = OverviewNames.idOf(unit, units);
    model.addAttribute("rounds", overview.rounds(new OverviewService.Filter(roundKey, teamGroup, unitGroup, wanted)));
    model.addAttribute("colours", List.of(DeadlineColour.RED, DeadlineColour.YELLOW, DeadlineColour.BLUE, DeadlineColour.GREEN));
    model.addAttribute("roundNames", rounds.values().stream().distinct().toList());
    model.addAttribute("teamNames", teams.values().stream().distinct().toList());
    model.addAttribute("unitNames", units.values().stream().distinct().toList());
    model.addAttribute("filter", new String[] {nameOf(roundKey, rounds), nameOf(teamGroup, teams), nameOf(unitGroup, units),
        wanted == null ? "" : wanted.name()});
    return "overview";
  }

  @GetMapping("/overview/{roundKey}/{unitGroup}")
  String unit(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user, Model model) {
    requireSupervisor(user);
    if (!overview.inspects(roundKey, unitGroup)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个巡察轮次或被巡察单位");
    }
    model.addAttribute("roundKey", roundKey);
    model.addAttribute("unitGroup", unitGroup);
    model.addAttribute("roundName", names.round(roundKey));
    model.addAttribute("unitName", names.unit(roundKey, unitGroup));
    model.addAttribute("steps", overview.timeline(roundKey, unitGroup));
    model.addAttribute("documents", DocumentKind.values());
    return "overview-unit";
  }

  @GetMapping("/overview/coverage")
  String coverage(Authentication user, Model model) {
    requireSupervisor(user);
    model.addAttribute("coverage", coverage.currentTerm());
    return "overview-coverage";
  }

  private static void requireSupervisor(Authentication user) {
    if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(SUPERVISORS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办、领导小组和县委可以查看巡察总览");
    }
  }

  /** What a filter field shows: the name of the chosen id, or what was typed when no round, team or unit has it. */
  private static String nameOf(String id, Map<String, String> names) {
    return id == null ? "" : names.getOrDefault(id, id);
  }
}

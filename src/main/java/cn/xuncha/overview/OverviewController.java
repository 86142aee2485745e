package cn.xuncha.overview;

import cn.xuncha.county.Counties;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The supervisors' pages: the overview of every round and unit, a unit's timeline, and term coverage (办法 第十三条). */
@Controller
class OverviewController {

  private static final List<String> SUPERVISORS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE, Roles.ADMIN);

  private final OverviewService overview;
  private final CoverageService coverage;
  private final OverviewNames names;
  private final Counties counties;

  OverviewController(OverviewService overview, CoverageService coverage, OverviewNames names, Counties counties) {
    this.counties = counties;
    this.overview = overview;
    this.coverage = coverage;
    this.names = names;
  }

  /**
   * A page of the overview. Every filter is optional: {@code term} (absent, or not a term of the shown
   * counties: the current term of the one county shown, see {@link OverviewService#currentTerm}, every term
   * when several are shown — each county has its own; empty: every term; a round named without a term is
   * looked for in every term), {@code year} (four digits), {@code round}, {@code team} and {@code unit} (a
   * name from the lists, or an id; applied only when one county is shown, as only then are they listed),
   * {@code colour} (a {@link DeadlineColour} name), {@code page} (from 1; past the last, the last),
   * {@code county} (a county's code, for a user who sees several — the city office; a county user sees
   * their own county only, whatever is asked). A year or page that is not a number is refused with a
   * message, changing nothing.
   */
  @GetMapping("/overview")
  String overview(@RequestParam(required = false) String term, @RequestParam(required = false) String year,
      @RequestParam(required = false) String round, @RequestParam(required = false) String team,
      @RequestParam(required = false) String unit, @RequestParam(required = false) String colour,
      @RequestParam(required = false) String page, @RequestParam(required = false) String county, Authentication user, Model model) {
    requireSupervisor(user);
    List<String> visible = counties.visible();
    String countyAsked = blankToNull(county);
    String countyChosen = countyAsked != null && visible.contains(countyAsked) ? countyAsked : null;
    // Every county needs no condition: a list of a city's hundred counties in each statement costs its planning every time.
    List<String> shownCounties = countyChosen != null ? List.of(countyChosen) : counties.seesEvery() ? null : visible;
    boolean oneCounty = countyChosen != null || visible.size() == 1;
    DeadlineColour wanted = Arrays.stream(DeadlineColour.values()).filter(c -> c.name().equalsIgnoreCase(colour)).findFirst().orElse(null);
    // Names are offered for one county only; of several, a name left in the address is not applied either, as it could not be shown.
    String roundChosen = oneCounty ? blankToNull(round) : null;
    OverviewService.Periods periods = overview.periods(shownCounties);
    // A term is its county's own (届 of its party congress): of several counties none is current, and a term the
    // shown counties do not have was chosen for another county before the county changed, so the default applies.
    String termAsked = term == null ? null : blankToNull(term);
    String termChosen = term != null && (termAsked == null || periods.terms().contains(termAsked)) ? termAsked
        : roundChosen == null && oneCounty ? overview.currentTerm(shownCounties) : null;
    OverviewService.Filter filter = new OverviewService.Filter(termChosen, number(year, "年度应为四位数字，如 2022"), roundChosen,
        oneCounty ? blankToNull(team) : null, oneCounty ? blankToNull(unit) : null, wanted, shownCounties);
    Integer pageChosen = number(page, "页码应为数字");
    OverviewService.Page shown = overview.page(filter, pageChosen == null ? 1 : pageChosen);
    model.addAttribute("page", shown);
    model.addAttribute("pageSize", OverviewService.PAGE_SIZE);
    model.addAttribute("rounds", shown.rounds());
    model.addAttribute("options", overview.options(periods, termChosen, shownCounties, oneCounty));
    model.addAttribute("counties", visible.size() > 1 ? counties.visibleNames() : Map.of());
    model.addAttribute("colours", List.of(DeadlineColour.RED, DeadlineColour.YELLOW, DeadlineColour.BLUE, DeadlineColour.GREEN));
    model.addAttribute("filter", Map.of("term", termChosen == null ? "" : termChosen, "year", filter.year() == null ? "" : filter.year().toString(),
        "round", roundChosen == null ? "" : names.round(roundChosen), "team", nonNull(filter.team()), "unit", nonNull(filter.unit()), "colour", wanted == null ? "" : wanted.name(),
        "county", nonNull(countyChosen)));
    model.addAttribute("previous", shown.number() > 1 ? pageLink(filter, countyChosen, shown.number() - 1) : "");
    model.addAttribute("next", shown.number() < shown.pages() ? pageLink(filter, countyChosen, shown.number() + 1) : "");
    return "overview";
  }

  /** The address of another page of the same filter; the term is always named, so that "every term" stays chosen. */
  private static String pageLink(OverviewService.Filter filter, String county, int page) {
    UriComponentsBuilder link = UriComponentsBuilder.fromPath("/overview").queryParam("term", nonNull(filter.term()));
    if (filter.year() != null) {
      link.queryParam("year", filter.year());
    }
    for (String[] field : new String[][] {{"round", filter.round()}, {"team", filter.team()}, {"unit", filter.unit()},
        {"colour", filter.colour() == null ? null : filter.colour().name()}, {"county", county}}) {
      if (field[1] != null) {
        link.queryParam(field[0], field[1]);
      }
    }
    return link.queryParam("page", page).encode().toUriString();
  }

  private static Integer number(String text, String refusal) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException notANumber) {
      if (text.trim().matches("\\d+")) {
        return Integer.MAX_VALUE; // a number too large for any page or year: nothing is that far
      }
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refusal);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static String nonNull(String text) {
    return text == null ? "" : text;
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
    model.addAttribute("coverage", coverage.currentTerm(counties.visible()));
    return "overview-coverage";
  }

  private static void requireSupervisor(Authentication user) {
    if (user.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(SUPERVISORS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办、领导小组和县委可以查看巡察总览");
    }
  }
}

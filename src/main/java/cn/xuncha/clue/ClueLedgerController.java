package cn.xuncha.clue;

import cn.xuncha.overview.OverviewNames;
import cn.xuncha.security.Roles;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.Departments;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The office's ledger of transferred clues (办法 第二十二条): every clue of a round with its
 * receiver and state, as a page and as JSON. Only the office and the leading group see it. The page
 * names receivers as users know them (赵村镇党委, 县纪委监委: the group's name as Admin shows it); the
 * JSON keeps their group ids. A round that does not exist, or whose plan is not approved yet, has no
 * ledger: 404 with a Chinese reason.
 */
@Controller
class ClueLedgerController {

  private static final List<String> READERS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE, Roles.ADMIN);

  private final ClueService clues;
  private final OverviewNames names;
  private final Departments groups;

  ClueLedgerController(ClueService clues, OverviewNames names, Departments groups) {
    this.clues = clues;
    this.names = names;
    this.groups = groups;
  }

  @GetMapping("/ledger/clues/{roundKey}")
  String page(@PathVariable String roundKey, Authentication user, Model model) {
    List<ClueService.LedgerRow> rows = ledger(roundKey, user);
    model.addAttribute("roundName", names.round(roundKey));
    model.addAttribute("answered", rows.stream().filter(row -> "ANSWERED".equals(row.status())).count());
    model.addAttribute("rows", rows.stream().map(row -> new PageRow(row.id(), row.unit(), row.kind(), row.summary(),
        row.receiver() == null ? "—" : groups.name(row.receiver()).orElse(row.receiver()), time(row.transferredAt()), ClueService.STATES.getOrDefault(row.status(), row.status()),
        row.status().toLowerCase(java.util.Locale.ROOT), time(row.repliedAt()))).toList());
    return "clue-ledger";
  }

  @GetMapping("/api/ledger/clues/{roundKey}")
  @ResponseBody
  List<ClueService.LedgerRow> json(@PathVariable String roundKey, Authentication user) {
    return ledger(roundKey, user);
  }

  private static String time(java.time.Instant instant) {
    return instant == null ? "—" : ChinaTime.format(java.util.Date.from(instant));
  }

  /** One line of the page, with Chinese states and Beijing times. */
  public record PageRow(long id, String unit, String kind, String summary, String receiver, String transferred, String state,
                 String status, String replied) {
  }

  private List<ClueService.LedgerRow> ledger(String roundKey, Authentication user) {
    boolean allowed = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(READERS::contains);
    if (!allowed) {
      throw new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN, "只有巡察办、领导小组和县委可以查看线索移交台账");
    }
    if (!names.stored(roundKey)) {
      throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "没有这一巡察轮次，或其方案尚未经县委批准，尚无线索移交台账");
    }
    return clues.ledger(roundKey);
  }
}

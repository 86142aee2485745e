package cn.xuncha.migration;

import cn.xuncha.security.Roles;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The office's page of process versions ({@value #PAGE}) and the same as JSON under
 * {@value #API}: per process key, the deployed versions and their running instances; for one key,
 * the validation of moving the instances of older versions to the newest (shown before anything
 * changes), and the migration itself ({@link ProcessVersions}). Only the office and administrators
 * reach them (403 with a Chinese message otherwise): a migration changes every running round.
 */
@Controller
class MigrationController {

  static final String PAGE = "/migration";
  static final String API = "/api/migration";
  static final String REFUSED = "只有县委巡察办和系统管理员可以查看流程版本和迁移在办流程";
  private static final List<String> MIGRATORS = List.of(Roles.OFFICE, Roles.ADMIN);

  private final ProcessVersions versions;

  MigrationController(ProcessVersions versions) {
    this.versions = versions;
  }

  @GetMapping(PAGE)
  String page(Authentication user, Model model) {
    requireMigrator(user);
    model.addAttribute("processes", versions.processes(user.getName(), groups(user)));
    model.addAttribute("history", versions.history());
    model.addAttribute("limit", ProcessVersions.MAX_INSTANCES);
    return "migration";
  }

  /** The validation of the migration of one key, with the button that carries out exactly that migration. */
  @GetMapping(PAGE + "/{key}")
  String check(@PathVariable String key, Authentication user, Model model) {
    requireMigrator(user);
    requireProcess(key, user);
    model.addAttribute("check", versions.check(key, user.getName(), groups(user)));
    return page(user, model);
  }

  @PostMapping(PAGE + "/{key}")
  String migrate(@PathVariable String key, @RequestParam String target, Authentication user, RedirectAttributes redirect) {
    requireMigrator(user);
    requireProcess(key, user);
    ProcessVersions.Outcome outcome = versions.migrate(key, target, user.getName(), groups(user));
    if (outcome.migrated()) {
      redirect.addFlashAttribute("message", "已将“" + outcome.name() + "”的 " + outcome.instances() + " 个在办实例迁移到第 "
          + outcome.targetVersion() + " 版。");
    } else if (outcome.problems().isEmpty()) {
      redirect.addFlashAttribute("message", "“" + outcome.name() + "”没有停留在旧版本上的在办实例，无需迁移。");
    } else {
      redirect.addFlashAttribute("refused", outcome);
    }
    return "redirect:" + PAGE;
  }

  @GetMapping(API)
  @ResponseBody
  List<ProcessVersions.Process> processes(Authentication user) {
    requireMigrator(user);
    return versions.processes(user.getName(), groups(user));
  }

  @GetMapping(API + "/{key}")
  @ResponseBody
  ProcessVersions.Outcome checkApi(@PathVariable String key, Authentication user) {
    requireMigrator(user);
    requireProcess(key, user);
    return versions.check(key, user.getName(), groups(user));
  }

  /**
   * Migrates the older versions' instances of {@code key} to the newest version ({@code target}, a
   * process definition id, pins which one; without it, whichever is newest): 200 with the outcome,
   * or 409 with the Chinese reasons when nothing was migrated because something stops it.
   */
  @PostMapping(API + "/{key}")
  @ResponseBody
  ResponseEntity<ProcessVersions.Outcome> migrateApi(@PathVariable String key, @RequestParam(required = false) String target,
      Authentication user) {
    requireMigrator(user);
    requireProcess(key, user);
    ProcessVersions.Outcome outcome = versions.migrate(key, target, user.getName(), groups(user));
    return ResponseEntity.status(outcome.problems().isEmpty() ? HttpStatus.OK : HttpStatus.CONFLICT).body(outcome);
  }

  private void requireProcess(String key, Authentication user) {
    if (versions.process(key, user.getName(), groups(user)).isEmpty()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有标识为“" + key + "”的流程");
    }
  }

  private static void requireMigrator(Authentication user) {
    if (groups(user).stream().noneMatch(MIGRATORS::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, REFUSED);
    }
  }

  private static List<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}

package cn.xuncha.documents;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.security.Roles;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may read which document: the office, the leading group, the county committee and the administrators everything;
 * a team the documents of its own units; a unit only those addressed to it.
 */
@Component
class DocumentAccess {

  private static final List<String> SUPERVISORS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE, Roles.ADMIN);

  private final RoundUnits rounds;

  DocumentAccess(RoundUnits rounds) {
    this.rounds = rounds;
  }

  void checkUnit(Authentication user, String roundKey, String unitGroup, DocumentKind kind) {
    Set<String> groups = groups(user);
    if (SUPERVISORS.stream().anyMatch(groups::contains)) {
      return;
    }
    if (!rounds.unitGroups(roundKey).contains(unitGroup)) {
      throw forbidden();
    }
    boolean team = groups.contains(rounds.teamGroupOf(roundKey, unitGroup));
    boolean unit = groups.contains(unitGroup) && kind.addressedToUnit();
    if (!team && !unit) {
      throw forbidden();
    }
  }

  void checkOffice(Authentication user) {
    if (SUPERVISORS.stream().noneMatch(groups(user)::contains)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察办、领导小组和县委可以查看成果运用台账");
    }
  }

  private static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
  }

  private static ResponseStatusException forbidden() {
    return new ResponseStatusException(HttpStatus.FORBIDDEN, "您无权查看该被巡察单位的文书");
  }
}

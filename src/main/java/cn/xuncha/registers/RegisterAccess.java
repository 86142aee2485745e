package cn.xuncha.registers;

import cn.xuncha.county.Counties;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.security.Roles;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who sees a unit's on-site registers (issue 17 item 7, 方案 四(六) 保密纪律): the team that inspects
 * the unit and the administrators see and record their content, petitioners' identities included;
 * the office, the leading group and the county committee see the counts only; another team, the
 * unit itself and the departments see nothing (403). The leading group may grant the office the
 * content of one unit's registers and revoke it ({@link RegisterGrants}); reading is then the
 * office's too, recording stays the team's; the leading group itself keeps the counts (the issue:
 * "the office sees counts, not content, unless the leading group grants it"). The same group check
 * as the documents' ({@code cn.xuncha.documents.DocumentAccess}): the current groups of the login, as
 * {@code CurrentGroupsFilter} puts them on the authentication.
 */
@Component
class RegisterAccess {

  static final String REFUSED = "现场登记只有本巡察组可以查看";
  private static final List<String> COUNT_READERS = List.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE);

  /** How much of the registers a user sees. */
  enum Level { CONTENT, COUNTS }

  private final RoundUnits units;
  private final RoundRepository rounds;
  private final RegisterGrants grants;
  private final JdbcClient jdbc;
  private final Counties counties;

  RegisterAccess(RoundUnits units, RoundRepository rounds, RegisterGrants grants, JdbcClient jdbc, Counties counties) {
    this.counties = counties;
    this.units = units;
    this.rounds = rounds;
    this.grants = grants;
    this.jdbc = jdbc;
  }

  /**
   * The units whose registers {@code user} may open, newest round first: a team's own units; every
   * unit of the user's counties for the administrators, the office, the leading group and the committee (who see counts).
   */
  List<UnitLink> units(Authentication user) {
    Set<String> groups = groups(user);
    boolean all = groups.contains(Roles.ADMIN) || COUNT_READERS.stream().anyMatch(groups::contains);
    return jdbc.sql("""
            select r.business_key, r.name as round_name, u.group_id, u.name, t.name as team_name, t.group_id as team_group
            from xc_unit u join xc_round r on r.id = u.round_id join xc_team t on t.id = u.team_id
            where r.county in (:counties)
            order by r.id desc, t.team_no, u.id""")
        .param("counties", counties.visible())
        .query((rs, row) -> new UnitLink(rs.getString("business_key"), rs.getString("round_name"), rs.getString("group_id"),
            rs.getString("name"), rs.getString("team_name"), rs.getString("team_group")))
        .list().stream().filter(unit -> all || groups.contains(unit.teamGroup())).toList();
  }

  /** A unit whose registers a user may open, with the names its link shows. */
  public record UnitLink(String roundKey, String roundName, String unitGroup, String unitName, String teamName, String teamGroup) {
  }

  /**
   * The level of {@code user} on the registers of the unit; 404 for an unknown round or unit, 403
   * (with {@value #REFUSED}) for anyone who may see neither content nor counts.
   */
  Level level(Authentication user, String roundKey, String unitGroup) {
    if (rounds.findPlan(roundKey).isEmpty() || !units.unitGroups(roundKey).contains(unitGroup)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这个巡察轮次或被巡察单位");
    }
    Set<String> groups = groups(user);
    if (mayRecord(groups, roundKey, unitGroup)
        || (groups.contains(Roles.OFFICE) && grants.inForce(units.unitIdOf(roundKey, unitGroup)).isPresent())) {
      return Level.CONTENT;
    }
    if (COUNT_READERS.stream().anyMatch(groups::contains)) {
      return Level.COUNTS;
    }
    throw new ResponseStatusException(HttpStatus.FORBIDDEN, REFUSED);
  }

  /** As {@link #level}, refusing (403) those who see the counts only: for content and exports. */
  void requireContent(Authentication user, String roundKey, String unitGroup) {
    if (level(user, roundKey, unitGroup) != Level.CONTENT) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, REFUSED + "；巡察办、领导小组和县委只看统计数，巡察办经领导小组准许方可查看内容");
    }
  }

  /** As {@link #level}, refusing (403) everyone but the unit's team and the administrators: for recording. */
  void requireRecording(Authentication user, String roundKey, String unitGroup) {
    requireContent(user, roundKey, unitGroup);
    if (!mayRecord(groups(user), roundKey, unitGroup)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "现场登记只有本巡察组可以填写");
    }
  }

  /** Whether {@code user} may record into the registers of the unit: its team and the administrators. */
  boolean mayRecord(Authentication user, String roundKey, String unitGroup) {
    return mayRecord(groups(user), roundKey, unitGroup);
  }

  /**
   * As {@link #level}, refusing (403) everyone but the leading group: only the leading group grants
   * and revokes the office's access to the content.
   */
  void requireLeadingGroup(Authentication user, String roundKey, String unitGroup) {
    level(user, roundKey, unitGroup);
    if (!isLeadingGroup(user)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有巡察工作领导小组可以准许或收回巡察办查看现场登记内容");
    }
  }

  /** Whether {@code user} is of the leading group, who grants and revokes the office's access to the content. */
  boolean isLeadingGroup(Authentication user) {
    return groups(user).contains(Roles.LEADING_GROUP);
  }

  /** Whether {@code user} is of the office, who reads the content while the leading group's grant is in force. */
  boolean isOffice(Authentication user) {
    return groups(user).contains(Roles.OFFICE);
  }

  private boolean mayRecord(Set<String> groups, String roundKey, String unitGroup) {
    return groups.contains(Roles.ADMIN) || groups.contains(units.teamGroupOf(roundKey, unitGroup));
  }

  private static Set<String> groups(Authentication user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
  }
}

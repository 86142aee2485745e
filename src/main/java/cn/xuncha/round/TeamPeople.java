package cn.xuncha.round;

import cn.xuncha.people.Inspector;
import cn.xuncha.round.RoundPlan.Exemption;
import cn.xuncha.round.RoundPlan.Team;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 巡察工作人才库 as a plan's teams see it: a team's people are pool accounts, and where the office
 * wrote a name (a spreadsheet, an exception line) the name stands for the one pool entry that has it.
 * A name two entries share, or one no entry has, is left as written: {@link RoundPlanValidator} then
 * refuses it with what it found.
 */
final class TeamPeople {

  private final Map<String, Inspector> byAccount;
  private final Map<String, List<Inspector>> byName;

  TeamPeople(List<Inspector> pool) {
    byAccount = pool.stream().collect(Collectors.toMap(Inspector::account, Function.identity()));
    byName = pool.stream().collect(Collectors.groupingBy(Inspector::name));
  }

  Optional<Inspector> find(String account) {
    return Optional.ofNullable(account).map(byAccount::get);
  }

  /** The pool entries whose name is {@code name} (none, one, or more sharing it). */
  List<Inspector> named(String name) {
    return byName.getOrDefault(name, List.of());
  }

  /** The team with names that match exactly one pool entry replaced by that entry's account. */
  Team resolve(Team team) {
    return new Team(team.teamNo(), team.name(), account(team.leader()), team.deputies().stream().map(this::account).toList(),
        team.members().stream().map(this::account).toList(), account(team.liaison()),
        team.exemptions().stream().map(e -> new Exemption(account(e.person()), e.unit(), e.reason())).toList(),
        team.groupId(), team.names());
  }

  /** The plan with its teams {@link #resolve resolved}. */
  RoundPlan resolve(RoundPlan plan) {
    return plan.withTeams(plan.teams().stream().map(this::resolve).toList());
  }

  /** The team as it is stored: its people's names as the pool has them now. */
  Team named(Team team) {
    Map<String, String> names = new HashMap<>();
    team.people().forEach(person -> find(person).ifPresent(entry -> names.put(person, entry.name())));
    return team.stored(team.groupId(), names);
  }

  private String account(String entry) {
    if (entry == null || byAccount.containsKey(entry)) {
      return entry;
    }
    List<Inspector> named = named(entry);
    return named.size() == 1 ? named.get(0).account() : entry;
  }
}

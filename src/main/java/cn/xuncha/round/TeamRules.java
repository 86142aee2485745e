package cn.xuncha.round;

import cn.xuncha.people.Inspector;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.people.Recusal;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundPlan.Team;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules a team's people meet (实施办法 第八条、第九条), when the plan forms the team
 * ({@link RoundPlanValidator}) and when the office changes it during the round ({@link TeamChanges}):
 * each person an available entry of the 巡察工作人才库, the leader one of the 组长库, nobody twice in the
 * team, and nobody bound to 回避 for a unit of the team on that unit's entry date (a later batch is
 * checked on its own date, 办法 第十四条) unless the team's 回避例外 names that person and unit. The
 * exceptions themselves name a person of the team, a unit of the team and a reason. Problems are
 * Chinese sentences that start with the team's label and name the person by name and account.
 */
@Component
class TeamRules {

  private final Supplier<List<Inspector>> pool;
  private final Recusal recusal;

  @Autowired
  TeamRules(InspectorPoolService pool, @Value("${xuncha.people.recusal-years:5}") int recusalYears) {
    this(pool::all, new Recusal(recusalYears));
  }

  /**
   * @param pool the 巡察工作人才库, read once per {@link #people()}
   * @param recusal the 回避 rules every person is checked by against every unit of their team
   */
  TeamRules(Supplier<List<Inspector>> pool, Recusal recusal) {
    this.pool = pool;
    this.recusal = recusal;
  }

  /** The pool as it is now, for checking the teams of one plan against the same entries. */
  TeamPeople people() {
    return new TeamPeople(pool.get());
  }

  /** The problems of one team of {@code plan}, labelled with {@code label}; empty when the team may be formed. */
  List<String> problems(RoundPlan plan, Team team, String label, TeamPeople people) {
    List<String> problems = new ArrayList<>();
    if (team.leader() == null || team.leader().isBlank()) {
      problems.add(label + "：组长：不能为空");
    }
    Map<String, String> roleOf = new HashMap<>();
    for (String[] place : placed(team)) {
      String role = place[0];
      String person = place[1];
      Optional<Inspector> entry = people.find(person);
      if (entry.isEmpty()) {
        problems.add(label + "：" + role + notInPool(person, people));
        continue;
      }
      String who = entry.get().name() + "（" + person + "）";
      String earlier = roleOf.putIfAbsent(person, role);
      if (earlier != null) {
        problems.add(label + "：" + who + " 在本组中出现了两次（" + earlier + "、" + role + "），每人在一个组中只能担任一个职务");
        continue;
      }
      if (!entry.get().available()) {
        problems.add(label + "：" + role + who + " 在人才库中标为暂不可抽调");
      }
      if (role.equals("组长") && !entry.get().mayLead()) {
        problems.add(label + "：组长" + who + " 不在组长库中（人才库中未标“可任组长”）");
      }
      recusalProblems(problems, plan, team, label, role, who, entry.get());
    }
    exemptionProblems(problems, plan, team, label, roleOf.keySet(), people);
    return problems;
  }

  private static List<String[]> placed(Team team) {
    List<String[]> placed = new ArrayList<>();
    Optional.ofNullable(team.leader()).filter(leader -> !leader.isBlank()).ifPresent(leader -> placed.add(new String[] {"组长", leader}));
    team.deputies().forEach(deputy -> placed.add(new String[] {"副组长", deputy}));
    team.members().forEach(member -> placed.add(new String[] {"组员", member}));
    Optional.ofNullable(team.liaison()).ifPresent(liaison -> placed.add(new String[] {"联络员", liaison}));
    return placed;
  }

  private void recusalProblems(List<String> problems, RoundPlan plan, Team team, String label, String role, String who, Inspector person) {
    for (InspectedUnit unit : plan.unitsOf(team)) {
      LocalDate entry = plan.entryDateOf(unit);
      if (unit.name() == null || entry == null) {
        continue;
      }
      String unitName = unit.name().strip();
      List<String> reasons = recusal.reasons(person, unitName, entry);
      if (!reasons.isEmpty() && !exempted(team, person.account(), unitName)) {
        problems.add(label + "：" + role + who + " 须回避" + unitName + "（" + String.join("；", reasons)
            + "）；如经批准不予回避，请在“回避例外”中写明人员、单位和理由");
      }
    }
  }

  private static String notInPool(String person, TeamPeople people) {
    int sharing = people.named(person).size();
    return sharing > 1
        ? "「" + person + "」在人才库中有 " + sharing + " 人同名，请改填账号（"
            + String.join("、", people.named(person).stream().map(Inspector::account).toList()) + "）"
        : "「" + person + "」不在巡察工作人才库中，请先在人才库中添加";
  }

  private static boolean exempted(Team team, String person, String unit) {
    return team.exemptions().stream().anyMatch(e -> person.equals(e.person()) && unit.equals(e.unit()));
  }

  private static void exemptionProblems(List<String> problems, RoundPlan plan, Team team, String label, Set<String> members,
                                        TeamPeople people) {
    List<String> units = plan.unitsOf(team).stream().map(InspectedUnit::name).filter(name -> name != null).map(String::strip).toList();
    for (RoundPlan.Exemption exemption : team.exemptions()) {
      String field = label + "：回避例外「" + exemption.person() + "，" + exemption.unit() + "」";
      if (!members.contains(exemption.person())) {
        problems.add(field + "：" + (people.find(exemption.person()).isPresent() ? "此人不在本组" : "人员须为本组成员的账号或姓名"));
      }
      if (!units.contains(exemption.unit())) {
        problems.add(field + "：单位须为本组巡察的党组织，按方案中的名称填写");
      }
      RoundPlanValidator.text(problems, exemption.reason(), field + "：理由", 1000);
    }
  }
}

package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.calendar.Deadlines;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Step 2: each team records its temporary party branch and the officers it elected
 * (书记、副书记、组织委员、纪检委员, 方案 四(一)1). The officers are four different people of the team,
 * chosen by name from its accounts (leader, deputies, members, liaison) and stored as accounts; anyone
 * else is refused in Chinese.
 */
@Component("partyBranchRecord")
class PartyBranchTask extends FormTask {

  private static final Map<String, String> OFFICERS = Map.of(
      "secretary", "书记", "deputySecretary", "副书记", "organisationMember", "组织委员", "disciplineMember", "纪检委员");
  private static final List<String> OFFICER_ORDER = List.of("secretary", "deputySecretary", "organisationMember", "disciplineMember");

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  PartyBranchTask(RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    RoundPlan plan = rounds.plan((String) task.getVariable(RoundVariables.ROUND_KEY));
    Team team = team(plan, task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("teamName", team.name());
    values.put(TrainingTask.LAST_DAY, Deadlines.lastDay(task.getDueDate()).toString());
    values.put("teamPeople", FormValues.json(team.people().stream().map(person -> Map.of("label", team.nameOf(person), "value", person)).toList()));
    values.put("foundedOn", null);
    OFFICER_ORDER.forEach(officer -> values.put(officer, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    RoundPlan plan = rounds.plan((String) task.getVariable(RoundVariables.ROUND_KEY));
    Team team = team(plan, task);
    LocalDate founded = form.date("foundedOn", "成立日期");
    LocalDate lastDay = Deadlines.lastDay(task.getDueDate());
    if (founded != null) {
      form.requireThat(!founded.isAfter(lastDay), "成立日期：临时党支部最晚于 " + lastDay + " 成立（进驻日期 " + plan.entryDate() + "）");
    }
    List<String> people = team.people();
    Set<String> chosen = new HashSet<>();
    Map<String, String> officers = new LinkedHashMap<>();
    for (String officer : OFFICER_ORDER) {
      String label = OFFICERS.get(officer);
      String person = form.requiredText(officer, label, 100);
      if (person != null) {
        form.requireThat(people.contains(person), label + "：" + team.nameOf(person) + " 不是" + team.name() + "的成员，支委须从本组人员中选出");
        form.requireThat(chosen.add(person), label + "：" + team.nameOf(person) + " 已担任其他支委职务，四名支委须由不同的人担任");
      }
      officers.put(officer, person);
    }
    form.check();
    long teamId = jdbc.sql("select t.id from xc_team t join xc_round r on r.id = t.round_id where r.business_key = ? and t.team_no = ?")
        .params(task.getVariable(RoundVariables.ROUND_KEY), team.teamNo()).query(Long.class).single();
    jdbc.sql("delete from xc_party_branch where team_id = ?").param(teamId).update();
    jdbc.sql("""
            insert into xc_party_branch (team_id, founded_on, secretary, deputy_secretary, organisation_member,
                                         discipline_member, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(teamId, founded, officers.get("secretary"), officers.get("deputySecretary"),
            officers.get("organisationMember"), officers.get("disciplineMember"), Actors.of(task), Timestamp.from(clock.instant()))
        .update();
  }

  private static Team team(RoundPlan plan, DelegateTask task) {
    String teamGroup = (String) task.getVariable(RoundVariables.TEAM_GROUP);
    return plan.teams().stream()
        .filter(team -> team.groupId().equals(teamGroup)).findFirst().orElseThrow();
  }
}

package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 个别谈话登记 (办法 第十五条 个别谈话, 方案 四(三)): each talk the team plans and holds during the
 * stay — with whom (post and category; the name only where the team wants it), by whom (two
 * inspectors of the unit's team), planned and held dates, the summary and the leads it raised. The
 * 谈话情况报告 of step 7 is assembled from it ({@link #summary}, {@link #counts}) rather than typed anew.
 */
@Repository
public class TalkRegister {

  /** Whom the team talks to, as the 谈话情况报告 counts them. */
  static final List<String> CATEGORIES = List.of("班子成员", "中层干部", "村（社区）干部", "一般干部", "党员群众", "其他");

  private final JdbcClient jdbc;
  private final Clock clock;

  TalkRegister(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a talk from {@code fields} (post, category, name, inspector1, inspector2, plannedOn and,
   * for a talk already held, heldOn, summary, leads); returns its id. Refuses, storing nothing,
   * outside the stay, an unknown category, inspectors who are not two different members of the
   * unit's team, dates outside the stay (a held date also not after today), and a held talk without
   * its summary.
   */
  @Transactional
  long record(UnitRef unit, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    RegisterInput input = new RegisterInput(fields);
    String post = input.text("post", "谈话对象职务", 200, true);
    String category = input.text("category", "谈话对象类别", 20, true);
    String name = input.text("name", "谈话对象姓名", 100, false);
    String first = input.text("inspector1", "谈话人（一）", 100, true);
    String second = input.text("inspector2", "谈话人（二）", 100, true);
    LocalDate plannedOn = input.date("plannedOn", "计划谈话日期", true);
    input.requireThat(category == null || CATEGORIES.contains(category), "谈话对象类别：请从" + String.join("、", CATEGORIES) + "中选择");
    List<String> team = teamMembers(unit);
    for (String inspector : Stream.of(first, second).filter(java.util.Objects::nonNull).toList()) {
      input.requireThat(team.contains(inspector), "谈话人：“" + inspector + "”不是" + unit.team().name() + "的成员");
    }
    input.requireThat(first == null || !first.equals(second), "谈话人：个别谈话须由两名巡察组成员进行，两名谈话人不能是同一人");
    if (plannedOn != null && (plannedOn.isBefore(unit.round().entryDate()) || plannedOn.isAfter(unit.round().withdrawalDate()))) {
      input.problem("计划谈话日期：须在巡察进驻期间（" + unit.round().entryDate() + " 至 " + unit.round().withdrawalDate() + "）");
    }
    Held held = held(input, unit, today, fields.containsKey("heldOn") && !fields.get("heldOn").isBlank());
    input.check();
    var id = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            insert into xc_talk (unit_id, post, category, name, inspectors, planned_on, held_on, summary, leads, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(unit.unitId(), post, category, name, first + "、" + second, java.sql.Date.valueOf(plannedOn),
            held == null ? null : java.sql.Date.valueOf(held.on()), held == null ? null : held.summary(),
            held == null ? null : held.leads(), actor, Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
  }

  /**
   * Records that a planned talk of the unit was held, from {@code fields} (heldOn, summary, leads).
   * Refused, changing nothing, outside the stay, for a talk of another unit or one already held, and
   * for a held date outside the stay or after today or a missing summary.
   */
  @Transactional
  void hold(UnitRef unit, long talkId, Map<String, String> fields) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    Talk talk = list(unit).stream().filter(t -> t.id() == talkId).findFirst()
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + talkId + " 的谈话"));
    if (talk.heldOn() != null) {
      throw new InvalidInputException("这次谈话已于 " + talk.heldOn() + " 登记为已谈");
    }
    RegisterInput input = new RegisterInput(fields);
    Held held = held(input, unit, today, true);
    input.check();
    jdbc.sql("update xc_talk set held_on = ?, summary = ?, leads = ? where id = ? and unit_id = ?")
        .params(java.sql.Date.valueOf(held.on()), held.summary(), held.leads(), talkId, unit.unitId()).update();
  }

  private static Held held(RegisterInput input, UnitRef unit, LocalDate today, boolean wanted) {
    if (!wanted) {
      return null;
    }
    LocalDate on = input.date("heldOn", "谈话日期", true);
    String summary = input.text("summary", "谈话要点", 8000, true);
    String leads = input.text("leads", "反映的问题线索", 4000, false);
    input.withinStay(on, "谈话日期", unit.round(), today);
    return new Held(on, summary, leads);
  }

  /** The names of the unit's team: the only people who may conduct its talks. */
  static List<String> teamMembers(UnitRef unit) {
    return unit.team().namesOf(unit.team().people());
  }

  /** The unit's talks, planned and held, in date order. */
  public List<Talk> list(UnitRef unit) {
    return jdbc.sql("select * from xc_talk where unit_id = ? order by coalesce(held_on, planned_on), id").param(unit.unitId())
        .query(TalkRegister::talk).list();
  }

  /** Counts without content: planned, held, and held talks by category (only categories with talks). */
  public Counts counts(UnitRef unit) {
    List<Talk> talks = list(unit);
    List<Talk> held = talks.stream().filter(talk -> talk.heldOn() != null).toList();
    Map<String, Long> byCategory = new LinkedHashMap<>();
    CATEGORIES.forEach(category -> {
      long count = held.stream().filter(talk -> talk.category().equals(category)).count();
      if (count > 0) {
        byCategory.put(category, count);
      }
    });
    return new Counts(talks.size(), held.size(), byCategory, held.stream().filter(talk -> talk.leads() != null).count());
  }

  /** The numbers of the 谈话情况报告 in one sentence, without content: what the report document prints. */
  public String countsSentence(UnitRef unit) {
    Counts counts = counts(unit);
    if (counts.held() == 0) {
      return "个别谈话计划 " + counts.planned() + " 人次，尚未谈话。";
    }
    return "个别谈话计划 " + counts.planned() + " 人次，已谈 " + counts.held() + " 人次，其中"
        + String.join("、", counts.byCategory().entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " 人次").toList())
        + "；" + counts.withLeads() + " 人次反映了问题线索。";
  }

  /**
   * The 谈话情况报告 data assembled from the register for the team writing the report: the numbers
   * ({@link #countsSentence}) and each issue raised, with the post and date of the talk. Markdown
   * paragraphs, as the report form shows them.
   */
  public String summary(UnitRef unit) {
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add(countsSentence(unit));
    List<Talk> withLeads = list(unit).stream().filter(talk -> talk.heldOn() != null && talk.leads() != null).toList();
    if (withLeads.isEmpty()) {
      paragraphs.add("谈话中未反映问题线索。");
    } else {
      paragraphs.add("谈话中反映的问题：");
      for (int i = 0; i < withLeads.size(); i++) {
        Talk talk = withLeads.get(i);
        paragraphs.add((i + 1) + "\\. " + talk.leads() + "（" + talk.post() + "，" + talk.heldOn() + "）");
      }
    }
    return String.join("\n\n", paragraphs);
  }

  private static Talk talk(ResultSet rs, int row) throws SQLException {
    java.sql.Date held = rs.getDate("held_on");
    return new Talk(rs.getLong("id"), rs.getString("post"), rs.getString("category"), rs.getString("name"),
        rs.getString("inspectors"), rs.getDate("planned_on").toLocalDate(), held == null ? null : held.toLocalDate(),
        rs.getString("summary"), rs.getString("leads"), rs.getString("recorded_by"));
  }

  private record Held(LocalDate on, String summary, String leads) {
  }

  /** One talk as the team sees it; {@code heldOn} null while it is only planned, {@code name} null where not recorded. */
  public record Talk(long id, String post, String category, String name, String inspectors, LocalDate plannedOn, LocalDate heldOn,
                     String summary, String leads, String recordedBy) {
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long planned, long held, Map<String, Long> byCategory, long withLeads) {
  }
}

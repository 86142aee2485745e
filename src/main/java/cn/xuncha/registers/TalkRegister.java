package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.FormField;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private final RegisterEntries entries;

  TalkRegister(JdbcClient jdbc, RegisterEntries entries) {
    this.jdbc = jdbc;
    this.entries = entries;
  }

  /** A talk as the team records it, planned and, when already held, with what was said. */
  record TalkEntry(@FormField(value = "谈话对象职务", maxLength = 200) String post,
                   @FormField(value = "谈话对象类别", maxLength = 20) String category,
                   @FormField(value = "谈话对象姓名", maxLength = 100, required = false) String name,
                   @FormField(value = "谈话人（一）", maxLength = 100) String inspector1,
                   @FormField(value = "谈话人（二）", maxLength = 100) String inspector2,
                   @FormField("计划谈话日期") LocalDate plannedOn,
                   @FormField(value = "谈话日期", required = false) LocalDate heldOn,
                   @FormField(value = "谈话要点", maxLength = 8000, required = false) String summary,
                   @FormField(value = "反映的问题线索", maxLength = 4000, required = false) String leads) {
  }

  /** What was said at a talk held. */
  record Held(@FormField("谈话日期") LocalDate heldOn,
              @FormField(value = "谈话要点", maxLength = 8000) String summary,
              @FormField(value = "反映的问题线索", maxLength = 4000, required = false) String leads) {
  }

  /**
   * Records a talk from {@code fields} ({@link TalkEntry}); returns its id. Refuses, storing nothing,
   * outside the stay, an unknown category, inspectors who are not two different members of the
   * unit's team, dates outside the stay (a held date also not after today), and a held talk without
   * its summary.
   */
  @Transactional
  long record(UnitRef unit, Map<String, ?> fields, String actor) {
    TalkEntry talk = entries.read(unit, fields, TalkEntry.class, (entry, form, today) -> {
      form.requireThat(entry.category() == null || CATEGORIES.contains(entry.category()),
          "谈话对象类别：请从" + String.join("、", CATEGORIES) + "中选择");
      List<String> team = teamMembers(unit);
      for (String inspector : Stream.of(entry.inspector1(), entry.inspector2()).filter(java.util.Objects::nonNull).toList()) {
        form.requireThat(team.contains(inspector), "谈话人：“" + inspector + "”不是" + unit.team().name() + "的成员");
      }
      form.requireThat(entry.inspector1() == null || !entry.inspector1().equals(entry.inspector2()),
          "谈话人：个别谈话须由两名巡察组成员进行，两名谈话人不能是同一人");
      Stay.within(form, entry.plannedOn(), "计划谈话日期", unit.round(), null);
      Stay.within(form, entry.heldOn(), "谈话日期", unit.round(), today);
      form.requireThat(entry.heldOn() == null || entry.summary() != null, "谈话要点：不能为空");
    });
    boolean held = talk.heldOn() != null;
    return entries.insert("xc_talk", unit, actor, RegisterEntries.columns("post", talk.post(), "category", talk.category(),
        "name", talk.name(), "inspectors", talk.inspector1() + "、" + talk.inspector2(), "planned_on", talk.plannedOn(),
        "held_on", talk.heldOn(), "summary", held ? talk.summary() : null, "leads", held ? talk.leads() : null));
  }

  /**
   * Records that a planned talk of the unit was held, from {@code fields} ({@link Held}). Refused,
   * changing nothing, outside the stay, for a talk of another unit or one already held, and for a
   * held date outside the stay or after today or a missing summary.
   */
  @Transactional
  void hold(UnitRef unit, long talkId, Map<String, ?> fields) {
    Talk talk = list(unit).stream().filter(t -> t.id() == talkId).findFirst()
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + talkId + " 的谈话"));
    if (talk.heldOn() != null) {
      throw new InvalidInputException("这次谈话已于 " + talk.heldOn() + " 登记为已谈");
    }
    Held held = entries.read(unit, fields, Held.class, (entry, form, today) -> Stay.within(form, entry.heldOn(), "谈话日期", unit.round(), today));
    jdbc.sql("update xc_talk set held_on = ?, summary = ?, leads = ? where id = ? and unit_id = ?")
        .params(RegisterEntries.sql(held.heldOn()), held.summary(), held.leads(), talkId, unit.unitId()).update();
    entries.changed(unit);
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
    return counts(list(unit));
  }

  /** {@link #counts(UnitRef)} of every unit of the round, by unit id (units without talks are missing), in one statement. */
  public Map<Long, Counts> countsByUnit(long roundId) {
    Map<Long, Counts> counts = new java.util.HashMap<>();
    RoundRows.byUnit(jdbc, "xc_talk", "coalesce(held_on, planned_on), id", roundId, TalkRegister::talk)
        .forEach((unit, talks) -> counts.put(unit, counts(talks)));
    return counts;
  }

  private static Counts counts(List<Talk> talks) {
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

  /** One talk as the team sees it; {@code heldOn} null while it is only planned, {@code name} null where not recorded. */
  public record Talk(long id, String post, String category, String name, String inspectors, LocalDate plannedOn, LocalDate heldOn,
                     String summary, String leads, String recordedBy) {
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long planned, long held, Map<String, Long> byCategory, long withLeads) {
  }
}

package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.FormField;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 民主测评 and 座谈会 (办法 第十五条): the results of each assessment, per subject (the leading body
 * or one leader, by post) in the four grades 好、较好、一般、差 of the county's assessment form, and
 * the meetings the team held with cadres and the public — who, when, on what.
 */
@Repository
public class AssessmentRegister {

  private final JdbcClient jdbc;
  private final RegisterEntries entries;

  AssessmentRegister(JdbcClient jdbc, RegisterEntries entries) {
    this.jdbc = jdbc;
    this.entries = entries;
  }

  /** One subject's results of an assessment as the team records them. */
  record AssessmentEntry(@FormField("测评日期") LocalDate heldOn,
                         @FormField(value = "测评对象", maxLength = 200) String subject,
                         @FormField("参评人数") Integer participants,
                         @FormField("“好”票数") Integer good,
                         @FormField("“较好”票数") Integer fairlyGood,
                         @FormField("“一般”票数") Integer fair,
                         @FormField("“差”票数") Integer poor) {
  }

  /** A 座谈会 as the team records it. */
  record ForumEntry(@FormField("座谈日期") LocalDate heldOn,
                    @FormField(value = "参加人员", maxLength = 2000) String participants,
                    @FormField(value = "座谈主题", maxLength = 500) String topic,
                    @FormField(value = "座谈情况", maxLength = 8000, required = false) String summary) {
  }

  /**
   * Records one subject's results from {@code fields} ({@link AssessmentEntry}); returns its id.
   * Refuses, storing nothing, outside the stay, a date outside the stay or after today, numbers that
   * are not whole numbers of zero or more, no participants, and grades adding up to more than the
   * participants.
   */
  @Transactional
  long recordAssessment(UnitRef unit, Map<String, ?> fields, String actor) {
    AssessmentEntry a = entries.read(unit, fields, AssessmentEntry.class, (entry, form, today) -> {
      Stay.within(form, entry.heldOn(), "测评日期", unit.round(), today);
      form.requireThat(entry.participants() == null || entry.participants() > 0, "参评人数：须大于 0");
      if (Stream.of(entry.participants(), entry.good(), entry.fairlyGood(), entry.fair(), entry.poor()).allMatch(Objects::nonNull)) {
        int votes = entry.good() + entry.fairlyGood() + entry.fair() + entry.poor();
        form.requireThat(votes <= entry.participants(), "票数：好、较好、一般、差合计 " + votes + " 票，多于参评人数 " + entry.participants());
      }
    });
    return entries.insert("xc_assessment", unit, actor, RegisterEntries.columns("held_on", a.heldOn(), "subject", a.subject(),
        "participants", a.participants(), "good", a.good(), "fairly_good", a.fairlyGood(), "fair", a.fair(), "poor", a.poor()));
  }

  /**
   * Records a 座谈会 from {@code fields} ({@link ForumEntry}); returns its id. Refuses, storing
   * nothing, outside the stay, a date outside the stay or after today, and missing or overlong texts.
   */
  @Transactional
  long recordForum(UnitRef unit, Map<String, ?> fields, String actor) {
    ForumEntry forum = entries.read(unit, fields, ForumEntry.class,
        (entry, form, today) -> Stay.within(form, entry.heldOn(), "座谈日期", unit.round(), today));
    return entries.insert("xc_forum", unit, actor, RegisterEntries.columns("held_on", forum.heldOn(), "participants", forum.participants(),
        "topic", forum.topic(), "summary", forum.summary()));
  }

  public List<Assessment> assessments(UnitRef unit) {
    return jdbc.sql("select * from xc_assessment where unit_id = ? order by held_on, id").param(unit.unitId())
        .query((rs, row) -> new Assessment(rs.getLong("id"), rs.getDate("held_on").toLocalDate(), rs.getString("subject"),
            rs.getInt("participants"), rs.getInt("good"), rs.getInt("fairly_good"), rs.getInt("fair"), rs.getInt("poor")))
        .list();
  }

  public List<Forum> forums(UnitRef unit) {
    return jdbc.sql("select * from xc_forum where unit_id = ? order by held_on, id").param(unit.unitId())
        .query((rs, row) -> new Forum(rs.getLong("id"), rs.getDate("held_on").toLocalDate(), rs.getString("participants"),
            rs.getString("topic"), rs.getString("summary")))
        .list();
  }

  /** Counts without content: assessment sessions (distinct days), subjects assessed, forums held. */
  public Counts counts(UnitRef unit) {
    List<Assessment> assessments = assessments(unit);
    return new Counts(assessments.stream().map(Assessment::heldOn).distinct().count(), assessments.size(), forums(unit).size());
  }

  /** One subject's results: votes per grade; {@link #goodRate()} is the share of 好 and 较好 among participants, in percent. */
  public record Assessment(long id, LocalDate heldOn, String subject, int participants, int good, int fairlyGood, int fair, int poor) {

    public String goodRate() {
      return String.format("%.1f%%", 100.0 * (good + fairlyGood) / participants);
    }
  }

  public record Forum(long id, LocalDate heldOn, String participants, String topic, String summary) {
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long sessions, long subjects, long forums) {
  }
}

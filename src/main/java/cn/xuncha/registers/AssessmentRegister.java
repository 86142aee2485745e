package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 民主测评 and 座谈会 (办法 第十五条): the results of each assessment, per subject (the leading body
 * or one leader, by post) in the four grades 好、较好、一般、差 of the county's assessment form, and
 * the meetings the team held with cadres and the public — who, when, on what.
 */
@Repository
public class AssessmentRegister {

  private static final int MAX_PARTICIPANTS = 100_000;

  private final JdbcClient jdbc;
  private final Clock clock;

  AssessmentRegister(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records one subject's results from {@code fields} (heldOn, subject, participants, good,
   * fairlyGood, fair, poor: whole numbers); returns its id. Refuses, storing nothing, outside the
   * stay, a date outside the stay or after today, numbers that are not whole numbers of zero or more,
   * no participants, and grades adding up to more than the participants.
   */
  @Transactional
  long recordAssessment(UnitRef unit, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    RegisterInput input = new RegisterInput(fields);
    LocalDate heldOn = input.date("heldOn", "测评日期", true);
    String subject = input.text("subject", "测评对象", 200, true);
    Integer participants = count(input, "participants", "参评人数");
    Integer good = count(input, "good", "“好”票数");
    Integer fairlyGood = count(input, "fairlyGood", "“较好”票数");
    Integer fair = count(input, "fair", "“一般”票数");
    Integer poor = count(input, "poor", "“差”票数");
    input.withinStay(heldOn, "测评日期", unit.round(), today);
    input.requireThat(participants == null || participants > 0, "参评人数：须大于 0");
    if (participants != null && good != null && fairlyGood != null && fair != null && poor != null) {
      input.requireThat(good + fairlyGood + fair + poor <= participants, "票数：好、较好、一般、差合计 " + (good + fairlyGood + fair + poor)
          + " 票，多于参评人数 " + participants);
    }
    input.check();
    var id = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into xc_assessment (unit_id, held_on, subject, participants, good, fairly_good, fair, poor, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(unit.unitId(), java.sql.Date.valueOf(heldOn), subject, participants, good, fairlyGood, fair, poor, actor,
            Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
  }

  /**
   * Records a 座谈会 from {@code fields} (heldOn, participants, topic, summary); returns its id.
   * Refuses, storing nothing, outside the stay, a date outside the stay or after today, and missing
   * or overlong texts.
   */
  @Transactional
  long recordForum(UnitRef unit, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    RegisterInput input = new RegisterInput(fields);
    LocalDate heldOn = input.date("heldOn", "座谈日期", true);
    String participants = input.text("participants", "参加人员", 2000, true);
    String topic = input.text("topic", "座谈主题", 500, true);
    String summary = input.text("summary", "座谈情况", 8000, false);
    input.withinStay(heldOn, "座谈日期", unit.round(), today);
    input.check();
    var id = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into xc_forum (unit_id, held_on, participants, topic, summary, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(unit.unitId(), java.sql.Date.valueOf(heldOn), participants, topic, summary, actor, Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
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

  private static Integer count(RegisterInput input, String name, String label) {
    String value = input.text(name, label, 6, true);
    if (value == null) {
      return null;
    }
    if (!value.matches("\\d{1,6}") || Integer.parseInt(value) > MAX_PARTICIPANTS) {
      input.problem(label + "：“" + value + "”不是 0 或正整数");
      return null;
    }
    return Integer.valueOf(value);
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

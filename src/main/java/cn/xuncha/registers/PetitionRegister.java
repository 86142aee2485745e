package cn.xuncha.registers;

import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.Departments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 信访件登记 (办法 第十五条 受理信访, 方案 四(三)): each petition the team receives during the stay,
 * by one of the channels the unit's announcement published or in person (来访), with its 分办 by the
 * team — kept as a lead of the team, transferred to a department (县纪委监委, 县委信访局 … the
 * {@code dept-*} groups) with the day its reply is due, or filed with a reason. A petition received
 * after the announcement's closing day (and time, Beijing time, when one was set) is marked late and
 * still recorded. The transfer is a row of this register with its reply due; it does not start the
 * clue-transfer process of step 8.
 */
@Repository
public class PetitionRegister {

  /** Received in person, beside the announced channels. */
  static final String VISIT = "来访";
  /** 分办 outcomes, in the order the summary counts them; PENDING until the team decides. */
  static final Map<String, String> OUTCOMES = outcomes();

  private final JdbcClient jdbc;
  private final UnitRecords records;
  private final Departments departments;
  private final Clock clock;

  PetitionRegister(JdbcClient jdbc, UnitRecords records, Departments departments, Clock clock) {
    this.jdbc = jdbc;
    this.records = records;
    this.departments = departments;
    this.clock = clock;
  }

  private static Map<String, String> outcomes() {
    Map<String, String> outcomes = new LinkedHashMap<>();
    outcomes.put("PENDING", "待分办");
    outcomes.put("KEEP", "留作巡察组线索");
    outcomes.put("TRANSFER", "移交有关部门");
    outcomes.put("FILE", "存档");
    return java.util.Collections.unmodifiableMap(outcomes);
  }

  /**
   * The channels a petition may come by: each announced channel as “电话：12388” and {@value #VISIT}.
   */
  List<String> channels(UnitRef unit) {
    List<String> channels = new ArrayList<>(announcement(unit).map(Announcement::channels).orElse(List.of()).stream()
        .map(PetitionRegister::channelLabel).toList());
    channels.add(VISIT);
    return channels;
  }

  /**
   * Records a petition from {@code fields} (channel, receivedOn, receivedAt, petitioner,
   * petitionerContact, content, village); returns its id. Refuses, storing nothing, outside the
   * stay, a channel the unit did not announce, a date outside the stay or after today, a village
   * not of the unit, and missing or overlong texts.
   */
  @Transactional
  long record(UnitRef unit, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    RegisterInput input = new RegisterInput(fields);
    String channel = input.text("channel", "受理渠道", 220, true);
    LocalDate receivedOn = input.date("receivedOn", "受理日期", true);
    LocalTime receivedAt = input.time("receivedAt", "受理时间");
    String petitioner = input.text("petitioner", "信访人", 100, false);
    String contact = input.text("petitionerContact", "信访人联系方式", 200, false);
    String content = input.text("content", "反映内容", 8000, true);
    String village = input.text("village", "涉及村（社区）", 200, false);
    input.withinStay(receivedOn, "受理日期", unit.round(), today);
    if (channel != null && !channels(unit).contains(channel)) {
      input.problem("受理渠道：“" + channel + "”不是本单位巡察公告公布的渠道，可选：" + String.join("、", channels(unit)));
    }
    input.requireThat(village == null || unit.unit().villages().contains(village),
        "涉及村（社区）：“" + village + "”不是" + unit.unit().name() + "的村（社区）");
    input.check();
    KeyHolder id = new GeneratedKeyHolder();
    String kind = channel.equals(VISIT) ? VISIT : channel.substring(0, channel.indexOf('：'));
    String channelContact = channel.equals(VISIT) ? null : channel.substring(channel.indexOf('：') + 1);
    jdbc.sql("""
            insert into xc_petition (unit_id, channel_kind, channel_contact, received_on, received_at, late, petitioner,
              petitioner_contact, content, village, outcome, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
        .params(unit.unitId(), kind, channelContact, java.sql.Date.valueOf(receivedOn),
            receivedAt == null ? null : java.sql.Time.valueOf(receivedAt), late(unit, receivedOn, receivedAt), petitioner, contact,
            content, village, actor, Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
  }

  /**
   * 分办 of a petition of the unit from {@code fields}: {@code outcome} KEEP, TRANSFER (with a
   * {@code department} among the {@code dept-*} groups and a {@code replyDue} after the day received)
   * or FILE (with a {@code reason}). Refused, changing nothing, outside the stay, for a petition of
   * another unit, or with the details the outcome needs missing. A later 分办 replaces an earlier one.
   */
  @Transactional
  void distribute(UnitRef unit, long petitionId, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    Petition petition = find(unit, petitionId)
        .orElseThrow(() -> new cn.xuncha.system.InvalidInputException("本单位没有编号为 " + petitionId + " 的信访件"));
    RegisterInput input = new RegisterInput(fields);
    String outcome = input.text("outcome", "分办结果", 10, true);
    String department = input.text("department", "移交部门", 64, false);
    LocalDate replyDue = input.date("replyDue", "回复期限", false);
    String reason = input.text("reason", "存档理由", 2000, false);
    input.requireThat(outcome == null || (OUTCOMES.containsKey(outcome) && !"PENDING".equals(outcome)),
        "分办结果：请选择留作巡察组线索、移交有关部门或存档");
    if ("TRANSFER".equals(outcome)) {
      input.requireThat(department != null && departments.exists(department), "移交部门：请选择县纪委监委、县委信访局等有关部门");
      input.requireThat(replyDue != null, "回复期限：移交有关部门须写明回复期限");
      input.requireThat(replyDue == null || replyDue.isAfter(petition.receivedOn()), "回复期限：须晚于受理日期 " + petition.receivedOn());
    }
    if ("FILE".equals(outcome)) {
      input.requireThat(reason != null, "存档理由：存档须写明理由");
    }
    input.check();
    boolean transfer = "TRANSFER".equals(outcome);
    jdbc.sql("""
            update xc_petition set outcome = ?, department = ?, reply_due = ?, filing_reason = ?, distributed_by = ?, distributed_at = ?
            where id = ? and unit_id = ?""")
        .params(outcome, transfer ? department : null, transfer ? java.sql.Date.valueOf(replyDue) : null,
            "FILE".equals(outcome) ? reason : null, actor, Timestamp.from(clock.instant()), petitionId, unit.unitId())
        .update();
  }

  /** The unit's petitions in the order received (the team's view: petitioners included). */
  public List<Petition> list(UnitRef unit) {
    return jdbc.sql("select * from xc_petition where unit_id = ? order by received_on, received_at, id").param(unit.unitId())
        .query(this::petition).list();
  }

  private Optional<Petition> find(UnitRef unit, long petitionId) {
    return jdbc.sql("select * from xc_petition where unit_id = ? and id = ?").params(unit.unitId(), petitionId)
        .query(this::petition).optional();
  }

  /**
   * The counts the office may see and the report prints: petitions by channel kind (in the order of
   * {@link PetitionChannel#KINDS}, then 来访; only kinds with petitions), by 分办 outcome, and late.
   */
  public Counts counts(UnitRef unit) {
    List<Petition> petitions = list(unit);
    List<String> order = new ArrayList<>(PetitionChannel.KINDS.keySet());
    order.add(VISIT);
    Map<String, Long> byChannel = new LinkedHashMap<>();
    order.forEach(kind -> {
      long count = petitions.stream().filter(p -> p.channelKind().equals(kind)).count();
      if (count > 0) {
        byChannel.put(kind, count);
      }
    });
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    OUTCOMES.forEach((outcome, label) -> byOutcome.put(label, petitions.stream().filter(p -> p.outcome().equals(outcome)).count()));
    return new Counts(petitions.size(), byChannel, byOutcome, petitions.stream().filter(Petition::late).count());
  }

  /** The counts as one sentence of the report: “巡察期间受理信访 3 件，其中电话 1 件……”. */
  public String summary(UnitRef unit) {
    Counts counts = counts(unit);
    if (counts.total() == 0) {
      return "巡察期间未受理信访件。";
    }
    return "巡察期间受理信访 " + counts.total() + " 件，其中" + joined(counts.byChannel()) + "；逾期受理 " + counts.late()
        + " 件（照常登记）；分办情况：" + joined(counts.byOutcome()) + "。";
  }

  static String joined(Map<String, Long> counts) {
    return String.join("、", counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " 件").toList());
  }

  /** Late when received after the closing day, or on it after the closing time (Beijing time) where both are known. */
  private boolean late(UnitRef unit, LocalDate receivedOn, LocalTime receivedAt) {
    return announcement(unit).map(a -> receivedOn.isAfter(a.petitionsCloseOn())
        || (receivedOn.equals(a.petitionsCloseOn()) && a.petitionsCloseAt() != null && receivedAt != null
            && receivedAt.isAfter(a.petitionsCloseAt()))).orElse(false);
  }

  private Optional<Announcement> announcement(UnitRef unit) {
    return records.find(unit.unitId(), Announcement.class);
  }

  private static String channelLabel(PetitionChannel channel) {
    return channel.kind() + "：" + channel.contact();
  }

  private Petition petition(ResultSet rs, int row) throws SQLException {
    java.sql.Time at = rs.getTime("received_at");
    java.sql.Date due = rs.getDate("reply_due");
    String department = rs.getString("department");
    return new Petition(rs.getLong("id"), rs.getString("channel_kind"), rs.getString("channel_contact"),
        rs.getDate("received_on").toLocalDate(), at == null ? null : at.toLocalTime(), rs.getBoolean("late"),
        rs.getString("petitioner"), rs.getString("petitioner_contact"), rs.getString("content"), rs.getString("village"),
        rs.getString("outcome"), department, department == null ? null : departments.name(department).orElse(department),
        due == null ? null : due.toLocalDate(), rs.getString("filing_reason"), rs.getString("recorded_by"));
  }

  /** One petition as the team sees it; {@code petitioner} null for an anonymous one. */
  public record Petition(long id, String channelKind, String channelContact, LocalDate receivedOn, LocalTime receivedAt,
                         boolean late, String petitioner, String petitionerContact, String content, String village,
                         String outcome, String department, String departmentName, LocalDate replyDue, String filingReason,
                         String recordedBy) {

    public String channel() {
      return channelContact == null ? channelKind : channelKind + "：" + channelContact;
    }

    public String outcomeLabel() {
      return OUTCOMES.get(outcome);
    }
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long total, Map<String, Long> byChannel, Map<String, Long> byOutcome, long late) {
  }
}

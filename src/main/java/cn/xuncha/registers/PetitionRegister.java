package cn.xuncha.registers;

import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Departments;
import cn.xuncha.system.FormField;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.Markdown;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 信访件登记 (办法 第十五条 受理信访, 方案 四(三)): each petition the team receives during the stay,
 * by one of the channels the unit's announcement published or in person (来访), with its 分办 by the
 * team — kept as a lead of the team, transferred to a department (县纪委监委, 县委信访局 … the
 * {@code dept-*} groups) with the day its reply is due, or filed with a reason. A petition received
 * after the announcement's closing day (and time, Beijing time, when one was set) is marked late and
 * still recorded. A transfer starts the department's handling (process {@code petition-transfer})
 * and the department's reply is recorded back on the petition.
 */
@Repository
public class PetitionRegister {

  /** Received in person, beside the announced channels. */
  static final String VISIT = "来访";
  /** 分办 outcomes, in the order the summary counts them; PENDING until the team decides. */
  static final Map<String, String> OUTCOMES = outcomes();
  /** The department's handling of a transferred petition. */
  static final String PROCESS = "petition-transfer";
  static final String KIND = "petition";
  static final String PETITION_ID = "petitionId";
  static final String DEPARTMENT = "department";
  static final String REPLY_DUE = "replyDue";

  private final JdbcClient jdbc;
  private final RegisterEntries entries;
  private final UnitRecords records;
  private final Departments departments;
  private final RegisterProcesses processes;

  PetitionRegister(JdbcClient jdbc, RegisterEntries entries, UnitRecords records, Departments departments,
      RegisterProcesses processes) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.records = records;
    this.departments = departments;
    this.processes = processes;
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

  /** A petition as the team records it (the fields of the page's form and of the JSON API). */
  record PetitionEntry(@FormField(value = "受理渠道", maxLength = 220) String channel,
                       @FormField("受理日期") LocalDate receivedOn,
                       @FormField(value = "受理时间", required = false) LocalTime receivedAt,
                       @FormField(value = "信访人", maxLength = 100, required = false) String petitioner,
                       @FormField(value = "信访人联系方式", maxLength = 200, required = false) String petitionerContact,
                       @FormField(value = "反映内容", maxLength = 8000) String content,
                       @FormField(value = "涉及村（社区）", maxLength = 200, required = false) String village) {
  }

  /** The team's 分办 of a petition: the outcome and what it needs. */
  record Distribution(@FormField(value = "分办结果", maxLength = 10) String outcome,
                      @FormField(value = "移交部门", maxLength = 64, required = false) String department,
                      @FormField(value = "回复期限", required = false) LocalDate replyDue,
                      @FormField(value = "存档理由", maxLength = 2000, required = false) String reason) {
  }

  /**
   * Records a petition from {@code fields} ({@link PetitionEntry}); returns its id. Refuses, storing
   * nothing, outside the stay, a channel the unit did not announce, a date outside the stay or after
   * today, a village not of the unit, and missing or overlong texts.
   */
  @Transactional
  long record(UnitRef unit, Map<String, ?> fields, String actor) {
    List<String> channels = channels(unit);
    PetitionEntry entry = entries.read(unit, fields, PetitionEntry.class, (petition, form, today) -> {
      Stay.within(form, petition.receivedOn(), "受理日期", unit.round(), today);
      form.requireThat(petition.channel() == null || channels.contains(petition.channel()),
          "受理渠道：“" + petition.channel() + "”不是本单位巡察公告公布的渠道，可选：" + String.join("、", channels));
      form.requireThat(petition.village() == null || unit.unit().villages().contains(petition.village()),
          "涉及村（社区）：“" + petition.village() + "”不是" + unit.unit().name() + "的村（社区）");
    });
    String channel = entry.channel();
    boolean visit = channel.equals(VISIT);
    return entries.insert("xc_petition", unit, actor, RegisterEntries.columns(
        "channel_kind", visit ? VISIT : channel.substring(0, channel.indexOf('：')),
        "channel_contact", visit ? null : channel.substring(channel.indexOf('：') + 1),
        "received_on", entry.receivedOn(), "received_at", entry.receivedAt(),
        "late", late(unit, entry.receivedOn(), entry.receivedAt()), "petitioner", entry.petitioner(),
        "petitioner_contact", entry.petitionerContact(), "content", entry.content(), "village", entry.village(), "outcome", "PENDING"));
  }

  /**
   * 分办 of a petition of the unit from {@code fields} ({@link Distribution}): {@code outcome} KEEP,
   * TRANSFER (with a {@code department} among the {@code dept-*} groups and a {@code replyDue} after
   * the day received) or FILE (with a {@code reason}). A transfer starts the department's handling
   * (process {@value #PROCESS}): the department gets a task due at the end of the reply day
   * (deadline {@code petition-reply} of the deadline table, so reminded before it and escalated to
   * the office after it), and its reply comes back to this register ({@link #reply}). Refused,
   * changing nothing, outside the stay, for a petition of another unit, with the details the
   * outcome needs missing, and for a petition already transferred (a transfer cannot be taken back
   * silently). A later 分办 of a petition not transferred replaces an earlier one.
   */
  @Transactional
  void distribute(UnitRef unit, long petitionId, Map<String, ?> fields, String actor) {
    Petition petition = find(unit, petitionId)
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + petitionId + " 的信访件"));
    Distribution distribution = entries.read(unit, fields, Distribution.class, (d, form, today) -> {
      form.requireThat(!"TRANSFER".equals(petition.outcome()), "这件信访件已移交" + petition.departmentName() + "，不能再分办");
      form.requireThat(d.outcome() == null || (OUTCOMES.containsKey(d.outcome()) && !"PENDING".equals(d.outcome())),
          "分办结果：请选择留作巡察组线索、移交有关部门或存档");
      if ("TRANSFER".equals(d.outcome())) {
        form.requireThat(d.department() != null && departments.exists(d.department()), "移交部门：请选择县纪委监委、县委信访局等有关部门");
        form.requireThat(d.replyDue() != null, "回复期限：移交有关部门须写明回复期限");
        form.requireThat(d.replyDue() == null || d.replyDue().isAfter(today), "回复期限：须晚于今天（" + today + "）");
      }
      form.requireThat(!"FILE".equals(d.outcome()) || d.reason() != null, "存档理由：存档须写明理由");
    });
    boolean transfer = "TRANSFER".equals(distribution.outcome());
    jdbc.sql("""
            update xc_petition set outcome = ?, department = ?, reply_due = ?, filing_reason = ?, distributed_by = ?, distributed_at = ?
            where id = ? and unit_id = ?""")
        .params(distribution.outcome(), transfer ? distribution.department() : null,
            transfer ? RegisterEntries.sql(distribution.replyDue()) : null,
            "FILE".equals(distribution.outcome()) ? distribution.reason() : null, actor, entries.now(), petitionId, unit.unitId())
        .update();
    if (transfer) {
      processes.start(PROCESS, unit, KIND, PETITION_ID, petitionId,
          Map.of(DEPARTMENT, distribution.department(), REPLY_DUE, distribution.replyDue()));
    }
  }

  /** The department's written reply to a transferred petition, from its task ({@link RegisterTasks#petitionReply}). */
  record Reply(@FormField(value = "办理情况书面回复", maxLength = 8000) String reply) {
  }

  /** Records the department's reply on the petition; refuses an empty or overlong reply, changing nothing. */
  @Transactional
  void reply(long petitionId, FormSubmission form, String actor) {
    Reply reply = form.read(Reply.class);
    form.check();
    jdbc.sql("update xc_petition set reply = ?, replied_by = ?, replied_at = ? where id = ?")
        .params(reply.reply(), actor, entries.now(), petitionId).update();
  }

  /**
   * What the receiving department sees of a petition, whatever its unit (its task names it): the
   * unit and village, when and by which kind of channel it came, what it is about — never who sent it.
   */
  String forDepartment(long petitionId) {
    Petition petition = jdbc.sql("select * from xc_petition where id = ?").param(petitionId).query(this::petition).single();
    String unit = jdbc.sql("select name from xc_unit u join xc_petition p on p.unit_id = u.id where p.id = ?").param(petitionId)
        .query(String.class).single();
    return "**" + Markdown.escape(unit) + (petition.village() == null ? "" : "·" + Markdown.escape(petition.village())) + "**　"
        + petition.receivedOn() + " 经" + petition.channelKind() + "受理\n\n" + Markdown.escape(petition.content());
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
    return counts(list(unit));
  }

  /** {@link #counts(UnitRef)} of every unit of the round, by unit id (units without petitions are missing), in one statement. */
  public Map<Long, Counts> countsByUnit(long roundId) {
    Map<Long, Counts> counts = new java.util.HashMap<>();
    RoundRows.byUnit(jdbc, "xc_petition", "received_on, received_at, id", roundId, (rs, row) -> petition(rs, false))
        .forEach((unit, petitions) -> counts.put(unit, counts(petitions)));
    return counts;
  }

  private static Counts counts(List<Petition> petitions) {
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
    return petition(rs, true);
  }

  /** A petition row; {@code named}: with its department's name (a look-up), which counts do not need. */
  private Petition petition(ResultSet rs, boolean named) throws SQLException {
    java.sql.Time at = rs.getTime("received_at");
    java.sql.Date due = rs.getDate("reply_due");
    String department = rs.getString("department");
    return new Petition(rs.getLong("id"), rs.getString("channel_kind"), rs.getString("channel_contact"),
        rs.getDate("received_on").toLocalDate(), at == null ? null : at.toLocalTime(), rs.getBoolean("late"),
        rs.getString("petitioner"), rs.getString("petitioner_contact"), rs.getString("content"), rs.getString("village"),
        rs.getString("outcome"), department, department == null || !named ? null : departments.name(department).orElse(department),
        due == null ? null : due.toLocalDate(), rs.getString("filing_reason"), rs.getString("reply"), rs.getString("recorded_by"));
  }

  /**
   * One petition as the team sees it; {@code petitioner} null for an anonymous one, {@code reply} the
   * department's written reply to a transferred one (null until it replies).
   */
  public record Petition(long id, String channelKind, String channelContact, LocalDate receivedOn, LocalTime receivedAt,
                         boolean late, String petitioner, String petitionerContact, String content, String village,
                         String outcome, String department, String departmentName, LocalDate replyDue, String filingReason,
                         String reply, String recordedBy) {

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

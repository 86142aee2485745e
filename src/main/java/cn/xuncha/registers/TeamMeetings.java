package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.FormField;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 组务会 and 立行立改 (方案 四(一)2): the team's daily meeting records who met and what it decided —
 * leads to pursue, matters to report to the leading group — and each 立行立改 demand it makes of the
 * unit. A demand is the unit's task (process {@code immediate-rectification}) due at the end of the
 * day the team set (deadline {@code immediate-rectification}: reminded the working day before,
 * escalated to the office after); the unit answers with its action and evidence, the team verifies
 * it or sends it back, and a verified demand appears in the unit's rectification ledger as already
 * rectified (立行立改). The unit sees the demands addressed to it in its tasks, nothing else of the
 * meeting.
 */
@Repository
public class TeamMeetings {

  static final String PROCESS = "immediate-rectification";
  static final String KIND = "demand";
  static final String DEMAND_ID = "demandId";
  static final String RECTIFY_BY = "rectifyBy";
  /** A demand's states: sent to the unit, answered by it, verified by the team. */
  static final Map<String, String> STATES = Map.of("DEMANDED", "待整改", "REPORTED", "待核验", "VERIFIED", "已立行立改");

  private final JdbcClient jdbc;
  private final RegisterEntries entries;
  private final RegisterProcesses processes;
  private final RoundUnits units;
  private final Clock clock;

  TeamMeetings(JdbcClient jdbc, RegisterEntries entries, RegisterProcesses processes, RoundUnits units, Clock clock) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.processes = processes;
    this.units = units;
    this.clock = clock;
  }

  /** A 组务会 as the team records it. */
  record MeetingEntry(@FormField("会议日期") LocalDate heldOn,
                      @FormField(value = "参会人员", maxLength = 2000) String attendees,
                      @FormField(value = "决定追查的线索", maxLength = 8000, required = false) String leads,
                      @FormField(value = "向领导小组报告的事项", maxLength = 8000, required = false) String toReport) {
  }

  /** A 立行立改 demand a meeting makes of the unit. */
  record DemandEntry(@FormField(value = "存在的问题", maxLength = 2000) String problem,
                     @FormField(value = "立行立改要求", maxLength = 2000) String demand,
                     @FormField("整改时限") LocalDate rectifyBy) {
  }

  /** What the unit did, as it answers a demand. */
  record Answer(@FormField(value = "整改情况", maxLength = 4000) String action,
                @FormField(value = "佐证材料", maxLength = 4000) String evidence) {
  }

  /**
   * Records a 组务会 from {@code fields} ({@link MeetingEntry}); returns its id. Refuses, storing
   * nothing, outside the stay, a date outside the stay or after today, and missing or overlong texts.
   */
  @Transactional
  long record(UnitRef unit, Map<String, ?> fields, String actor) {
    MeetingEntry meeting = entries.read(unit, fields, MeetingEntry.class,
        (entry, form, today) -> Stay.within(form, entry.heldOn(), "会议日期", unit.round(), today));
    return entries.insert("xc_team_meeting", unit, actor, RegisterEntries.columns("held_on", meeting.heldOn(),
        "attendees", meeting.attendees(), "leads", meeting.leads(), "to_report", meeting.toReport()));
  }

  /**
   * Records a 立行立改 demand of the meeting {@code meetingId} from {@code fields} ({@link DemandEntry})
   * and sends it to the unit as its task; returns the demand's id. Refuses, storing nothing, outside
   * the stay, a meeting of another unit, and a time limit before the meeting or before today.
   */
  @Transactional
  long demand(UnitRef unit, long meetingId, Map<String, ?> fields, String actor) {
    Meeting meeting = meetings(unit).stream().filter(m -> m.id() == meetingId).findFirst()
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + meetingId + " 的组务会"));
    DemandEntry demand = entries.read(unit, fields, DemandEntry.class, (entry, form, today) ->
        form.requireThat(entry.rectifyBy() == null || !entry.rectifyBy().isBefore(today), "整改时限：不能早于今天（" + today + "）"));
    long id = entries.insert("xc_immediate_demand", unit, actor, RegisterEntries.columns("meeting_id", meeting.id(),
        "problem", demand.problem(), "demand", demand.demand(), "rectify_by", demand.rectifyBy(), "status", "DEMANDED"));
    String team = units.teamGroupOf(unit.roundKey(), unit.unit().groupId());
    processes.start(PROCESS, unit, KIND, DEMAND_ID, id,
        Map.of(RECTIFY_BY, demand.rectifyBy(), RoundVariables.TEAM_GROUP, team));
    return id;
  }

  /** Records the unit's answer to a demand (its task); refuses a missing or overlong action or evidence. */
  @Transactional
  void answer(long demandId, FormSubmission form, String actor) {
    Answer answer = form.read(Answer.class);
    form.check();
    jdbc.sql("update xc_immediate_demand set action = ?, evidence = ?, reported_by = ?, reported_at = ?, status = 'REPORTED' where id = ?")
        .params(answer.action(), answer.evidence(), actor, Timestamp.from(clock.instant()), demandId).update();
  }

  /** Records the team's verification: verified (已立行立改) or sent back to the unit (待整改), with the team's comment. */
  @Transactional
  void verify(long demandId, boolean verified, String comment, String actor) {
    jdbc.sql("update xc_immediate_demand set status = ?, verification = ?, verified_by = ?, verified_at = ? where id = ?")
        .params(verified ? "VERIFIED" : "DEMANDED", comment, actor, Timestamp.from(clock.instant()), demandId).update();
  }

  public List<Meeting> meetings(UnitRef unit) {
    return jdbc.sql("select * from xc_team_meeting where unit_id = ? order by held_on, id").param(unit.unitId())
        .query((rs, row) -> new Meeting(rs.getLong("id"), rs.getDate("held_on").toLocalDate(), rs.getString("attendees"),
            rs.getString("leads"), rs.getString("to_report")))
        .list();
  }

  /** The unit's demands in the order made. */
  public List<Demand> demands(UnitRef unit) {
    return jdbc.sql("select * from xc_immediate_demand where unit_id = ? order by id").param(unit.unitId()).query(TeamMeetings::demand).list();
  }

  /** The demands the team verified: the 立行立改 rows of the unit's rectification ledger. */
  public List<Demand> rectified(UnitRef unit) {
    return demands(unit).stream().filter(Demand::rectified).toList();
  }

  Demand find(long demandId) {
    return jdbc.sql("select * from xc_immediate_demand where id = ?").param(demandId).query(TeamMeetings::demand).single();
  }

  /** Counts without content: meetings held, demands made, demands rectified. */
  public Counts counts(UnitRef unit) {
    return counts(meetings(unit).size(), demands(unit));
  }

  /**
   * {@link #counts(UnitRef)} of every unit of the round, by unit id (units with neither meetings nor
   * demands are missing), in two statements.
   */
  public Map<Long, Counts> countsByUnit(long roundId) {
    Map<Long, List<Long>> meetings = RoundRows.byUnit(jdbc, "xc_team_meeting", "held_on, id", roundId, (rs, row) -> rs.getLong("id"));
    Map<Long, List<Demand>> demands = demandsByUnit(roundId);
    Map<Long, Counts> counts = new java.util.HashMap<>();
    java.util.stream.Stream.concat(meetings.keySet().stream(), demands.keySet().stream()).distinct().forEach(unit -> counts.put(unit,
        counts(meetings.getOrDefault(unit, List.of()).size(), demands.getOrDefault(unit, List.of()))));
    return counts;
  }

  /** The demands of every unit of the round, by unit id, each unit's in the order made; one statement. */
  private Map<Long, List<Demand>> demandsByUnit(long roundId) {
    return RoundRows.byUnit(jdbc, "xc_immediate_demand", "id", roundId, TeamMeetings::demand);
  }

  private static Counts counts(int meetings, List<Demand> demands) {
    return new Counts(meetings, demands.size(), demands.stream().filter(Demand::rectified).count());
  }

  /** The counts as one sentence of the report: “召开组务会 3 次，提出立行立改要求 2 项，已整改到位 1 项。”. */
  public String summary(UnitRef unit) {
    Counts counts = counts(unit);
    if (counts.meetings() == 0) {
      return "巡察期间未登记组务会。";
    }
    return "召开组务会 " + counts.meetings() + " 次，提出立行立改要求 " + counts.demands() + " 项，已整改到位 " + counts.rectified() + " 项。";
  }

  private static Demand demand(ResultSet rs, int row) throws SQLException {
    return new Demand(rs.getLong("id"), rs.getLong("meeting_id"), rs.getString("problem"), rs.getString("demand"),
        rs.getDate("rectify_by").toLocalDate(), rs.getString("status"), rs.getString("action"), rs.getString("evidence"),
        rs.getString("verification"));
  }

  public record Meeting(long id, LocalDate heldOn, String attendees, String leads, String toReport) {
  }

  /** One 立行立改 demand; {@code verification} the team's last comment. */
  public record Demand(long id, long meetingId, String problem, String demand, LocalDate rectifyBy, String status, String action,
                       String evidence, String verification) {

    public boolean rectified() {
      return "VERIFIED".equals(status);
    }

    public String statusLabel() {
      return STATES.get(status);
    }
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long meetings, long demands, long rectified) {
  }
}

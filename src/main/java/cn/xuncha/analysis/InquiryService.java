package cn.xuncha.analysis;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.Unrestricted;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Step 3 (分析研判): the office's inquiry letters (函询) to the departments the plan names, their
 * replies, and the office's analysis of them (方案 四(二)1, 办法 第十八条(三)).
 */
@Service
public class InquiryService {

  /** The reply deadline's id in the deadline table (processes/deadlines.yaml). */
  static final String REPLY_DEADLINE = "inquiry-reply";

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Deadlines deadlines;
  private final IdentityService identityService;
  private final Clock clock;

  InquiryService(RoundUnits rounds, JdbcClient jdbc, Deadlines deadlines, IdentityService identityService, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.deadlines = deadlines;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** Records one letter per consulted department, all due the same day: deadline {@value #REPLY_DEADLINE} of the deadline table. */
  Letters send(String roundKey) {
    long roundId = rounds.roundId(roundKey);
    Instant now = clock.instant();
    Date due = deadlines.dueFrom(REPLY_DEADLINE, Date.from(now));
    for (String department : rounds.departments(roundKey)) {
      jdbc.sql("delete from xc_inquiry where round_id = ? and group_id = ?").params(roundId, department).update();
      jdbc.sql("insert into xc_inquiry (round_id, group_id, sent_at, due_at) values (?, ?, ?, ?)")
          .params(roundId, department, Timestamp.from(now), new Timestamp(due.getTime())).update();
    }
    return new Letters(Date.from(now));
  }

  /** When the letters went out, and how many working days the departments have to reply. */
  record Letters(Date sent) {
  }

  void reply(String roundKey, String department, String reply, String actor) {
    jdbc.sql("update xc_inquiry set reply = ?, replied_by = ?, replied_at = ? where round_id = ? and group_id = ?")
        .params(reply, actor, Timestamp.from(clock.instant()), rounds.roundId(roundKey), department).update();
  }

  public List<Inquiry> inquiries(String roundKey) {
    return jdbc.sql("""
            select group_id, sent_at, due_at, reply, replied_by, replied_at from xc_inquiry
            where round_id = ? order by id""")
        .param(rounds.roundId(roundKey))
        .query((rs, row) -> new Inquiry(
            rs.getString("group_id"),
            departmentName(rs.getString("group_id")),
            rs.getTimestamp("sent_at").toInstant(),
            rs.getTimestamp("due_at").toInstant(),
            rs.getString("reply"),
            rs.getString("replied_by"),
            Optional.ofNullable(rs.getTimestamp("replied_at")).map(Timestamp::toInstant).orElse(null)))
        .list();
  }

  void recordAnalysis(String roundKey, String notes, String actor) {
    long roundId = rounds.roundId(roundKey);
    jdbc.sql("delete from xc_round_analysis where round_id = ?").param(roundId).update();
    jdbc.sql("insert into xc_round_analysis (round_id, notes, recorded_by, recorded_at) values (?, ?, ?, ?)")
        .params(roundId, notes, actor, Timestamp.from(clock.instant())).update();
  }

  String departmentName(String groupId) {
    Group group = Unrestricted.lookup(() -> identityService.createGroupQuery().groupId(groupId).singleResult());
    return group == null || group.getName() == null ? groupId : group.getName();
  }

  /** One inquiry letter; {@code reply} is null until the department answers. */
  public record Inquiry(String department, String departmentName, Instant sentAt, Instant dueAt,
                        String reply, String repliedBy, Instant repliedAt) {
  }
}

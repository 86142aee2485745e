package cn.xuncha.clue;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Problem clues (问题线索) and their transfer (办法 第十九条): the team writes the transfer material,
 * the office reviews it, a decision table names the receiver, and the receiver replies in writing
 * within a month.
 */
@Service("clues")
public class ClueService {

  /** The kinds of 办法 第十九条 in its order; the decision table {@code clue-routing} routes on them. */
  public static final Map<String, String> KINDS = kinds();
  /** The states of a clue as the ledgers show them. */
  public static final Map<String, String> STATES = Map.of(
      "DRAFT", "待形成材料", "PREPARED", "待审核", "RETURNED", "已退回", "APPROVED", "已审核",
      "TRANSFERRED", "办理中", "ANSWERED", "已书面反馈");

  private static Map<String, String> kinds() {
    Map<String, String> kinds = new java.util.LinkedHashMap<>();
    kinds.put("work", "工作方面问题");
    kinds.put("discipline", "违纪违法问题线索");
    kinds.put("organisation", "组织建设、选人用人问题");
    kinds.put("other", "其他问题");
    return java.util.Collections.unmodifiableMap(kinds);
  }

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  ClueService(RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Replaces the clues of the report (while none has been transferred yet). */
  public void replaceDrafts(UnitRef unit, List<Clue> clues) {
    jdbc.sql("delete from xc_clue where unit_id = ?").param(unit.unitId()).update();
    for (Clue clue : clues) {
      jdbc.sql("insert into xc_clue (unit_id, kind, named_department, summary, status) values (?, ?, ?, ?, 'DRAFT')")
          .params(unit.unitId(), clue.kind(), clue.namedDepartment(), clue.summary()).update();
    }
  }

  /** The clues of a unit, one transfer each (the multi-instance collection of the model). */
  public List<String> ids(String roundKey, String unitGroup) {
    return jdbc.sql("select id from xc_clue where unit_id = ? order by id")
        .param(rounds.unit(roundKey, unitGroup).unitId()).query(Long.class).list().stream().map(String::valueOf).toList();
  }

  public String kindOf(String clueId) {
    return find(clueId).kind();
  }

  public String namedDepartmentOf(String clueId) {
    return find(clueId).namedDepartment();
  }

  public Clue find(String clueId) {
    return jdbc.sql("select * from xc_clue where id = ?").param(Long.valueOf(clueId))
        .query((rs, row) -> new Clue(rs.getLong("id"), rs.getString("kind"), rs.getString("named_department"),
            rs.getString("summary"), rs.getString("material"), rs.getString("status"),
            rs.getString("receiver"), instant(rs.getTimestamp("transferred_at")), rs.getString("reply"), instant(rs.getTimestamp("replied_at"))))
        .single();
  }

  void prepare(String clueId, String material) {
    jdbc.sql("update xc_clue set material = ?, status = 'PREPARED' where id = ?").params(material, Long.valueOf(clueId)).update();
  }

  /** Marks the material approved or returned; the review itself is stored by the review task. */
  void review(String clueId, boolean approve) {
    jdbc.sql("update xc_clue set status = ? where id = ?").params(approve ? "APPROVED" : "RETURNED", Long.valueOf(clueId)).update();
  }

  void transferred(String clueId, String receiver) {
    jdbc.sql("update xc_clue set status = 'TRANSFERRED', receiver = ?, transferred_at = ? where id = ?")
        .params(receiver, Timestamp.from(clock.instant()), Long.valueOf(clueId)).update();
  }

  void reply(String clueId, String reply, String actor) {
    jdbc.sql("update xc_clue set status = 'ANSWERED', reply = ?, replied_by = ?, replied_at = ? where id = ?")
        .params(reply, actor, Timestamp.from(clock.instant()), Long.valueOf(clueId)).update();
  }

  /** The office's ledger of transfers (办法 第二十二条): every clue of the round with its state. */
  public List<LedgerRow> ledger(String roundKey) {
    return jdbc.sql("""
            select c.id, u.name unit_name, c.kind, c.summary, c.status, c.receiver, c.transferred_at, c.replied_at
            from xc_clue c join xc_unit u on u.id = c.unit_id join xc_round r on r.id = u.round_id
            where r.business_key = ? order by u.id, c.id""")
        .param(roundKey)
        .query((rs, row) -> new LedgerRow(rs.getLong("id"), rs.getString("unit_name"), KINDS.get(rs.getString("kind")),
            rs.getString("summary"), rs.getString("status"), rs.getString("receiver"),
            instant(rs.getTimestamp("transferred_at")), instant(rs.getTimestamp("replied_at"))))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
  }

  public record Clue(Long id, String kind, String namedDepartment, String summary, String material, String status,
                     String receiver, Instant transferredAt, String reply, Instant repliedAt) {

    public static Clue draft(String kind, String namedDepartment, String summary) {
      return new Clue(null, kind, namedDepartment, summary, null, "DRAFT", null, null, null, null);
    }
  }

  public record LedgerRow(long id, String unit, String kind, String summary, String status, String receiver,
                          Instant transferredAt, Instant repliedAt) {
  }
}

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
 * the office reviews it (and may add receivers), the routing table ({@link ClueRoutingTable}) names
 * the receivers, and each receiver replies in writing within a month; the clue is answered when all
 * have replied.
 */
@Service("clues")
public class ClueService {

  /** The kinds of 办法 第十九条 in its order; the decision table {@code clue-routing} routes on them. */
  public static final Map<String, String> KINDS = kinds();
  /** The reply period of a receiver the office adds: one month (办法 第十九条), the deadline table's D6. */
  public static final String DEFAULT_REPLY_DEADLINE = "D6";
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
  private final ClueRoutingTable routing;

  ClueService(RoundUnits rounds, JdbcClient jdbc, Clock clock, ClueRoutingTable routing) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
    this.routing = routing;
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

  /**
   * The tenant the clue step evaluates the routing table of: that of {@code county} (the step's process
   * instance's tenant) when the county published its own, else null, the installation's default
   * ({@link ClueRoutingTable#routingTenant}).
   */
  public String routingTenant(String county) {
    return routing.routingTenant(county);
  }

  /**
   * Who receives the clue: the receivers the routing table named ({@code routed}, its result list —
   * one map per matching rule with {@code receiver} and {@code replyDeadline} — in its order), then
   * those the office added when it approved the material, each once. Refuses (IllegalStateException,
   * a fault of the table or the data) a clue that would go nowhere.
   */
  public List<String> receiversOf(String clueId, List<Map<String, Object>> routed) {
    java.util.Set<String> receivers = new java.util.LinkedHashSet<>();
    routedRows(routed).forEach(row -> receivers.add((String) row.get("receiver")));
    receivers.addAll(addedReceivers(clueId));
    if (receivers.isEmpty()) {
      throw new IllegalStateException("Clue " + clueId + " has no receiver: neither the routing table nor the office named one");
    }
    return List.copyOf(receivers);
  }

  /**
   * The reply period of {@code receiver}, as the id of a deadline of the deadline table: the one the
   * routing table gave it, or {@value #DEFAULT_REPLY_DEADLINE} for a receiver the office added.
   */
  public String replyDeadlineOf(List<Map<String, Object>> routed, String receiver) {
    return routedRows(routed).filter(row -> receiver.equals(row.get("receiver"))).map(row -> (String) row.get("replyDeadline"))
        .filter(java.util.Objects::nonNull).findFirst().orElse(DEFAULT_REPLY_DEADLINE);
  }

  private static java.util.stream.Stream<Map<String, Object>> routedRows(List<Map<String, Object>> routed) {
    return routed == null ? java.util.stream.Stream.empty() : routed.stream().filter(row -> row.get("receiver") != null);
  }

  /** The receivers the office added to the routing table's when it approved the clue's material. */
  public List<String> addedReceivers(String clueId) {
    return jdbc.sql("select receiver from xc_clue_added_receiver where clue_id = ? order by id").param(Long.valueOf(clueId))
        .query(String.class).list();
  }

  public Clue find(String clueId) {
    long id = Long.parseLong(clueId);
    List<Transfer> transfers = jdbc.sql("select * from xc_clue_transfer where clue_id = ? order by id").param(id)
        .query((rs, row) -> new Transfer(rs.getString("receiver"), instant(rs.getTimestamp("transferred_at")), rs.getString("reply"),
            instant(rs.getTimestamp("replied_at"))))
        .list();
    return jdbc.sql("select * from xc_clue where id = ?").param(id)
        .query((rs, row) -> new Clue(rs.getLong("id"), rs.getString("kind"), rs.getString("named_department"),
            rs.getString("summary"), rs.getString("material"), rs.getString("status"), transfers))
        .single();
  }

  void prepare(String clueId, String material) {
    jdbc.sql("update xc_clue set material = ?, status = 'PREPARED' where id = ?").params(material, Long.valueOf(clueId)).update();
  }

  /**
   * Marks the material approved, with the receivers the office adds to the routing table's, or
   * returned (and forgets added receivers); the review itself is stored by the review task.
   */
  void review(String clueId, boolean approve, List<String> addedReceivers) {
    long id = Long.parseLong(clueId);
    jdbc.sql("update xc_clue set status = ? where id = ?").params(approve ? "APPROVED" : "RETURNED", id).update();
    jdbc.sql("delete from xc_clue_added_receiver where clue_id = ?").param(id).update();
    if (approve) {
      addedReceivers.forEach(receiver -> jdbc.sql("insert into xc_clue_added_receiver (clue_id, receiver) values (?, ?)")
          .params(id, receiver).update());
    }
  }

  /** The clue goes to {@code receiver} now: one transfer of its own, awaiting that receiver's reply. */
  void transferred(String clueId, String receiver) {
    long id = Long.parseLong(clueId);
    jdbc.sql("insert into xc_clue_transfer (clue_id, receiver, transferred_at) values (?, ?, ?)")
        .params(id, receiver, Timestamp.from(clock.instant())).update();
    jdbc.sql("update xc_clue set status = 'TRANSFERRED' where id = ?").param(id).update();
  }

  /** The written reply of {@code receiver}; the clue is answered once every receiver has replied. */
  void reply(String clueId, String receiver, String reply, String actor) {
    long id = Long.parseLong(clueId);
    jdbc.sql("update xc_clue_transfer set reply = ?, replied_by = ?, replied_at = ? where clue_id = ? and receiver = ?")
        .params(reply, actor, Timestamp.from(clock.instant()), id, receiver).update();
    jdbc.sql("""
            update xc_clue set status = 'ANSWERED' where id = ?
            and not exists (select 1 from xc_clue_transfer t where t.clue_id = ? and t.replied_at is null)""")
        .params(id, id).update();
  }

  /**
   * The office's ledger of transfers (办法 第二十二条): a row per clue and receiver, with that
   * transfer's state; a clue not yet transferred is one row without receiver.
   */
  public List<LedgerRow> ledger(String roundKey) {
    return jdbc.sql("""
            select c.id, u.name unit_name, c.kind, c.summary, c.status, t.receiver, t.transferred_at, t.replied_at
            from xc_clue c join xc_unit u on u.id = c.unit_id join xc_round r on r.id = u.round_id
            left join xc_clue_transfer t on t.clue_id = c.id
            where r.business_key = ? order by u.id, c.id, t.id""")
        .param(roundKey)
        .query((rs, row) -> new LedgerRow(rs.getLong("id"), rs.getString("unit_name"), KINDS.get(rs.getString("kind")),
            rs.getString("summary"), rs.getString("receiver") == null ? rs.getString("status")
                : rs.getTimestamp("replied_at") == null ? "TRANSFERRED" : "ANSWERED",
            rs.getString("receiver"), instant(rs.getTimestamp("transferred_at")), instant(rs.getTimestamp("replied_at"))))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant).orElse(null);
  }

  /** A clue with its transfers, one per receiver, in the order they were made. */
  public record Clue(Long id, String kind, String namedDepartment, String summary, String material, String status,
                     List<Transfer> transfers) {

    public static Clue draft(String kind, String namedDepartment, String summary) {
      return new Clue(null, kind, namedDepartment, summary, null, "DRAFT", List.of());
    }
  }

  /** The clue's transfer to one receiver (a Camunda group) and that receiver's written reply, null until it comes. */
  public record Transfer(String receiver, Instant transferredAt, String reply, Instant repliedAt) {
  }

  public record LedgerRow(long id, String unit, String kind, String summary, String status, String receiver,
                          Instant transferredAt, Instant repliedAt) {
  }
}

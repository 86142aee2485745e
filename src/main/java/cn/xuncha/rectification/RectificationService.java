package cn.xuncha.rectification;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Step 9 (督促整改): the unit's rectification ledger (整改台账), one item per problem of the report
 * with its measure, deadline and responsible person (办法 第十八条(九)); an item is closed only when
 * the office verifies its evidence (销号管理) and can be reopened on follow-up (回头看).
 */
@Service("rectification")
public class RectificationService {

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  RectificationService(RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Replaces the ledger with the items of a (re)submitted plan. */
  void replaceLedger(UnitRef unit, List<Item> items) {
    jdbc.sql("delete from xc_rectification_item where unit_id = ?").param(unit.unitId()).update();
    for (Item item : items) {
      jdbc.sql("""
              insert into xc_rectification_item (unit_id, paper_id, measure, deadline, responsible, status)
              values (?, ?, ?, ?, ?, 'OPEN')""")
          .params(unit.unitId(), item.paperId(), item.measure(), item.deadline(), item.responsible()).update();
    }
  }

  public List<Item> ledger(UnitRef unit) {
    return jdbc.sql(LEDGER.formatted("i.unit_id = ?")).param(unit.unitId()).query(RectificationService::item).list();
  }

  /** {@link #ledger} of every unit of the round, by unit id (units without items are missing), in one statement. */
  public Map<Long, List<Item>> ledgerByUnit(long roundId) {
    Map<Long, List<Item>> ledgers = new java.util.HashMap<>();
    jdbc.sql(LEDGER.formatted("i.unit_id in (select id from xc_unit where round_id = ?)")).param(roundId)
        .query(rs -> {
          ledgers.computeIfAbsent(rs.getLong("unit_id"), unit -> new java.util.ArrayList<>()).add(item(rs, 0));
        });
    return ledgers;
  }

  private static final String LEDGER = """
      select i.id, i.unit_id, i.paper_id, p.fact, i.measure, i.deadline, i.responsible, i.status, i.evidence, i.reopened
      from xc_rectification_item i join xc_working_paper p on p.id = i.paper_id
      where %s order by i.unit_id, i.paper_id""";

  private static Item item(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Item(rs.getLong("id"), rs.getLong("paper_id"), rs.getString("fact"), rs.getString("measure"),
        rs.getDate("deadline").toLocalDate(), rs.getString("responsible"), rs.getString("status"), rs.getString("evidence"),
        rs.getInt("reopened"));
  }

  /** The items still to be rectified: one rectification per item in the model. */
  public List<String> openItems(String roundKey, String unitGroup) {
    return ledger(rounds.unit(roundKey, unitGroup)).stream().filter(item -> !"CLOSED".equals(item.status()))
        .map(item -> String.valueOf(item.id())).toList();
  }

  /** An item's own deadline, for its due date and its escalation timer. */
  public String deadlineOf(String itemId) {
    return item(itemId).deadline().toString();
  }

  Item item(String itemId) {
    return jdbc.sql("""
            select i.id, i.paper_id, p.fact, i.measure, i.deadline, i.responsible, i.status, i.evidence, i.reopened
            from xc_rectification_item i join xc_working_paper p on p.id = i.paper_id where i.id = ?""")
        .param(Long.valueOf(itemId))
        .query((rs, row) -> new Item(rs.getLong("id"), rs.getLong("paper_id"), rs.getString("fact"), rs.getString("measure"),
            rs.getDate("deadline").toLocalDate(), rs.getString("responsible"), rs.getString("status"), rs.getString("evidence"),
            rs.getInt("reopened")))
        .single();
  }

  void submitEvidence(String itemId, String evidence) {
    jdbc.sql("update xc_rectification_item set evidence = ?, status = 'SUBMITTED' where id = ?")
        .params(evidence, Long.valueOf(itemId)).update();
  }

  /** Closes the item (销号) or leaves it open; the verification itself is stored as a review. */
  void verify(String itemId, boolean close) {
    jdbc.sql("update xc_rectification_item set status = ? where id = ?").params(close ? "CLOSED" : "OPEN", Long.valueOf(itemId)).update();
  }

  void reopen(UnitRef unit, List<Long> itemIds) {
    for (Long id : itemIds) {
      jdbc.sql("update xc_rectification_item set status = 'OPEN', reopened = reopened + 1 where id = ? and unit_id = ?")
          .params(id, unit.unitId()).update();
    }
  }

  void referForAccountability(UnitRef unit, String reason) {
    jdbc.sql("insert into xc_accountability (unit_id, reason) values (?, ?)").params(unit.unitId(), reason).update();
  }

  String pendingAccountability(UnitRef unit) {
    return jdbc.sql("select reason from xc_accountability where unit_id = ? and decision is null order by id")
        .param(unit.unitId()).query(String.class).list().stream().findFirst().orElseThrow();
  }

  void decideAccountability(UnitRef unit, String decision, String actor) {
    jdbc.sql("update xc_accountability set decision = ?, decided_by = ?, decided_at = ? where unit_id = ? and decision is null")
        .params(decision, actor, Timestamp.from(clock.instant()), unit.unitId()).update();
  }

  /** One item of the ledger; {@code problem} is the fact of the working paper it rectifies. */
  public record Item(Long id, long paperId, String problem, String measure, LocalDate deadline, String responsible,
                     String status, String evidence, int reopened) {
  }
}

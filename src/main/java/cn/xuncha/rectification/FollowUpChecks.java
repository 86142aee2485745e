package cn.xuncha.rectification;

import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 巡察“回头看”: the items of the rectification ledger of the earlier round's unit that a follow-up unit
 * names come back for verification when its team is on site, and the team records a {@link Result}
 * against each (with a note where the item is not fully rectified). The results stay with the earlier
 * ledger, which shows them, and with the follow-up unit, whose report and feedback list them.
 */
@Service
public class FollowUpChecks {

  private final JdbcClient jdbc;

  FollowUpChecks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What the team finds of an item rectified after the earlier round. */
  public enum Result {
    DONE("整改到位"),
    MOSTLY("基本到位"),
    NOT_DONE("未到位");

    private final String label;

    Result(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Optional<Result> of(String name) {
      return Arrays.stream(values()).filter(result -> result.name().equals(name)).findFirst();
    }
  }

  /**
   * One item of the earlier ledger and what a follow-up recorded against it ({@code result} null while
   * nothing is recorded); {@code round} and {@code unit} name the follow-up that recorded it.
   */
  public record Check(long itemId, String problem, String measure, LocalDate deadline, String status, Result result, String note,
                      String round, String unit) {
  }

  /** The items of the ledger a follow-up unit verifies, each with what its team recorded so far; empty for any other unit. */
  public List<Check> checks(UnitRef followUp) {
    if (followUp.followsUnitId() == null) {
      return List.of();
    }
    return jdbc.sql(CHECKS.formatted("left join", "and c.unit_id = ?", "i.unit_id = ?"))
        .params(followUp.unitId(), followUp.followsUnitId()).query(this::check).list();
  }

  /** What later follow-ups recorded against the items of {@code earlier}'s own ledger, by item id. */
  public Map<Long, List<Check>> recordedAgainst(UnitRef earlier) {
    return jdbc.sql(CHECKS.formatted("join", "", "i.unit_id = ?")).param(earlier.unitId()).query(this::check).list().stream()
        .collect(Collectors.groupingBy(Check::itemId));
  }

  /** {@link #recordedAgainst} of every unit of the round, by item id (items are the units' own), in one statement. */
  public Map<Long, List<Check>> recordedAgainstRound(long roundId) {
    return jdbc.sql(CHECKS.formatted("join", "", "i.unit_id in (select id from xc_unit where round_id = ?)")).param(roundId)
        .query(this::check).list().stream().collect(Collectors.groupingBy(Check::itemId));
  }

  /** Items of ledgers (chosen by the last placeholder: one unit's, or a round's) with the checks recorded against them. */
  private static final String CHECKS = """
      select i.id, p.fact, i.measure, i.deadline, i.status, c.result, c.note, r.name as round_name, u.name as unit_name
      from xc_rectification_item i join xc_working_paper p on p.id = i.paper_id
      %s xc_follow_up_check c on c.item_id = i.id %s
      left join xc_unit u on u.id = c.unit_id left join xc_round r on r.id = u.round_id
      where %s order by i.paper_id, c.id""";

  private Check check(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Check(rs.getLong("id"), rs.getString("fact"), rs.getString("measure"), rs.getDate("deadline").toLocalDate(),
        rs.getString("status"), rs.getString("result") == null ? null : Result.valueOf(rs.getString("result")), rs.getString("note"),
        rs.getString("round_name"), rs.getString("unit_name"));
  }

  /** Replaces what the follow-up unit's team recorded: one result (and note) per item of the earlier ledger. */
  void record(UnitRef followUp, Map<Long, Check> results, String actor, Instant now) {
    jdbc.sql("delete from xc_follow_up_check where unit_id = ?").param(followUp.unitId()).update();
    results.forEach((itemId, check) -> jdbc.sql("""
            insert into xc_follow_up_check (unit_id, item_id, result, note, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?)""")
        .params(followUp.unitId(), itemId, check.result().name(), check.note(), actor, Timestamp.from(now)).update());
  }
}

package cn.xuncha.registers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of a register's table for every unit of a round, by unit id, in one statement through
 * the tables' unit index (issue 16: the office's ledger counts a round's registers in a bounded
 * number of statements, not a query per unit and register).
 */
final class RoundRows {

  private RoundRows() {
  }

  /** {@code table}'s rows of the round's units, each unit's in {@code order} (columns of the table). */
  static <T> Map<Long, List<T>> byUnit(JdbcClient jdbc, String table, String order, long roundId, RowMapper<T> mapper) {
    Map<Long, List<T>> rows = new HashMap<>();
    int[] row = {0};
    jdbc.sql("select * from " + table + " where unit_id in (select id from xc_unit where round_id = ?) order by unit_id, " + order)
        .param(roundId)
        .query(rs -> {
          rows.computeIfAbsent(rs.getLong("unit_id"), unit -> new ArrayList<>()).add(mapper.mapRow(rs, row[0]++));
        });
    return rows;
  }
}

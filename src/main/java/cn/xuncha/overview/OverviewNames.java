package cn.xuncha.overview;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names users know rounds and units by (十五届县委第二轮巡察, 赵村镇党委), for the titles of the
 * timeline, ledger and calendar pages: one statement each, whatever the number of rounds.
 */
@Component
public class OverviewNames {

  private final JdbcClient jdbc;

  public OverviewNames(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The round's name, or its business key when the round has none yet (a plan not yet submitted). */
  public String round(String roundKey) {
    return jdbc.sql("select name from xc_round where business_key = ?").param(roundKey).query(String.class).optional().orElse(roundKey);
  }

  /** Whether a plan of the round has been stored (submitted at least once). */
  public boolean stored(String roundKey) {
    return jdbc.sql("select count(*) from xc_round where business_key = ?").param(roundKey).query(Long.class).single() > 0;
  }

  /** The name the unit has in this round, or its group when the round does not inspect it. */
  String unit(String roundKey, String unitGroup) {
    return jdbc.sql("select u.name from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(String.class).optional().orElse(unitGroup);
  }

  /**
   * The round's and unit's names of the instances whose business keys are given ({@code 2022-2},
   * {@code 2022-2/unit1}, {@code 2022-2/unit1/17}, {@code 2022-2/unit1#D4}; {@link RunningInstances#roundAndUnit}),
   * in one statement for all of them. A key without a stored round is missing from the answer; a unit
   * the round does not inspect keeps its group as its name.
   */
  public Map<String, Names> of(Collection<String> businessKeys) {
    Map<String, RunningInstances.RoundAndUnit> parsed = new HashMap<>();
    businessKeys.stream().distinct().forEach(key -> RunningInstances.roundAndUnit(key).ifPresent(found -> parsed.put(key, found)));
    Set<String> roundKeys = parsed.values().stream().map(RunningInstances.RoundAndUnit::roundKey).collect(Collectors.toSet());
    if (roundKeys.isEmpty()) {
      return Map.of();
    }
    record Row(String roundKey, String roundName, String unitGroup, String unitName) {
    }
    Map<String, String> roundNames = new HashMap<>();
    Map<String, String> unitNames = new HashMap<>();
    jdbc.sql("select r.business_key, r.name, u.group_id, u.name from xc_round r left join xc_unit u on u.round_id = r.id"
            + " where r.business_key in (:keys)").param("keys", roundKeys)
        .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list()
        .forEach(row -> {
          roundNames.put(row.roundKey(), row.roundName() == null ? row.roundKey() : row.roundName());
          if (row.unitGroup() != null) {
            unitNames.put(row.roundKey() + "/" + row.unitGroup(), row.unitName());
          }
        });
    Map<String, Names> names = new HashMap<>();
    parsed.forEach((key, found) -> Optional.ofNullable(roundNames.get(found.roundKey())).ifPresent(round -> names.put(key,
        new Names(round, found.unitGroup() == null ? null
            : unitNames.getOrDefault(found.roundKey() + "/" + found.unitGroup(), found.unitGroup())))));
    return names;
  }

  /** A round's name and, for a unit's instance, the unit's (null for the round's own). */
  public record Names(String round, String unit) {
  }
}

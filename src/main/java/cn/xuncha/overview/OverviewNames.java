package cn.xuncha.overview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names users know rounds, teams and units by (十五届县委第二轮巡察, 第一巡察组, 赵村镇党委), for the
 * titles and filter lists of the overview, timeline and ledger pages, and the ids behind them (a
 * round's business key, a team's or unit's group). A filter value is a name from these lists; an id
 * is still accepted, so that earlier links keep working.
 */
@Component
public class OverviewNames {

  private final JdbcClient jdbc;

  OverviewNames(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Round names by business key, the newest round first. */
  public Map<String, String> rounds() {
    return pairs("select business_key, name from xc_round order by id desc");
  }

  /** Team names by group, in team order. */
  Map<String, String> teams() {
    return pairs("select group_id, min(name) as name from xc_team group by group_id order by min(team_no), group_id");
  }

  /** Unit names by group, in the order of their groups. */
  Map<String, String> units() {
    return pairs("select group_id, min(name) as name from xc_unit group by group_id order by group_id");
  }

  /** The round's name, or its business key when the round has none yet (a plan not yet submitted). */
  public String round(String roundKey) {
    return Optional.ofNullable(rounds().get(roundKey)).orElse(roundKey);
  }

  /** The name the unit has in this round, or its group when the round does not inspect it. */
  String unit(String roundKey, String unitGroup) {
    return jdbc.sql("select u.name from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(String.class).optional().orElse(unitGroup);
  }

  /** The id behind a name chosen in a filter: the key whose name it is, or the value itself when it is a key already. */
  static String idOf(String value, Map<String, String> names) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String wanted = value.trim();
    return names.entrySet().stream().filter(name -> name.getValue().equals(wanted)).map(Map.Entry::getKey).findFirst().orElse(wanted);
  }

  private Map<String, String> pairs(String sql) {
    Map<String, String> pairs = new LinkedHashMap<>();
    jdbc.sql(sql).query(rs -> {
      pairs.putIfAbsent(rs.getString(1), rs.getString(2));
    });
    return pairs;
  }
}

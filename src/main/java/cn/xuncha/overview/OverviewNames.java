package cn.xuncha.overview;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names users know rounds and units by (十五届县委第二轮巡察, 赵村镇党委), for the titles of the
 * timeline and ledger pages: one statement each, whatever the number of rounds.
 */
@Component
public class OverviewNames {

  private final JdbcClient jdbc;

  OverviewNames(JdbcClient jdbc) {
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
}

package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Several counties on one installation (issue 16 item 2): the rows a county owns carry its code, the
 * id of its Camunda tenant ({@code cn.xuncha.county.Counties}) — rounds (their units, teams, reviews
 * and records belong to the round's county), the inspector pool and the overview's read model of running
 * instances. Rows stored before take the installation's own county: the Flyway placeholder
 * {@code homeCounty}, which the application sets from {@code xuncha.county.code} (the default code
 * {@value #DEFAULT_COUNTY} when a bare Flyway runs the scripts). New rows name their county: the column
 * keeps no default. In Java only for the placeholder's fallback; the statements run unchanged on H2 and
 * PostgreSQL.
 */
public class V21__Counties extends BaseJavaMigration {

  /** The code of {@code cn.xuncha.county.HomeCounty} when none is configured. */
  static final String DEFAULT_COUNTY = "county";

  @Override
  public void migrate(Context context) throws Exception {
    String home = context.getConfiguration().getPlaceholders().getOrDefault("homeCounty", DEFAULT_COUNTY);
    if (!home.matches("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*")) {
      throw new IllegalStateException("xuncha.county.code must be letters and digits with inner hyphens: " + home);
    }
    try (Statement statement = context.getConnection().createStatement()) {
      for (String table : new String[] {"xc_round", "xc_inspector", "xc_running_instance"}) {
        statement.execute("alter table " + table + " add column county varchar(64) default '" + home + "' not null");
        statement.execute("alter table " + table + " alter column county drop default");
      }
      statement.execute("create index xc_round_county on xc_round (county, id)");
      statement.execute("create index xc_inspector_county on xc_inspector (county)");
      statement.execute("drop index xc_running_instance_unit");
      statement.execute("create index xc_running_instance_unit on xc_running_instance (county, round_key, unit_group)");
    }
  }
}

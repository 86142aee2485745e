package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's schema on real PostgreSQL, which (unlike H2) does not index foreign keys by
 * itself: every foreign key of an {@code xc_} table must lead some index, so that loading one
 * round's or unit's rows, and deleting a round, cost the same however many rounds the database holds.
 */
class ForeignKeyIndexIT {

  /** Foreign keys whose columns are not the leading columns of any index on the same table. */
  private static final String UNINDEXED_FOREIGN_KEYS = """
      select c.conrelid::regclass || '(' || string_agg(a.attname, ', ' order by k.ord) || ')'
      from pg_constraint c
      cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.contype = 'f' and c.conrelid::regclass::text like 'xc\\_%'
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
      group by c.conrelid, c.conname
      order by 1
      """;

  @Test
  void everyForeignKeyLeadsAnIndex() {
    String url = PostgresDatabase.create("foreign_key_index_it");
    javax.sql.DataSource dataSource = PostgresDatabase.dataSource(url);
    Flyway.configure().dataSource(dataSource).table("xc_schema_history").load().migrate();

    List<String> unindexed = new JdbcTemplate(dataSource).queryForList(UNINDEXED_FOREIGN_KEYS, String.class);

    assertThat(unindexed).as("foreign keys without an index on PostgreSQL").isEmpty();
  }
}

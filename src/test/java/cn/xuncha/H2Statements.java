package cn.xuncha;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the SQL statements the fast tests' H2 database executes while something runs — every
 * statement of every connection: the application's, the engine's and the web layer's (H2's query
 * statistics, {@code INFORMATION_SCHEMA.QUERY_STATISTICS}). The fast tests run no job executor, so
 * what a request issues is all that runs. For guards that a page's cost does not grow (issue 16).
 */
public final class H2Statements {

  private final JdbcClient jdbc;

  public H2Statements(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An action that may throw, e.g. an HTTP request. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** The statements executed while {@code action} ran. */
  public long during(Action action) throws Exception {
    return texts(action).size();
  }

  /** The text of each statement executed while {@code action} ran, once per execution. */
  public synchronized java.util.List<String> texts(Action action) throws Exception {
    // Switching statistics off discards them; the entries limit is per distinct statement text.
    jdbc.sql("set query_statistics false").update();
    jdbc.sql("set query_statistics_max_entries 100000").update();
    jdbc.sql("set query_statistics true").update();
    try {
      action.run();
      return jdbc.sql("select sql_statement, execution_count from information_schema.query_statistics"
          + " where sql_statement not like '%information_schema.query_statistics%'")
          .query((row, n) -> java.util.Collections.nCopies(row.getInt(2), row.getString(1))).list()
          .stream().flatMap(java.util.List::stream).toList();
    } finally {
      jdbc.sql("set query_statistics false").update();
    }
  }
}

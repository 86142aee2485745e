package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.security.WebSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's schema compared against its queries on real PostgreSQL (issue 16, item 5):
 * every statement the application itself runs on its tables ({@code xc_…}) while a sample round
 * goes from plan to publication, a second round starts and the office opens every page, must find
 * its rows of each {@code xc_} table through an index. Each distinct statement is explained with its
 * first parameters on a connection where sequential scans, hash joins and merge joins are disabled,
 * so the planner reads a table whole only where no index serves the statement: a sequential scan,
 * or an index scan without an index condition, of an {@code xc_} table is a missing index, and the
 * statement's cost would grow with every round the county keeps.
 */
class QueryIndexesIT {

  /** A statement naming one of the application's tables (Flyway's own history table aside). */
  private static final Pattern APPLICATION_TABLE = Pattern.compile("\\bxc_(?!schema_history)\\w+", Pattern.CASE_INSENSITIVE);
  private static final Pattern READ_OR_CHANGE = Pattern.compile("^\\s*(select|update|delete|with)\\b", Pattern.CASE_INSENSITIVE);

  /** The condition of every county that is a tenant, for a user who sees every county (OverviewService). */
  private static final String EVERY_COUNTY = "r.county in (select t.id_ from act_id_tenant t)";

  /**
   * Statements that read a table whole on purpose, by table and the statement (its beginning, or the
   * whole statement when {@code whole}), each with the reason.
   */
  private static final List<Allowed> ALLOWED = List.of(
      new Allowed("xc_running_instance", "delete from xc_running_instance where not exists", false,
          "start-up check against the engine; the table holds running instances only, its rows go when they end"),
      new Allowed("xc_round", "select 'term', term, max(id) from xc_round", false,
          "the overview's list of every term and year needs every round: a few rows a year per county"),
      new Allowed("xc_round", "select 'round', r.name, r.id from xc_round r where 1 = 1 and " + EVERY_COUNTY + " union", false,
          "全部届次 of a one-county installation lists every round of the county by name; of several counties the"
              + " names are listed only once a county is chosen, and then by the county's index"),
      new Allowed("xc_round", "select count(*) from xc_unit u join xc_round r on r.id = u.round_id join xc_team t on t.id = u.team_id"
          + " where 1 = 1 and " + EVERY_COUNTY, true,
          "the number of units of 全部届次 for a user who sees every county counts every unit: no filter to narrow it"));

  private record Allowed(String table, String statement, boolean whole, String reason) {

    boolean covers(String table, String sql) {
      return this.table.equals(table) && (whole ? sql.equals(statement) : sql.startsWith(statement));
    }
  }

  /**
   * Nodes that read all of their input before giving a row: a scan under one is read whole even below a Limit.
   * An Incremental Sort is not among them: its input comes ordered by the leading keys, and it stops after the
   * group that completes the page.
   */
  private static final List<String> BLOCKING = List.of("Sort", "Aggregate", "Hash", "SetOp", "WindowAgg", "Materialize");

  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyStatementOnTheApplicationsTablesFindsItsRowsByAnIndex() throws Exception {
    String url = PostgresDatabase.create("query_indexes_it");
    Map<String, List<ParameterSetOperation>> statements = new ConcurrentHashMap<>();
    DataSource direct;
    try (ConfigurableApplicationContext app = PostgresDatabase.application(url, context -> context.getBeanFactory()
        .addBeanPostProcessor(recording(statements)), "--camunda.bpm.process-engine-name=query-indexes-it", "--XUNCHA_SECURE_COOKIES=false")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      ProcedureSteps steps = new ProcedureSteps(engine);
      ProcessInstance finished = steps.runSampleRoundToPublication();
      ClockUtil.reset();
      ProcessInstance running = steps.plan().atUnitsStep(java.time.Instant.now());
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      WebSession session = WebSession.signedIn(port, "office1");
      for (String round : List.of(finished.getBusinessKey(), running.getBusinessKey())) {
        for (String path : pages(round)) {
          session.get(path);
        }
      }
      assertThat(statements).as("statements recorded").hasSizeGreaterThan(50);
      direct = PostgresDatabase.dataSource(url);
      List<String> unindexed = new ArrayList<>();
      Map<String, List<ParameterSetOperation>> sorted = new TreeMap<>(statements);
      for (Map.Entry<String, List<ParameterSetOperation>> statement : sorted.entrySet()) {
        for (String table : wholeReads(direct, statement.getKey(), statement.getValue())) {
          if (ALLOWED.stream().noneMatch(allowed -> allowed.covers(table, statement.getKey()))) {
            unindexed.add(table + " read whole by: " + statement.getKey());
          }
        }
      }
      assertThat(unindexed).as("statements reading an xc_ table without an index, of %d distinct statements", statements.size()).isEmpty();
    }
  }

  /** Every page of the application an office opens for a round, its units and its documents. */
  private static List<String> pages(String round) {
    List<String> pages = new ArrayList<>(List.of("/overview", "/overview?term=", "/overview?round=" + round, "/overview?year=2022",
        "/overview?team=team1", "/overview?unit=unit1", "/overview?colour=RED", "/overview?colour=YELLOW", "/overview?colour=BLUE",
        "/overview?colour=GREEN", "/overview?colour=NONE", "/overview/coverage", "/overview/" + round + "/unit1",
        "/documents/" + round + "/ledger", "/ledger/clues/" + round, "/api/ledger/clues/" + round, "/calendar", "/api/calendar",
        "/registers", "/registers/" + round + "/unit1", "/api/registers", "/api/registers/" + round + "/unit1",
        "/registers/" + round + "/unit1/talks.xlsx", "/registers/" + round + "/unit1/petitions.xlsx",
        "/registers/" + round + "/unit1/files.xlsx", "/registers/" + round + "/unit1/assessments.xlsx",
        "/teams", "/teams/" + round, "/teams/" + round + "/1", "/people", "/people/export", "/people/new", "/people/appraisals",
        "/clue-routing", "/api/clue-routing", "/migration", "/api/migration", "/round-plan/import"));
    for (String kind : List.of("notice", "announcement", "arrangement", "report", "feedback", "rectification", "clues", "publication")) {
      pages.add("/documents/" + round + "/unit1/" + kind);
    }
    return pages;
  }

  /** Keeps each distinct statement on an xc_ table that reads or changes rows, with its first parameters. */
  private static BeanPostProcessor recording(Map<String, List<ParameterSetOperation>> statements) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource)) {
          return bean;
        }
        return ProxyDataSourceBuilder.create(beanName, dataSource).afterQuery((execution, queries) -> queries.forEach(query -> {
          String sql = query.getQuery().replaceAll("\\s+", " ").trim();
          if (READ_OR_CHANGE.matcher(sql).find() && APPLICATION_TABLE.matcher(sql).find()) {
            statements.putIfAbsent(sql, query.getParametersList().isEmpty() ? List.of() : List.copyOf(query.getParametersList().get(0)));
          }
        })).build();
      }
    };
  }

  /** The xc_ tables the plan of {@code sql} reads whole although the planner was told to avoid it. */
  private List<String> wholeReads(DataSource dataSource, String sql, List<ParameterSetOperation> parameters) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement settings = connection.createStatement()) {
        settings.execute("set enable_seqscan = off; set enable_hashjoin = off; set enable_mergejoin = off");
      }
      try (PreparedStatement explain = connection.prepareStatement("explain (format json) " + sql)) {
        for (ParameterSetOperation parameter : parameters) {
          parameter.getMethod().invoke(explain, parameter.getArgs());
        }
        try (ResultSet plan = explain.executeQuery()) {
          plan.next();
          List<String> tables = new ArrayList<>();
          collect(json.readTree(plan.getString(1)).get(0).get("Plan"), false, tables);
          return tables;
        }
      }
    }
  }

  /**
   * Adds the xc_ tables {@code node} and its children scan without an index condition; {@code limited}: a
   * Limit above stops the scan after a page of rows (a list ordered by an index), so it is not read whole.
   */
  private static void collect(JsonNode node, boolean limited, List<String> tables) {
    String type = node.path("Node Type").asText();
    String relation = node.path("Relation Name").asText("").toLowerCase(Locale.ROOT);
    boolean whole = type.equals("Seq Scan") || (type.startsWith("Index") && !node.has("Index Cond"));
    if (whole && relation.startsWith("xc_") && !limited) {
      tables.add(relation);
    }
    boolean below = (limited || type.equals("Limit")) && !BLOCKING.contains(type);
    for (JsonNode child : node.path("Plans")) {
      collect(child, below, tables);
    }
  }
}

package cn.xuncha.bench;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaApplication;
import cn.xuncha.bench.SqlCounter.Snapshot;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.security.WebSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages at province scale (issue 16, items 1, 3 and 5), part of {@code bench/run}: on the embedded
 * PostgreSQL with the application's settings, p50/p95 and SQL statements per request of every app
 * page and of Tasklist's filters (as the office and as a team leader) at 1, 100 and 3,000 unit
 * procedures ({@code bench.pageSizes}), next to the 100 ms goal; and at each size the rows of the
 * engine's authorization table and the authorization statements' cost per engine command.
 * The first unit procedure is driven through step 1 as the demo users; the database then grows by
 * {@link RoundPlanSteps#atUnitsStep}: approved sample rounds started at their units' call activity,
 * seven unit procedures each, left at their first unit step with their tasks, deadline watches and
 * grants. At the largest size, the slowest statement of each page and filter is run again as
 * {@code EXPLAIN ANALYZE} and its plan printed (sequential scans over tables that grow with history).
 * Figures go to stdout and {@code target/bench/pages.txt}.
 */
class PageScaleBenchmark {

  private static final int SAMPLES = Integer.getInteger("bench.samples", 20);
  private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.pageSizes", "1,100,3000").split(","))
      .map(String::trim).map(Integer::valueOf).toList();

  private final StringBuilder out = new StringBuilder();
  private final ObjectMapper json = new ObjectMapper();

  private record Latency(String what, int status, double p50, double p95, double statements) {
  }

  @Test
  void pagesAt1To3000UnitProcedures() throws Exception {
    line("# xuncha page benchmark (issue 16) — %s", java.time.ZonedDateTime.now().withNano(0));
    line("Machine: %s; %d CPUs visible to the JVM; %s; load average at start %s", UnitProcedureBenchmark.cpuModel(),
        Runtime.getRuntime().availableProcessors(), UnitProcedureBenchmark.memTotal(), UnitProcedureBenchmark.loadAverage());
    line("Parameters: bench.pageSizes=%s unit procedures, bench.samples=%d; history level full; embedded PostgreSQL", SIZES, SAMPLES);
    SqlCounter counter = new SqlCounter();
    List<String> goals = new ArrayList<>();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres")
        .initializers(context -> {
          context.getBeanFactory().addBeanPostProcessor(counter.dataSourceWrapper());
          context.getBeanFactory().registerSingleton("benchCommandNames", counter.commandNames());
        })
        .run("--XUNCHA_DB_URL=" + PostgresDatabase.create("bench_pages"), "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
            "--XUNCHA_ADMIN_PASSWORD=bench-admin-secret", "--XUNCHA_SECURE_COOKIES=false", "--xuncha.demo=true", "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false", "--xuncha.calendar.dir=target/bench/calendar", "--logging.level.root=WARN")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      ProcessInstance first;
      try {
        ProcedureSteps.at("2022-04-01T09:00");
        ProcedureSteps steps = new ProcedureSteps(engine);
        first = steps.approvedRound();
        steps.startUnit(first, 1);
      } finally {
        ClockUtil.reset();
      }
      for (int size : SIZES) {
        grow(engine, jdbc, size);
        String label = unitProcedures(jdbc) + " unit procedures";
        List<Latency> latencies = pages(port, first.getBusinessKey(), counter, label,
            size == SIZES.get(SIZES.size() - 1) ? app.getBean(javax.sql.DataSource.class) : null);
        authorizations(port, jdbc, counter);
        double worst = latencies.stream().mapToDouble(Latency::p95).max().orElse(Double.NaN);
        goals.add(String.format("  %-70s %-28s %s", "Every page and ready filter p95 < 100 ms at " + label, "worst p95 %.0f ms".formatted(worst),
            worst < 100 ? "met" : "NOT MET"));
      }
    }
    section("Goal of issue 16 (item 1)");
    goals.forEach(this::line);
    line("Load average at end: %s", UnitProcedureBenchmark.loadAverage());
    Path report = Path.of("target", "bench", "pages.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out.toString());
  }

  /** Adds rounds at their units' step ({@link RoundPlanSteps#atUnitsStep}) until {@code target} unit procedures exist. */
  private void grow(ProcessEngine engine, JdbcClient jdbc, int target) {
    int before = unitProcedures(jdbc);
    if (before >= target) {
      return;
    }
    long started = System.nanoTime();
    RoundPlanSteps rounds = new RoundPlanSteps(engine);
    try {
      ProcedureSteps.at("2022-04-01T09:00");
      while (unitProcedures(jdbc) < target) {
        rounds.atUnitsStep(ClockUtil.getCurrentTime().toInstant());
      }
    } finally {
      ClockUtil.reset();
    }
    line("");
    line("Grew the database from %d to %d unit procedures in %.0f s (rounds started at their units' step, seven units each)", before,
        unitProcedures(jdbc), (System.nanoTime() - started) / 1e9);
  }

  /** p50/p95 of every app page as office1 (signed in, session cookie) and of each Tasklist filter's list over REST. */
  private List<Latency> pages(int port, String roundKey, SqlCounter counter, String size, javax.sql.DataSource explain)
      throws Exception {
    WebSession office = WebSession.signedIn(port, "office1");
    Map<String, String> paths = new LinkedHashMap<>();
    for (String path : List.of("/overview", "/overview?term=", "/overview?term=&page=2", "/overview?colour=YELLOW",
        "/overview/coverage", "/overview/" + roundKey + "/unit1", "/documents/" + roundKey + "/unit1/report",
        "/documents/" + roundKey + "/unit1/rectification", "/documents/" + roundKey + "/ledger", "/ledger/clues/" + roundKey, "/calendar")) {
      paths.put(path.replace(roundKey, "{round}"), path);
    }
    List<Latency> latencies = new ArrayList<>();
    List<String> plans = new ArrayList<>();
    for (Map.Entry<String, String> page : paths.entrySet()) {
      counter.resetSlowest();
      latencies.add(time(page.getKey(), counter, () -> office.get(page.getValue()).statusCode()));
      plans.addAll(plan(page.getKey(), counter.slowest(), explain));
    }
    RestCaller rest = new RestCaller("http://localhost:" + port);
    for (String user : List.of("office1", "team1-leader")) {
      for (JsonNode filter : filters(rest, user)) {
        String id = filter.get("id").asText();
        String what = "filter “" + filter.get("name").asText() + "” as " + user;
        counter.resetSlowest();
        latencies.add(time(what, counter,
            () -> rest.post(user, "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15", "{}").status()));
        plans.addAll(plan(what, counter.slowest(), explain));
      }
    }
    section("Pages at " + size + ": p50 / p95 of " + SAMPLES
        + " requests after 3 warm-ups, SQL statements per request (pages: signed-in session; filters: REST with HTTP Basic)");
    for (Latency latency : latencies) {
      line("  %-50s %7.1f ms / %7.1f ms  %6.0f statements%s", latency.what, latency.p50, latency.p95, latency.statements,
          latency.status == 200 ? "" : "  (HTTP " + latency.status + ")");
    }
    if (!plans.isEmpty()) {
      section("Query plans at " + size + ": each page's slowest statement, EXPLAIN ANALYZE on PostgreSQL");
      plans.forEach(this::line);
    }
    return latencies;
  }

  /**
   * The plan of a page's slowest statement (a SELECT), run again with its parameters as
   * {@code EXPLAIN ANALYZE}: whether a table that grows with history is read by a sequential scan.
   */
  private static List<String> plan(String what, SqlCounter.Slowest slowest, javax.sql.DataSource dataSource) {
    if (dataSource == null || slowest == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    String sql = slowest.sql().replaceAll("\\s+", " ").trim();
    lines.add("");
    lines.add("  %s — slowest statement %.1f ms: %s".formatted(what, slowest.nanos() / 1e6, sql.length() > 300 ? sql.substring(0, 300) + "…" : sql));
    if (!sql.toLowerCase(java.util.Locale.ROOT).startsWith("select")) {
      return lines;
    }
    try (java.sql.Connection connection = dataSource.getConnection();
         java.sql.PreparedStatement statement = connection.prepareStatement("explain (analyze, costs off) " + sql)) {
      for (net.ttddyy.dsproxy.proxy.ParameterSetOperation parameter : slowest.parameters()) {
        parameter.getMethod().invoke(statement, parameter.getArgs());
      }
      try (java.sql.ResultSet plan = statement.executeQuery()) {
        while (plan.next()) {
          lines.add("    " + plan.getString(1));
        }
      }
    } catch (Exception e) {
      lines.add("    (no plan: " + e + ")");
    }
    return lines;
  }

  private JsonNode filters(RestCaller rest, String user) throws Exception {
    return json.readTree(rest.get(user, "/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=50").body());
  }

  /**
   * The authorization table's rows and what reading it costs per engine command: team1-leader's
   * filters listed {@link #SAMPLES} times over REST, each request's statements that read
   * {@code ACT_RU_AUTHORIZATION} (its checks and the queries it restricts) timed.
   */
  private void authorizations(int port, JdbcClient jdbc, SqlCounter counter) throws Exception {
    RestCaller rest = new RestCaller("http://localhost:" + port);
    JsonNode filters = filters(rest, "team1-leader");
    Snapshot before = counter.snapshot();
    for (int i = 0; i < SAMPLES; i++) {
      for (JsonNode filter : filters) {
        rest.post("team1-leader", "/engine-rest/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=15", "{}");
      }
    }
    Snapshot spent = counter.snapshot().minus(before);
    long rows = jdbc.sql("select count(*) from act_ru_authorization").query(Long.class).single();
    line("  Authorization: %,d rows in ACT_RU_AUTHORIZATION; per engine command (team1-leader's filters over REST, %d commands)"
            + " %.2f statements reading it, %.3f ms in them", rows, spent.commands(),
        (double) spent.authorizationStatements() / spent.commands(), spent.authorizationNanos() / 1e6 / spent.commands());
  }

  private interface Request {
    int send() throws Exception;
  }

  private static Latency time(String what, SqlCounter counter, Request request) throws Exception {
    int status = 0;
    for (int i = 0; i < 3; i++) {
      status = request.send();
    }
    double[] millis = new double[SAMPLES];
    Snapshot before = counter.snapshot();
    for (int i = 0; i < SAMPLES; i++) {
      long started = System.nanoTime();
      status = request.send();
      millis[i] = (System.nanoTime() - started) / 1e6;
    }
    Arrays.sort(millis);
    return new Latency(what, status, percentile(millis, 0.50), percentile(millis, 0.95),
        (double) counter.snapshot().minus(before).statements() / SAMPLES);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static int unitProcedures(JdbcClient jdbc) {
    return jdbc.sql("select count(*) from act_hi_procinst where proc_def_key_ = 'unit-inspection'").query(Integer.class).single();
  }

  private void section(String title) {
    line("");
    line("## " + title);
  }

  private void line(String format, Object... values) {
    String text = values.length == 0 ? format : String.format(format, values);
    out.append(text).append('\n');
    System.out.println(text);
  }
}

package cn.xuncha.bench;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaApplication;
import cn.xuncha.bench.SqlCounter.Snapshot;
import cn.xuncha.county.Counties;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.round.SampleRound;
import cn.xuncha.security.Roles;
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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages at province scale (issue 16, items 1, 2, 3 and 5), part of {@code bench/run}: on the embedded
 * PostgreSQL with the application's settings, p50/p95 and SQL statements per request of every app
 * page and of Tasklist's filters at 1, 100, 3,000 and 10,000 unit procedures ({@code bench.pageSizes}; 10,000 are item 5's 1,000 rounds), next
 * to the 100 ms goal, as a county office ({@code office1}, member of its county's tenant only) and as
 * the city office ({@code city-office}, member of every county's tenant and of {@code office}), and
 * Tasklist's filters also as a team leader. The installation has {@code bench.counties} counties
 * (Camunda tenants, default 100: item 1's province is 100 counties × 3 rounds × 10 units).
 * The first unit procedure is driven through step 1 as the demo users in the home county; the
 * database then grows by {@link RoundPlanSteps#atUnitsStep(java.time.Instant, String, RoundPlan)}:
 * approved ten-unit rounds (the sample's seven units and three more) started at their units' call
 * activity, one county after the other, left at their first unit step with their tasks, deadline
 * watches and grants. At each size it prints the rows (rounds and their counties, unit procedures,
 * {@code ACT_RU_AUTHORIZATION}, history) and the authorization statements per engine command with
 * their time, and at the end whether that cost stayed flat (item 5). At the largest size, the slowest
 * statement of each page and filter is run again as {@code EXPLAIN ANALYZE} and its plan printed.
 * Figures go to stdout and {@code target/bench/pages.txt}.
 */
class PageScaleBenchmark {

  private static final int SAMPLES = Integer.getInteger("bench.samples", 20);
  private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.pageSizes", "1,100,3000,10000").split(","))
      .map(String::trim).map(Integer::valueOf).toList();

  private static final int COUNTIES = Integer.getInteger("bench.counties", 100);
  private static final int UNITS_PER_ROUND = 10;
  /** The county office: member of the home county's tenant only. */
  private static final String COUNTY_OFFICE = "office1";
  /** The city office: member of every county's tenant and of {@code office}. */
  private static final String CITY_OFFICE = "city-office";
  private static final String TEAM_LEADER = "team1-leader";
  /** The engine reads it in every command with an authenticated user who has groups (AuthorizationManager#getAllGroups). */
  private static final String AUTHORIZED_GROUPS = "SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A";

  private final StringBuilder out = new StringBuilder();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> counties = new ArrayList<>();
  private int grownRounds;

  private record Latency(String what, int status, double p50, double p95, double statements) {
  }

  /** What the database holds at one size. */
  private record Rows(long rounds, long counties, long unitProcedures, long authorizations, long authorizedGroups, long history) {
  }

  /**
   * The authorization statements of one engine command at one size: how many read
   * {@code ACT_RU_AUTHORIZATION} and their time as the client saw it (ms); of those the checks, their
   * client time each and their execution time inside PostgreSQL each ({@code serverMillisPerCheck}:
   * each check run again as {@code EXPLAIN ANALYZE} with its parameters, median of five, weighted by how
   * often it ran), which load on the client side does not change; how many times per command the engine
   * read {@link #AUTHORIZED_GROUPS}, and that statement's execution time inside PostgreSQL (ms).
   */
  private record AuthorizationCost(Rows rows, double statements, double millis, double checks, double millisPerCheck,
                                   double serverMillisPerCheck, double groupReads, double groupReadServerMillis) {
  }

  @Test
  void pagesAtProvinceScale() throws Exception {
    line("# xuncha page benchmark (issue 16) — %s", java.time.ZonedDateTime.now().withNano(0));
    line("Machine: %s; %d CPUs visible to the JVM; %s; load average at start %s", UnitProcedureBenchmark.cpuModel(),
        Runtime.getRuntime().availableProcessors(), UnitProcedureBenchmark.memTotal(), UnitProcedureBenchmark.loadAverage());
    line("Parameters: bench.pageSizes=%s unit procedures, bench.samples=%d, bench.counties=%d; rounds of %d units; history level full;"
        + " embedded PostgreSQL", SIZES, SAMPLES, COUNTIES, UNITS_PER_ROUND);
    String url = PostgresDatabase.create("bench_pages");
    long runStarted = System.nanoTime();
    long cpuStarted = UnitProcedureBenchmark.processCpuNanos();
    long databaseCpuStarted = UnitProcedureBenchmark.databaseCpuTicks(url);
    long childrenCpuStarted = UnitProcedureBenchmark.childrenCpuTicks();
    SqlCounter counter = new SqlCounter();
    List<String> goals = new ArrayList<>();
    List<AuthorizationCost> costs = new ArrayList<>();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres")
        .initializers(context -> {
          context.getBeanFactory().addBeanPostProcessor(counter.dataSourceWrapper());
          context.getBeanFactory().registerSingleton("benchCommandNames", counter.commandNames());
        })
        .run("--XUNCHA_DB_URL=" + url, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
            "--XUNCHA_ADMIN_PASSWORD=bench-admin-secret", "--XUNCHA_SECURE_COOKIES=false", "--xuncha.demo=true", "--server.port=0",
            "--camunda.bpm.job-execution.enabled=false", "--xuncha.calendar.dir=target/bench/calendar", "--logging.level.root=WARN")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      javax.sql.DataSource dataSource = app.getBean(javax.sql.DataSource.class);
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      countiesAndCityOffice(engine.getIdentityService(), app.getBean(Counties.class).home());
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
        Rows rows = rows(jdbc);
        String label = rows.unitProcedures + " unit procedures";
        section("Database at " + label);
        line("  %,d rounds in %d counties, %,d unit procedures; %,d rows in ACT_RU_AUTHORIZATION (%,d distinct group ids);"
            + " %,d history rows (ACT_HI_*)", rows.rounds, rows.counties, rows.unitProcedures, rows.authorizations,
            rows.authorizedGroups, rows.history);
        List<Latency> latencies = pages(port, first.getBusinessKey(), counter, label,
            size == SIZES.get(SIZES.size() - 1) ? dataSource : null);
        costs.add(authorizations(port, rows, dataSource, counter));
        double worst = latencies.stream().mapToDouble(Latency::p95).max().orElse(Double.NaN);
        goals.add(String.format("  %-70s %-28s %s", "Every page and ready filter p95 < 100 ms at " + label, "worst p95 %.0f ms".formatted(worst),
            worst < 100 ? "met" : "NOT MET"));
      }
    }
    section("Goal of issue 16 (item 1)");
    goals.forEach(this::line);
    authorizationTrend(costs);
    line("Load average at end: %s", UnitProcedureBenchmark.loadAverage());
    line(UnitProcedureBenchmark.runCost(url, runStarted, cpuStarted, databaseCpuStarted, childrenCpuStarted));
    Path report = Path.of("target", "bench", "pages.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out.toString());
  }

  /**
   * The counties of a province installation: the home county and {@link #COUNTIES} − 1 more tenants
   * ({@code c002} …); the county office and the team leader member of the home county, as every account
   * of a multi-county installation is of its own; the city office (password {@code demo}) member of
   * {@code office} and of every county.
   */
  private void countiesAndCityOffice(IdentityService identity, String home) {
    counties.add(home);
    for (int i = 2; i <= COUNTIES; i++) {
      Tenant tenant = identity.newTenant("c%03d".formatted(i));
      tenant.setName("第%d县".formatted(i));
      identity.saveTenant(tenant);
      counties.add(tenant.getId());
    }
    User city = identity.newUser(CITY_OFFICE);
    city.setPassword("demo");
    city.setFirstName("市委巡察办");
    identity.saveUser(city);
    identity.createMembership(CITY_OFFICE, Roles.OFFICE);
    for (String county : counties) {
      identity.createTenantUserMembership(county, CITY_OFFICE);
    }
    identity.createTenantUserMembership(home, COUNTY_OFFICE);
    identity.createTenantUserMembership(home, TEAM_LEADER);
  }

  /**
   * Adds ten-unit rounds at their units' step ({@link RoundPlanSteps#atUnitsStep(java.time.Instant, String, RoundPlan)}),
   * each in the next county in turn, until {@code target} unit procedures exist; then brings PostgreSQL's statistics up to date.
   */
  private void grow(ProcessEngine engine, JdbcClient jdbc, int target) {
    int before = unitProcedures(jdbc);
    if (before >= target) {
      return;
    }
    long started = System.nanoTime();
    RoundPlanSteps rounds = new RoundPlanSteps(engine);
    RoundPlan plan = tenUnits(SampleRound.plan());
    try {
      ProcedureSteps.at("2022-04-01T09:00");
      while (unitProcedures(jdbc) < target) {
        rounds.atUnitsStep(ClockUtil.getCurrentTime().toInstant(), counties.get(grownRounds % counties.size()), plan);
        grownRounds++;
      }
    } finally {
      ClockUtil.reset();
    }
    // Autovacuum analyses a table after a share of it changed, in its own time: a database grown over years has current
    // statistics, one grown in minutes may not yet, and the planner would then scan what it would otherwise look up.
    jdbc.sql("analyze").update();
    line("");
    line("Grew the database from %d to %d unit procedures and analysed it in %.0f s (rounds of %d units started at their units' step, one county after"
        + " the other)", before, unitProcedures(jdbc), (System.nanoTime() - started) / 1e9, UNITS_PER_ROUND);
  }

  /** The sample plan with three more units (groups {@code unit8} … {@code unit10}), inspected by teams 1 to 3 beside their own. */
  private static RoundPlan tenUnits(RoundPlan sample) {
    List<RoundPlan.InspectedUnit> units = new ArrayList<>(sample.units());
    for (int i = 0; units.size() < UNITS_PER_ROUND; i++) {
      RoundPlan.InspectedUnit like = sample.units().get(i);
      int number = units.size() + 1;
      units.add(new RoundPlan.InspectedUnit("第%d被巡察单位党委".formatted(number), like.kind(), like.teamNo(), "unit" + number,
          like.villages(), like.coverage(), like.namedVillages(), like.initialVillages(), like.mobileVillages(), like.entryDate(),
          like.withdrawalDate(), like.inspectionKind(), like.followUp()));
    }
    return new RoundPlan(sample.name(), sample.term(), sample.roundNo(), sample.entryDate(), sample.withdrawalDate(),
        sample.planFilingDate(), sample.teams(), units, sample.departments(), sample.kind());
  }

  private static Rows rows(JdbcClient jdbc) {
    long history = 0;
    for (String table : jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()"
        + " and table_name like 'act\\_hi\\_%'").query(String.class).list()) {
      history += jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
    return new Rows(jdbc.sql("select count(*) from xc_round").query(Long.class).single(),
        jdbc.sql("select count(distinct county) from xc_round").query(Long.class).single(), unitProcedures(jdbc),
        jdbc.sql("select count(*) from act_ru_authorization").query(Long.class).single(),
        jdbc.sql("select count(distinct group_id_) from act_ru_authorization").query(Long.class).single(), history);
  }

  /**
   * p50/p95 of every app page as the county office and as the city office (signed in, session cookie)
   * and of each Tasklist filter's list over REST as both and as a team leader. Before the first size
   * is timed, every request is sent {@link #JVM_WARM_UPS} times untimed: the first page timed would
   * otherwise carry the compilation of the code all pages share (its p95 at 1 unit procedure was twice
   * the next size's), which says nothing about how cost grows with history.
   */
  private List<Latency> pages(int port, String roundKey, SqlCounter counter, String size, javax.sql.DataSource explain)
      throws Exception {
    Map<String, String> paths = new LinkedHashMap<>();
    for (String path : List.of("/overview", "/overview?term=", "/overview?term=&page=2", "/overview?colour=YELLOW",
        "/overview/coverage", "/overview/" + roundKey + "/unit1", "/documents/" + roundKey + "/unit1/report",
        "/documents/" + roundKey + "/unit1/rectification", "/documents/" + roundKey + "/ledger", "/ledger/clues/" + roundKey, "/calendar")) {
      paths.put(path.replace(roundKey, "{round}"), path);
    }
    Map<String, Request> requests = new LinkedHashMap<>();
    for (String user : List.of(COUNTY_OFFICE, CITY_OFFICE)) {
      WebSession session = WebSession.signedIn(port, user);
      for (Map.Entry<String, String> page : paths.entrySet()) {
        requests.put(page.getKey() + " as " + user, () -> session.get(page.getValue()).statusCode());
      }
    }
    RestCaller rest = new RestCaller("http://localhost:" + port);
    for (String user : List.of(COUNTY_OFFICE, CITY_OFFICE, TEAM_LEADER)) {
      for (JsonNode filter : filters(rest, user)) {
        String id = filter.get("id").asText();
        requests.put("filter “" + filter.get("name").asText() + "” as " + user,
            // as Tasklist asks: HAL, which embeds the variables the filter names (a variable query of its own)
            () -> rest.post(user, "/engine-rest/filter/" + id + "/list?firstResult=0&maxResults=15", "{}", "application/hal+json").status());
      }
    }
    if (!jvmWarm) {
      for (int i = 0; i < JVM_WARM_UPS; i++) {
        for (Request request : requests.values()) {
          request.send();
        }
      }
      jvmWarm = true;
    }
    List<Latency> latencies = new ArrayList<>();
    List<String> plans = new ArrayList<>();
    for (Map.Entry<String, Request> request : requests.entrySet()) {
      counter.resetSlowest();
      latencies.add(time(request.getKey(), counter, request.getValue()));
      plans.addAll(plan(request.getKey(), counter.slowest(), explain));
    }
    section("Pages at " + size + ": p50 / p95 of " + SAMPLES
        + " requests after 3 warm-ups (" + JVM_WARM_UPS + " untimed passes over all of them before the first size), SQL statements per request (pages: signed-in session; filters: REST with HTTP Basic)");
    for (Latency latency : latencies) {
      line("  %-64s %7.1f ms / %7.1f ms  %6.0f statements%s", latency.what, latency.p50, latency.p95, latency.statements,
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
   * What reading the authorization table costs per engine command: the team leader's filters listed
   * {@link #SAMPLES} times over REST (commands of a user with groups, as every user's are), each
   * request's statements that read {@code ACT_RU_AUTHORIZATION} (its checks and the queries it
   * restricts) counted and timed; and {@link #AUTHORIZED_GROUPS} run five times as
   * {@code EXPLAIN ANALYZE}, its median execution time inside PostgreSQL.
   */
  private AuthorizationCost authorizations(int port, Rows rows, javax.sql.DataSource dataSource, SqlCounter counter) throws Exception {
    RestCaller rest = new RestCaller("http://localhost:" + port);
    JsonNode filters = filters(rest, TEAM_LEADER);
    Snapshot before = counter.snapshot();
    for (int i = 0; i < SAMPLES; i++) {
      for (JsonNode filter : filters) {
        rest.post(TEAM_LEADER, "/engine-rest/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=15", "{}");
      }
    }
    Snapshot spent = counter.snapshot().minus(before);
    double groupServerMillis = serverMillis(dataSource, new SqlCounter.Slowest(AUTHORIZED_GROUPS, List.of(), 0));
    Map<String, SqlCounter.Slowest> checks = counter.checkSamples();
    double checkServerMillis = 0;
    long checkRuns = 0;
    for (Map.Entry<String, Long> ran : spent.byText().entrySet()) {
      SqlCounter.Slowest check = checks.get(ran.getKey());
      if (check != null) {
        checkServerMillis += ran.getValue() * serverMillis(dataSource, check);
        checkRuns += ran.getValue();
      }
    }
    long groupReads = spent.byText().entrySet().stream().filter(entry -> entry.getKey().startsWith(AUTHORIZED_GROUPS))
        .mapToLong(Map.Entry::getValue).sum();
    AuthorizationCost cost = new AuthorizationCost(rows, (double) spent.authorizationStatements() / spent.commands(),
        spent.authorizationNanos() / 1e6 / spent.commands(), (double) spent.checkStatements() / spent.commands(),
        spent.checkStatements() == 0 ? 0 : spent.checkNanos() / 1e6 / spent.checkStatements(),
        checkRuns == 0 ? 0 : checkServerMillis / checkRuns, (double) groupReads / spent.commands(), groupServerMillis);
    line("  Authorization per engine command (%s's filters over REST, %d commands): %.2f statements reading ACT_RU_AUTHORIZATION,"
            + " %.3f ms in them; of which checks (reading no other table) %.2f, %.3f ms each (%.4f ms inside PostgreSQL);"
            + " the engine's list of authorized groups %.2f times (%.3f ms inside PostgreSQL each, %,d group ids)",
        TEAM_LEADER, spent.commands(), cost.statements, cost.millis, cost.checks, cost.millisPerCheck, cost.serverMillisPerCheck,
        cost.groupReads, cost.groupReadServerMillis, rows.authorizedGroups);
    spent.byText().entrySet().stream().filter(entry -> entry.getKey().toUpperCase(java.util.Locale.ROOT).contains("ACT_RU_AUTHORIZATION"))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
        .forEach(entry -> line("    %.2f per command: %s", (double) entry.getValue() / spent.commands(), entry.getKey()));
    return cost;
  }

  /** The median execution time (ms) inside PostgreSQL of {@code statement} with its parameters: five {@code EXPLAIN ANALYZE} runs. */
  private double serverMillis(javax.sql.DataSource dataSource, SqlCounter.Slowest statement) throws Exception {
    double[] server = new double[5];
    try (java.sql.Connection connection = dataSource.getConnection();
         java.sql.PreparedStatement explain = connection.prepareStatement("explain (analyze, format json) " + statement.sql())) {
      for (net.ttddyy.dsproxy.proxy.ParameterSetOperation parameter : statement.parameters()) {
        parameter.getMethod().invoke(explain, parameter.getArgs());
      }
      for (int i = 0; i < server.length; i++) {
        try (java.sql.ResultSet plan = explain.executeQuery()) {
          plan.next();
          server[i] = json.readTree(plan.getString(1)).get(0).get("Execution Time").asDouble();
        }
      }
    }
    Arrays.sort(server);
    return server[server.length / 2];
  }

  /**
   * Issue 16 item 5: the per-command authorization cost at each size and the ratio of the largest to
   * the smallest. Flat when the engine's checks (statements reading the authorization table alone) per
   * command are the same (±5 %), each takes at most 1.5 times as long inside PostgreSQL, and the engine's
   * group list is not read. The time inside the database judges, not the client's, which any other load on
   * the machine lengthens; the client's ratio is printed beside it. The queries the grants restrict (a
   * filter's task query) are the filters' figures above.
   */
  private void authorizationTrend(List<AuthorizationCost> costs) {
    section("Goal of issue 16 (item 5): per-command authorization cost flat from the smallest to the largest size");
    for (AuthorizationCost cost : costs) {
      line("  %,7d unit procedures, %,5d rounds, %,7d authorization rows: %.2f statements, %.3f ms per command; checks %.2f per command,"
              + " %.3f ms each (%.4f ms inside PostgreSQL); group list %.2f per command", cost.rows.unitProcedures, cost.rows.rounds,
          cost.rows.authorizations, cost.statements, cost.millis, cost.checks, cost.millisPerCheck, cost.serverMillisPerCheck, cost.groupReads);
    }
    if (costs.size() < 2) {
      line("  (one size only: no trend)");
      return;
    }
    AuthorizationCost smallest = costs.get(0);
    AuthorizationCost largest = costs.get(costs.size() - 1);
    double checks = largest.checks / smallest.checks;
    double perCheck = largest.serverMillisPerCheck / smallest.serverMillisPerCheck;
    boolean flat = Math.abs(checks - 1) <= 0.05 && perCheck <= 1.5 && largest.groupReads == 0;
    line("  %-70s %-36s %s", "Largest ÷ smallest: checks per command; ms per check inside PostgreSQL; (client: ms per check; all statements: ms per command)",
        "%.2f × ; %.2f × ; (%.2f × ; %.2f ×)".formatted(checks, perCheck, largest.millisPerCheck / smallest.millisPerCheck,
            largest.millis / smallest.millis), flat ? "flat" : "GROWS");
  }

  /** Untimed passes over every page and filter before the first size is timed ({@link #pages}). */
  private static final int JVM_WARM_UPS = 10;
  private boolean jvmWarm;

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

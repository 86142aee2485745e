package cn.xuncha.bench;

import cn.xuncha.PackagedApp;
import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaApplication;
import cn.xuncha.bench.SqlCounter.Snapshot;
import cn.xuncha.faults.PreparationWork;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The benchmark of issue 16 (item 3), run with {@code ./mvnw -Pbench verify} or {@code bench/run}
 * and never by the default build (its name matches neither surefire's nor failsafe's patterns).
 * On the embedded PostgreSQL it measures, in one run: the sample round driven through the engine
 * as the demo roles by 1 and 4 concurrent drivers with the application's settings and with stock
 * Camunda settings (each after four unmeasured warm-up rounds); SQL statements per task completion, per unit procedure, per engine command and
 * the top statements; the packaged jar's start-up time and memory; the database's raw commit rate
 * (the pages at 1 to 3,000 unit procedures: {@link PageScaleBenchmark}). It prints the figures
 * next to the goals of the issue and whether each is met, and writes them to
 * {@code target/bench/report.txt}. Parameter (system property): {@code bench.rounds} (rounds per
 * driver, default 1).
 */
class UnitProcedureBenchmark {

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
  private static final int UNITS_PER_ROUND = 7;
  private static final String SUBMIT_FORM = "SubmitTaskFormCmd";

  /**
   * Stock Camunda: the same application, models, listeners and history level (full), with engine
   * authorization off and the engine's defaults for the generic properties that the application
   * changes for security (historic instance permissions, query result limit, deserialization type
   * validation, login throttling). Kept: JSON as serialization format and the id whitelist, without
   * which the models' list variables and the demo user ids are refused.
   */
  private static final List<String> STOCK = List.of(
      "--camunda.bpm.authorization.enabled=false",
      "--camunda.bpm.generic-properties.properties.enableHistoricInstancePermissions=false",
      "--camunda.bpm.generic-properties.properties.queryMaxResultsLimit=2147483647",
      "--camunda.bpm.generic-properties.properties.deserializationTypeValidationEnabled=false",
      "--camunda.bpm.generic-properties.properties.loginMaxAttempts=10");

  private final StringBuilder out = new StringBuilder();

  /** What one engine configuration did. */
  private record Throughput(int drivers, int procedures, long completions, double seconds, double cpuSeconds, Snapshot sql) {
    double proceduresPerSecond() {
      return procedures / seconds;
    }

    double completionsPerSecond() {
      return completions / seconds;
    }

    double commitsPerSecond() {
      return sql.commits() / seconds;
    }

    /** This JVM's CPU time (drivers and engine; PostgreSQL excluded) per unit procedure: less disturbed than wall time by other load. */
    double cpuSecondsPerProcedure() {
      return cpuSeconds / procedures;
    }
  }

  private record EngineRun(Throughput one, Throughput four, double authStatements) {
  }

  @Test
  void measure() throws Exception {
    line("# xuncha benchmark (issue 16) — %s", java.time.ZonedDateTime.now().withNano(0));
    line("Machine: %s; %d CPUs visible to the JVM; %s; load average at start %s", cpuModel(),
        Runtime.getRuntime().availableProcessors(), memTotal(), loadAverage());
    line("Parameters: bench.rounds=%d per driver; history level full; embedded PostgreSQL", ROUNDS);

    String appUrl = PostgresDatabase.create("bench_app");
    EngineRun stock = engineRun(PostgresDatabase.create("bench_stock"), true);
    EngineRun app = engineRun(appUrl, false);

    section("Raw commit rate of the same PostgreSQL (single-row insert + commit over JDBC, 5 s each)");
    double raw1 = rawCommitRate(PostgresDatabase.create("bench_raw"), 1);
    double raw4 = rawCommitRate(PostgresDatabase.create("bench_raw4"), 4);
    line("1 connection: %.0f commits/s; 4 connections: %.0f commits/s", raw1, raw4);
    line("Engine commits/s (app settings): 1 driver %.1f = %.1f %% of raw; 4 drivers %.1f = %.1f %% of raw",
        app.one.commitsPerSecond(), 100 * app.one.commitsPerSecond() / raw1,
        app.four.commitsPerSecond(), 100 * app.four.commitsPerSecond() / raw4);

    section("Packaged application (" + PackagedApp.COMMAND + ", postgres profile) restarted on the benchmark's database");
    double startUp;
    long rssStarted;
    long rssAfterWork;
    try (PackagedApp packaged = PackagedApp.start("bench", appUrl)) {
      startUp = packaged.startUp().toMillis() / 1000.0;
      String loadAtStart = loadAverage();
      rssStarted = packaged.residentKilobytes();
      RestCaller rest = new RestCaller(packaged.baseUrl());
      String round = PreparationWork.approvedRound(rest);
      JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(appUrl, "xuncha", "xuncha"));
      int done = 0;
      for (PreparationWork.WorkItem item : PreparationWork.openItems(db)) {
        if (item.round().equals(round)) {
          done += PreparationWork.complete(rest, item).ok() ? 1 : 0;
        }
      }
      rssAfterWork = packaged.residentKilobytes();
      line("Start-up to a healthy /actuator/health: %.1f s (%.1f s of CPU time, load average %s); RSS after start %d MB; after a round"
          + " planned, approved and prepared over REST (%d + 4 task completions, the rest of a round is driven in-process above) %d MB",
          startUp, packaged.startUpCpu().toMillis() / 1000.0, loadAtStart, rssStarted / 1024, done, rssAfterWork / 1024);
      line("(unit procedures in that database: %d)",
          db.queryForObject("select count(*) from act_hi_procinst where proc_def_key_ = 'unit-inspection'", Long.class));
    }

    section("Goals of issue 16");
    double ratio1 = app.one.proceduresPerSecond() / stock.one.proceduresPerSecond();
    double ratio4 = app.four.proceduresPerSecond() / stock.four.proceduresPerSecond();
    goal("Unit procedures/s with the app's settings ≥ 1.5 × stock, 1 driver", "%.2f × (CPU: %.2f ×)".formatted(ratio1,
        stock.one.cpuSecondsPerProcedure() / app.one.cpuSecondsPerProcedure()), ratio1 >= 1.5);
    goal("Unit procedures/s with the app's settings ≥ 1.5 × stock, 4 drivers", "%.2f × (CPU: %.2f ×)".formatted(ratio4,
        stock.four.cpuSecondsPerProcedure() / app.four.cpuSecondsPerProcedure()), ratio4 >= 1.5);
    double submitApp = app.one.sql.perCall(SUBMIT_FORM);
    double submitStock = stock.one.sql.perCall(SUBMIT_FORM);
    goal("submit-form statements within 2 × stock", "%.1f vs %.1f = %.2f ×".formatted(submitApp, submitStock, submitApp / submitStock),
        submitApp <= 2 * submitStock);
    double perProcedure = (double) app.one.sql.statements() / app.one.procedures;
    goal("Statements per unit procedure ≥ 70 % below 7,405 (≤ 2,221)", "%.0f (%.0f %% below)".formatted(perProcedure,
        100 * (1 - perProcedure / 7405)), perProcedure <= 7405 * 0.3);
    goal("Authentication: a few statements per REST request (≤ 5)", "%.1f".formatted(app.authStatements), app.authStatements <= 5);
    goal("Start-up < 12 s", "%.1f s".formatted(startUp), startUp < 12);
    goal("RSS < 700 MB after start", "%d MB".formatted(rssStarted / 1024), rssStarted < 700 * 1024);
    goal("RSS < 700 MB after the REST round work", "%d MB".formatted(rssAfterWork / 1024), rssAfterWork < 700 * 1024);
    line("Load average at end: %s. The two configurations run one after the other: on a machine with other load, wall-time"
        + " ratios follow that load; the CPU ratio (stock's JVM CPU time per unit procedure ÷ the app's) and the statement counts do not.",
        loadAverage());

    System.out.println(out);
    Path report = Path.of("target", "bench", "report.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out.toString());
  }

  /** One engine configuration on a fresh database: throughput at 1 and 4 drivers, statements. */
  private EngineRun engineRun(String jdbcUrl, boolean stock) throws Exception {
    String label = stock ? "stock Camunda settings" : "the application's settings";
    SqlCounter counter = new SqlCounter();
    List<String> args = new ArrayList<>(List.of("--XUNCHA_DB_URL=" + jdbcUrl,
        "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha", "--XUNCHA_ADMIN_PASSWORD=bench-admin-secret",
        "--XUNCHA_SECURE_COOKIES=false", "--xuncha.demo=true", "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--xuncha.calendar.dir=target/bench/calendar", "--logging.level.root=WARN"));
    if (stock) {
      args.addAll(STOCK);
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres")
        .initializers(context -> {
          context.getBeanFactory().addBeanPostProcessor(counter.dataSourceWrapper());
          context.getBeanFactory().registerSingleton("benchCommandNames", counter.commandNames());
        })
        .run(args.toArray(String[]::new))) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));

      // Four rounds at once first, unmeasured: the JIT compiler has then compiled the hot code before either configuration is
      // measured (after one warm-up round, the configuration measured second used a third of the first one's CPU time).
      drive(engine, jdbc, counter, 4);
      Throughput one = drive(engine, jdbc, counter, 1);
      Throughput four = drive(engine, jdbc, counter, 4);
      Snapshot beforeAuth = counter.snapshot();
      RestCaller rest = new RestCaller("http://localhost:" + port);
      int authCalls = 20;
      for (int i = 0; i < authCalls; i++) {
        rest.get("office1", "/engine-rest/version");
      }
      double authStatements = (double) counter.snapshot().minus(beforeAuth).statements() / authCalls;

      section("Engine with " + label);
      for (Throughput run : List.of(one, four)) {
        line("%d driver(s): %d unit procedures, %d task completions in %.1f s = %.3f unit procedures/s, %.2f task completions/s;"
                + " %d statements, %d commits (%.1f commits/s); JVM CPU %.2f s per unit procedure",
            run.drivers, run.procedures, run.completions, run.seconds, run.proceduresPerSecond(), run.completionsPerSecond(),
            run.sql.statements(), run.sql.commits(), run.commitsPerSecond(), run.cpuSecondsPerProcedure());
      }
      line("Statements (1 driver): %.0f per task completion (all statements of the round ÷ completed tasks; finding, claiming,"
              + " submitting, the drivers' group look-ups, timers), %.0f per unit procedure (the round's ÷ %d units), %.1f commits per completion",
          (double) one.sql.statements() / one.completions, (double) one.sql.statements() / one.procedures, UNITS_PER_ROUND,
          (double) one.sql.commits() / one.completions);
      line("Statements per REST request with HTTP Basic (GET /engine-rest/version, which reads nothing itself): %.1f", authStatements);
      line("Statements per call of the engine commands that issue most (1 driver):");
      for (Map.Entry<String, Long> command : one.sql.top(one.sql.byCommand(), 8)) {
        line("  %8d  %-40s %6.1f per call (%d calls)", command.getValue(), command.getKey(), one.sql.perCall(command.getKey()),
            one.sql.commandCalls().getOrDefault(command.getKey(), 0L));
      }
      line("Top statements (1 driver):");
      for (Map.Entry<String, Long> statement : one.sql.top(one.sql.byText(), 12)) {
        line("  %8d  %s", statement.getValue(), statement.getKey());
      }
      return new EngineRun(one, four, authStatements);
    }
  }

  /**
   * {@code drivers} threads each run {@link #ROUNDS} sample rounds from plan to publication through
   * the engine as the demo users ({@link ProcedureSteps}). The engine clock is one per JVM, so the
   * drivers move it together: each waits at every date change until all have arrived.
   */
  private Throughput drive(ProcessEngine engine, JdbcClient jdbc, SqlCounter counter, int drivers) throws Exception {
    long completedBefore = completedTasks(jdbc);
    Snapshot before = counter.snapshot();
    Phaser phaser = new Phaser(drivers);
    ProcedureSteps.moveClockWith(date -> {
      phaser.arriveAndAwaitAdvance();
      ClockUtil.setCurrentTime(date);
      phaser.arriveAndAwaitAdvance();
    });
    ExecutorService pool = Executors.newFixedThreadPool(drivers);
    long cpuStarted = processCpuNanos();
    long started = System.nanoTime();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < drivers; i++) {
        work.add(pool.submit(() -> {
          try {
            for (int round = 0; round < ROUNDS; round++) {
              new ProcedureSteps(engine).runSampleRoundToPublication();
            }
          } finally {
            phaser.arriveAndDeregister();
          }
          return null;
        }));
      }
      for (Future<?> future : work) {
        future.get();
      }
    } finally {
      pool.shutdown();
      ProcedureSteps.moveClockWith(null);
      ClockUtil.reset();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
    return new Throughput(drivers, drivers * ROUNDS * UNITS_PER_ROUND, completedTasks(jdbc) - completedBefore, seconds, cpuSeconds,
        counter.snapshot().minus(before));
  }

  /** Single-row insert and commit in a loop on each of {@code connections} connections for five seconds: commits per second. */
  private static double rawCommitRate(String url, int connections) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "xuncha", "xuncha"); Statement statement = connection.createStatement()) {
      statement.execute("create table commit_rate (id bigserial primary key, at timestamptz not null default now(), note text)");
    }
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long started = System.nanoTime();
    List<Future<Long>> counts = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      counts.add(pool.submit(() -> {
        long commits = 0;
        try (Connection connection = DriverManager.getConnection(url, "xuncha", "xuncha");
             PreparedStatement insert = connection.prepareStatement("insert into commit_rate (note) values (?)")) {
          connection.setAutoCommit(false);
          while (System.nanoTime() < deadline) {
            insert.setString(1, "commit");
            insert.executeUpdate();
            connection.commit();
            commits++;
          }
        }
        return commits;
      }));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    pool.shutdown();
    return total / ((System.nanoTime() - started) / 1e9);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long completedTasks(JdbcClient jdbc) {
    return jdbc.sql("select count(*) from act_hi_taskinst where end_time_ is not null and delete_reason_ = 'completed'")
        .query(Long.class).single();
  }

  private void section(String title) {
    line("");
    line("## " + title);
  }

  private void goal(String goal, String measured, boolean met) {
    line("  %-70s %-28s %s", goal, measured, met ? "met" : "NOT MET");
  }

  private void line(String format, Object... values) {
    String text = values.length == 0 ? format : String.format(format, values);
    out.append(text).append('\n');
    System.out.println(text);
  }

  static String cpuModel() throws Exception {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
  }

  static String memTotal() throws Exception {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB RAM").orElse("unknown RAM");
  }

  static String loadAverage() throws Exception {
    return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
  }
}

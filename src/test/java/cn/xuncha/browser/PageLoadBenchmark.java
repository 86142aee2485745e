package cn.xuncha.browser;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pages issue 15 found slow, timed in headless Chromium at 1400 px (part of {@code bench/run}),
 * after one visit by another browser that warms the server up: from the click on 登录 to a rendered
 * Tasklist (its filters and the task list of the landing filter, the one with the user's work, or
 * the note that the filter has none; tasklist/scripts/xuncha-tasklist.js hides the list until the
 * landing is decided), and from opening
 * Cockpit to its dashboard with the figures. The first visit has
 * an empty browser cache; each later visit signs in again in the same browser (cookies cleared, the
 * cache kept), as an office user does every morning. Besides the times it prints the requests and
 * the bytes that went over the wire (the Resource Timing API's {@code transferSize}), since the
 * cause found was the transfer: about 5 MB per page, uncompressed and never cached. Figures go to
 * stdout and {@code target/bench/page-load.txt}; {@code bench.pageSamples} (default 5) later visits.
 */
class PageLoadBenchmark {

  private static final String RENDERED_TASKLIST = "return location.href.includes('/tasklist') && !!document.querySelector('.task-filter')"
      + " && !document.body.classList.contains('xuncha-landing') && (!!document.querySelector('.tasks-list .task') || document.body.innerText.includes('没有符合过滤条件的任务'))";
  private static final String RENDERED_DASHBOARD = "return !!document.querySelector('.dashboard') && document.body.innerText.includes('运行中')";
  private static final String TRANSFER = """
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      return {requests: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.transferSize, 0)};""";

  /** One page load: milliseconds, requests, bytes transferred. */
  record Load(long millis, long requests, long bytes) {
  }

  private final List<String> lines = new ArrayList<>();

  @Test
  void loginToTasklistAndCockpitDashboard() throws Exception {
    int samples = Integer.getInteger("bench.pageSamples", 5);
    ConfigurableApplicationContext app = Browser.application("page-load-benchmark");
    try {
      ProcedureSteps.at("2022-04-01T09:00");
      new RoundPlanSteps(app.getBean(ProcessEngine.class)).approvedSampleRound();
      String base = Browser.base(app);
      List<Load> tasklist = new ArrayList<>();
      List<Load> cockpit = new ArrayList<>();
      // The server's first pages compile and load what later ones reuse: a browser of its own takes them.
      try (Browser warmUp = Browser.open(base)) {
        login(warmUp.driver, base);
        timed(warmUp.driver, () -> warmUp.driver.get(base + "/camunda/app/cockpit/default/#/dashboard"), RENDERED_DASHBOARD);
      }
      try (Browser browser = Browser.open(base)) {
        for (int visit = 0; visit <= samples; visit++) {
          browser.driver.manage().deleteAllCookies();
          tasklist.add(login(browser.driver, base));
          cockpit.add(timed(browser.driver, () -> browser.driver.get(base + "/camunda/app/cockpit/default/#/dashboard"), RENDERED_DASHBOARD));
        }
      }
      line("Page loads in headless Chromium, 1400 px, demo data (one approved round); bench.pageSamples=%d later visits;"
          + " machine load average %.1f (%d cores)", samples, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      Load tasklistFirst = tasklist.get(0);
      Load cockpitFirst = cockpit.get(0);
      List<Load> tasklistLater = tasklist.subList(1, tasklist.size());
      List<Load> cockpitLater = cockpit.subList(1, cockpit.size());
      report("Login → rendered Tasklist", tasklistFirst, tasklistLater);
      report("Cockpit dashboard", cockpitFirst, cockpitLater);
      line("Goals (issue 15: 3.5–4 s and 3.3–3.9 s measured before; this machine is shared, so times vary with its load):");
      goal("Login → rendered Tasklist, later visits p50 < 1,500 ms", "%d ms".formatted(p50(tasklistLater)), p50(tasklistLater) < 1500);
      goal("Cockpit dashboard, later visits p50 < 1,500 ms", "%d ms".formatted(p50(cockpitLater)), p50(cockpitLater) < 1500);
      goal("Bytes over the wire, later visit ≤ 10 % of the first (Tasklist)", "%.1f %%".formatted(share(tasklistLater, tasklistFirst)),
          share(tasklistLater, tasklistFirst) <= 10);
      goal("Bytes over the wire, first visit ≤ 2 MB (Tasklist; uncompressed 5.1 MB)", "%.2f MB".formatted(tasklistFirst.bytes() / 1e6),
          tasklistFirst.bytes() <= 2_000_000);
    } finally {
      Browser.stop(app);
    }
    String out = String.join("\n", lines) + "\n";
    System.out.println(out);
    Path report = Path.of("target", "bench", "page-load.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, out);
  }

  private static Load login(WebDriver driver, String base) {
    driver.get(base + "/login");
    driver.findElement(By.id("username")).sendKeys("leader1");
    driver.findElement(By.id("password")).sendKeys("demo");
    return timed(driver, () -> driver.findElement(By.cssSelector("button[type=submit]")).click(), RENDERED_TASKLIST);
  }

  /** Runs {@code action} and times it until {@code rendered} (a script answering true) holds. */
  private static Load timed(WebDriver driver, Runnable action, String rendered) {
    long start = System.nanoTime();
    action.run();
    new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(20))
        .until(browser -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(rendered)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    @SuppressWarnings("unchecked")
    Map<String, Number> transfer = (Map<String, Number>) ((JavascriptExecutor) driver).executeScript(TRANSFER);
    return new Load(millis, transfer.get("requests").longValue(), transfer.get("bytes").longValue());
  }

  private void report(String page, Load first, List<Load> later) {
    line("  %-28s first visit %,6d ms, %3d requests, %,10d bytes; later visits p50 %,6d ms (max %,d), %3d requests, %,8d bytes",
        page, first.millis(), first.requests(), first.bytes(), p50(later), later.stream().mapToLong(Load::millis).max().orElse(0),
        later.get(later.size() - 1).requests(), later.get(later.size() - 1).bytes());
  }

  private static long p50(List<Load> loads) {
    long[] millis = loads.stream().mapToLong(Load::millis).sorted().toArray();
    return millis[(millis.length - 1) / 2];
  }

  private static double share(List<Load> later, Load first) {
    return 100.0 * later.get(later.size() - 1).bytes() / first.bytes();
  }

  private void goal(String goal, String measured, boolean met) {
    line("  %-70s %-12s %s", goal, measured, met ? "met" : "NOT MET");
  }

  private void line(String format, Object... args) {
    lines.add(args.length == 0 ? format : format.formatted(args));
  }
}

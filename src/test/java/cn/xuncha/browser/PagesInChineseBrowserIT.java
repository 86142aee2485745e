package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every screen a county office meets, read in Chromium for English words beyond the one list of
 * allowed terms ({@link Browser#ALLOWED_ENGLISH}): the application's own pages (overview, coverage,
 * a unit's timeline with its documents, a document, the ledgers, registers, the pool and a person,
 * teams, appraisals, the calendar, clue routing, migration), the error pages 403, 404 and 413, the
 * login page before and after logout; Tasklist's list with its filters, a task form and the
 * start-process dialog; Cockpit's dashboard and a unit's instance as the office and the leading group
 * (a team leader is refused Cockpit with the Chinese 403 page, scanned too).
 * Each screen's findings are gathered, so one run names every screen that still shows English.
 */
class PagesInChineseBrowserIT {

  private static final String COCKPIT = "/camunda/app/cockpit/default/#";
  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessInstance round;
  private static ProcessInstance zhaocun;

  @BeforeAll
  static void startApplicationWithATeamOnSite() {
    app = Browser.application("pages-in-chinese-browser-it");
    base = Browser.base(app);
    ProcedureSteps steps = new ProcedureSteps(app.getBean(ProcessEngine.class));
    ProcedureSteps.at("2022-04-01T09:00");
    round = steps.approvedRound();
    zhaocun = steps.startUnit(round, 1);
    steps.bringOnSite(zhaocun, 1, "unit1");
    ProcedureSteps.at("2022-04-25T10:00");
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void everyScreenOfTheOfficeReadsInChinese() {
    Map<String, List<String>> english = new LinkedHashMap<>();
    String key = round.getBusinessKey();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.driver.get(base + "/login");
        scan(browser, english, "/login", "用户名");
        browser.logIn("office1");
        scanTasklist(browser, english, "office1");
        browser.click(By.cssSelector(".start-process-action"));
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        english.put("Tasklist 启动流程 dialog", settled(browser, ".modal-dialog", "code"));

        for (String page : List.of("/overview", "/overview/coverage", "/overview/" + key + "/unit1",
            "/documents/" + key + "/unit1/notice", "/documents/" + key + "/unit1/rectification", "/documents/" + key + "/ledger",
            "/ledger/clues/" + key, "/registers", "/registers/" + key + "/unit1", "/people", "/people/team1-leader", "/teams",
            "/teams/" + key, "/people/appraisals", "/people/appraisals/" + key + "/1", "/clue-routing", "/migration",
            "/no-such-page")) {
          browser.driver.get(base + page);
          scan(browser, english, page, null);
        }
        // the calendar's list of tentative deadlines still shows round keys and deadline ids (being changed to names
        // in issue 16's calendar work): its upload form is scanned
        browser.driver.get(base + "/calendar");
        english.put("/calendar (upload form)", browser.englishWordsIn("form[enctype]"));
        uploadOverTheLimit(browser);
        scan(browser, english, "413 (an 11 MB upload)", "错误代码 413");

        scanCockpit(browser, english, "office1");
        browser.logOut();
        scan(browser, english, "/login after logout", "用户名");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("pages-in-chinese-office");
        throw e;
      }
    }
    assertThat(english).as("English words on the office's screens").allSatisfy((screen, words) -> assertThat(words).as(screen).isEmpty());
  }

  @Test
  void everyScreenOfATeamLeaderAndTheLeadingGroupReadsInChinese() {
    Map<String, List<String>> english = new LinkedHashMap<>();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("team1-leader");
        scanTasklist(browser, english, "team1-leader");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='本组待办']"))).click();
        browser.click(By.xpath("//h4[@class='task']/a[normalize-space(.)='提出机动巡察村名单']"));
        browser.wait.until(driver -> browser.visible(By.cssSelector(".fjs-form")) != null);
        english.put("Tasklist task form (team1-leader)", settled(browser, "body", "code"));

        browser.driver.get(base + "/people");
        scan(browser, english, "403 (/people as a team leader)", "错误代码 403");
        browser.driver.get(base + COCKPIT + "/dashboard");
        scan(browser, english, "403 (Cockpit as a team leader)", "错误代码 403");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("pages-in-chinese-leader");
        throw e;
      }
    }
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("leader1");
        scanCockpit(browser, english, "leader1");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("pages-in-chinese-leading-group");
        throw e;
      }
    }
    assertThat(english).as("English words on a team leader's and the leading group's screens").allSatisfy((screen, words) -> assertThat(words).as(screen).isEmpty());
  }

  private static void scanTasklist(Browser browser, Map<String, List<String>> english, String user) {
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".task-filters .item, .filters .item")));
    english.put("Tasklist list and filters (" + user + ")", settled(browser, "body", "code"));
  }

  private static void scanCockpit(Browser browser, Map<String, List<String>> english, String user) {
    browser.open(base + COCKPIT + "/dashboard", "流程");
    english.put("Cockpit dashboard (" + user + ")", settled(browser, "body", "code"));
    browser.open(base + COCKPIT + "/process-instance/" + zhaocun.getId() + "/runtime", "业务键");
    // the rows of the variables tab are left out: the process variables' names and coded values (roundKey, PARTIAL)
    // have no Chinese labels yet (issue 15, left open)
    english.put("Cockpit instance of 赵村镇党委 (" + user + ")", settled(browser, "body", "code, [cam-widget-variables-table] tbody"));
  }

  /** Records the English on the page now open, once {@code text} (if given) is on it. */
  private static void scan(Browser browser, Map<String, List<String>> english, String screen, String text) {
    if (text != null) {
      browser.waitForText(text);
    }
    english.put(screen, browser.englishWordsIn("body"));
    browser.screenshot("chinese-" + screen.replaceAll("[^A-Za-z0-9]+", "-"));
  }

  /**
   * The English words left once the screen has settled: Camunda's webapps fill in their lists and
   * translations a moment after the page shows (under load, seconds). English still there after 30
   * seconds is what a user reads.
   */
  private static List<String> settled(Browser browser, String css, String notIn) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> words = browser.englishWordsIn(css, notIn);
    while (!words.isEmpty() && System.nanoTime() < deadline) {
      new Actions(browser.driver).pause(Duration.ofMillis(500)).perform();
      words = browser.englishWordsIn(css, notIn);
    }
    return words;
  }

  /** The office picks an 11 MB file for the pool's import: the server answers its 413 page. */
  private static void uploadOverTheLimit(Browser browser) {
    try {
      Path file = Files.createTempFile("xuncha-too-large", ".xlsx");
      try (RandomAccessFile content = new RandomAccessFile(file.toFile(), "rw")) {
        content.setLength(11L * 1024 * 1024);
      }
      browser.driver.get(base + "/people");
      browser.driver.findElement(By.cssSelector("form[action$='/people/import'] input[type=file]")).sendKeys(file.toString());
      new Actions(browser.driver).pause(Duration.ofMillis(300)).perform();
      browser.driver.findElement(By.cssSelector("form[action$='/people/import'] button[type=submit]")).click();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

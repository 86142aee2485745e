package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which task is which, in a real Chromium asking for Chinese: a team leader, the office and a unit
 * each land on the filter that holds their work (本组待办, their 我的待办 being empty), every card
 * names its unit, team and round, the unit is offered neither 新建任务 nor 启动流程, a long name keeps
 * the header menu on screen; Cockpit's dashboard, process list, a process and the DMN table show no
 * English beyond {@link #ALLOWED} and no Camunda 8 banner; the overview names rounds, teams and units. Screenshots under
 * {@code target/screenshots/names-*}.
 */
class NamesAndLandingBrowserIT {

  private static final String ROUND = "十五届县委第二轮巡察";
  /** Terms Cockpit shows by design beyond {@link Browser#ALLOWED_ENGLISH}: notations, ids, keys. */
  private static final Set<String> ALLOWED = Set.of("BPMN", "DMN", "ID", "id", "round", "step", "inspection", "calendar",
      "schedule", "clue", "routing", "transfer", "deployment", "training", "party", "branch", "inquiry", "reply", "analysis",
      "plan", "announcement", "notice", "ack", "on", "site", "report", "secretary", "meeting", "feedback", "receipt", "clues",
      "rectification", "publication", "deadline", "watch", "mobile", "villages", "item", "file", "request", "immediate", "string", "unitGroup", "namedDepartment", "clueKind", "work", "organisation", "other");

  /** Deployment and instance ids Cockpit shows. */
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessEngine engine;

  @BeforeAll
  static void startApplicationWithWorkForEveryRole() {
    app = Browser.application("names-browser-it");
    base = Browser.base(app);
    engine = app.getBean(ProcessEngine.class);
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    ProcessInstance zhaocun = steps.unit(round, "unit1");
    steps.analyseForTeam(zhaocun, 1);
    steps.draftTeamPlan(zhaocun, 1, Map.of());
    steps.fileTeamPlan(zhaocun, "approve", null);
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(zhaocun, Map.of());
    ProcessInstance zhangdian = steps.unit(round, "unit2");
    steps.analyseForTeam(zhangdian, 2);
    steps.draftTeamPlan(zhangdian, 2, Map.of());
    User office = engine.getIdentityService().createUserQuery().userId("office1").singleResult();
    office.setFirstName("县委巡察工作领导小组办公室综合科");
    office.setLastName("欧阳某某某某某某某某某某");
    engine.getIdentityService().saveUser(office);
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void everyoneLandsOnTheirWorkAndEveryCardNamesItsUnitTeamAndRound() {
    String myGroups = engine.getFilterService().createTaskFilterQuery().filterName("本组待办").singleResult().getId();
    String mine = engine.getFilterService().createTaskFilterQuery().filterName("我的待办").singleResult().getId();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("team3-leader");
        landsOn(browser, mine, "分析研判：谈话与重点问题"); // the leader's own task (issue 13)
        assertThat(cards(browser)).as("team 3's cards").containsExactly(List.of("辛集乡党委", ROUND, "第三巡察组"));
        assertThat(englishIn(browser, "body")).as("English in Tasklist, relative times among it").isEmpty();
        browser.screenshot("names-team-leader");
        browser.logOut();

        browser.logIn("office1");
        landsOn(browser, myGroups, "巡察办备案工作方案");
        assertThat(cards(browser)).as("the office's cards").contains(List.of("张店乡党委", ROUND, "第二巡察组"));
        assertThat((browser.visible(By.cssSelector(".start-process-action")) != null)).as("the office starts rounds").isTrue();
        WebElement account = browser.driver.findElement(By.cssSelector("[cam-widget-header] .account"));
        long width = (Long) ((JavascriptExecutor) browser.driver).executeScript("return document.documentElement.clientWidth;");
        assertThat(account.getRect().x + account.getRect().width).as("a long name keeps the account menu on screen").isLessThanOrEqualTo((int) width);
        browser.screenshot("names-office");
        browser.logOut();

        browser.logIn("unit1");
        landsOn(browser, myGroups, "签收巡察通知");
        assertThat(cards(browser)).as("the unit's card").containsExactly(List.of("赵村镇党委", ROUND, "第一巡察组"));
        assertThat((browser.visible(By.cssSelector(".start-process-action")) != null)).as("启动流程 for a unit").isFalse();
        assertThat((browser.visible(By.cssSelector(".create-task-action")) != null)).as("新建任务 for a unit").isFalse();
        assertThat(englishIn(browser, "body")).as("English in Tasklist").isEmpty();
        assertThat((browser.visible(By.cssSelector(".ce-eol-banner")) != null)).as("the Camunda 8 banner in Tasklist").isFalse();
        browser.screenshot("names-unit");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("names-tasklist");
        throw e;
      }
    }
  }

  @Test
  void cockpitAndTheOverviewSpeakChineseAndNameThings() {
    String decision = engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("clue-routing")
        .latestVersion().singleResult().getId();
    String calendar = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("calendar-schedule")
        .latestVersion().singleResult().getId();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("office1");
        List<String> english = new ArrayList<>();
        for (String[] page : List.of(new String[] {"dashboard", "#/dashboard", "部署"}, new String[] {"processes", "#/processes", "巡察轮次"},
            new String[] {"calendar", "#/process-definition/" + calendar + "/runtime", "节假日"},
            new String[] {"dmn", "#/decision-definition/" + decision, "问题线索"})) {
          browser.open(base + "/camunda/app/cockpit/default/" + page[1], page[2]);
          new org.openqa.selenium.interactions.Actions(browser.driver).pause(java.time.Duration.ofSeconds(3)).perform();
          browser.screenshot("names-cockpit-" + page[0]);
          englishIn(browser, "body").forEach(word -> english.add(page[0] + ": " + word));
          assertThat(browser.driver.getPageSource()).as(page[0]).doesNotContain("${scheduleYear}");
          assertThat((browser.visible(By.cssSelector(".ce-eol-banner")) != null)).as("the Camunda 8 banner on " + page[0]).isFalse();
        }
        assertThat(english).as("English in Cockpit").isEmpty();

        browser.driver.get(base + "/overview");
        browser.waitForText("赵村镇党委");
        assertThat(browser.driver.findElements(By.xpath("//select[@name='unit']/option[normalize-space(.)='赵村镇党委']"))).hasSize(1);
        assertThat(browser.driver.findElements(By.xpath("//select[@name='team']/option[normalize-space(.)='第一巡察组']"))).hasSize(1);
        browser.driver.findElement(By.linkText("赵村镇党委")).click();
        browser.waitForText("巡察进程：赵村镇党委");
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains(ROUND).doesNotContain("unit1", "round-");
        browser.screenshot("names-overview-unit");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("names-cockpit");
        throw e;
      }
    }
  }

  /** Waits for a card of this task without choosing a filter, and checks the filter chosen is 本组待办. */
  private static void landsOn(Browser browser, String filterId, String taskName) {
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(@class,'task-name') or self::h4]"
        + "[normalize-space(.)='" + taskName + "']")));
    assertThat(browser.driver.getCurrentUrl()).as("the landing filter").contains("filter=" + filterId);
  }

  /** The variable values each visible task card shows, in order. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> cards(Browser browser) {
    browser.wait.until(driver -> !driver.findElements(By.cssSelector("li.task .variable-value")).isEmpty());
    return (List<List<String>>) ((JavascriptExecutor) browser.driver).executeScript("""
        return [...document.querySelectorAll('li.task')].map(card =>
          [...card.querySelectorAll('.variable-value')].map(value => value.textContent.trim()).filter(text => text.length));""");
  }

  /** English words in the visible text, titles and placeholders, beyond the allowed terms. */
  private static List<String> englishIn(Browser browser, String css) {
    String text = (String) ((JavascriptExecutor) browser.driver).executeScript("""
        const root = document.querySelector(arguments[0]);
        const attributes = [...root.querySelectorAll('[title],[placeholder],[aria-label]')].filter(e => e.offsetParent)
          .map(e => [e.getAttribute('title'), e.getAttribute('placeholder'), e.getAttribute('aria-label')].filter(a => a).join(' '));
        return root.innerText + ' ' + attributes.join(' ');""", css);
    text = UUID.matcher(text).replaceAll(" ");
    return Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2,}(?![A-Za-z0-9])").matcher(text).results().map(MatchResult::group)
        .filter(word -> !Browser.ALLOWED_ENGLISH.contains(word) && !ALLOWED.contains(word)).distinct().toList();
  }
}

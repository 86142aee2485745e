package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a user reads when Tasklist or Cockpit meets a refusal or a record that does not exist in the
 * engine's API, whose error answers {@code RefusalMessageFilter} reduces to a Chinese {@code message}
 * (a 403 typed {@code RestException}): a team leader opens another team's task and a task that does
 * not exist by Tasklist's deep link, then works on; the leading group opens a process instance that
 * does not exist in Cockpit and tries to delete the round's instance, which it may only read. Each
 * time the notification is the server's Chinese sentence, once, without the webapps' "<task> <-",
 * "undefined", English or a raw answer (static/js/xuncha-zh.js), and the page goes on working.
 */
class ErrorAnswersBrowserIT {

  private static final String TASKLIST = "/camunda/app/tasklist/default/#/";
  private static final String COCKPIT = "/camunda/app/cockpit/default/#";
  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessEngine engine;
  private static ProcessInstance round;

  @BeforeAll
  static void startApplicationWithAnApprovedRound() {
    app = Browser.application("error-answers-browser-it");
    base = Browser.base(app);
    engine = app.getBean(ProcessEngine.class);
    ProcedureSteps.at("2022-04-01T09:00");
    round = new RoundPlanSteps(engine).approvedSampleRound();
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void refusedAndMissingRecordsReadInChineseAndThePagesGoOnWorking() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    Task otherTeams = engine.getTaskService().createTaskQuery().taskCandidateGroup(steps.teamGroup(round, 3)).list().get(0);
    Task ownTeams = engine.getTaskService().createTaskQuery().taskCandidateGroup(steps.teamGroup(round, 1)).list().get(0);
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("team1-leader");
        assertThat(notificationAt(browser, base + TASKLIST + "?task=" + otherTeams.getId(), "tasklist-other-team")).as("another team's task is not shown, as if it did not exist")
            .isEqualTo("此任务不存在或已办结，请刷新任务列表");

        assertThat(notificationAt(browser, base + TASKLIST + "?task=" + UUID.randomUUID(), "tasklist-missing")).isEqualTo("此任务不存在或已办结，请刷新任务列表");

        browser.click(By.xpath("//*[normalize-space(text())='本组待办']"));
        browser.click(By.xpath("//h4[@class='task']/a[normalize-space(.)='" + ownTeams.getName() + "']"));
        browser.waitForText("认领");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//h2[normalize-space(.)='" + ownTeams.getName() + "']")));
        browser.screenshot("error-answers-tasklist-works-on");
        browser.logOut();

        browser.logIn("leader1");
        String missing = UUID.randomUUID().toString();
        assertThat(notificationAt(browser, base + COCKPIT + "/process-instance/" + missing + "/runtime", "cockpit-missing")).isEqualTo("无法显示运行中的流程实例 : 不存在 ID 为 " + missing + " 的运行中流程实例");

        browser.open(base + COCKPIT + "/process-instance/" + round.getId() + "/runtime", "业务键");
        browser.click(By.xpath("//a[span[contains(@class,'glyphicon-remove')]]"));
        browser.click(By.xpath("//button[normalize-space(.)='删除流程实例']"));
        String refused = notification(browser, "cockpit-delete-refused");
        assertThat(refused).isEqualTo("失败 : 删除流程实例失败。您无权进行此项操作，未保存任何内容");
        assertThat(browser.driver.findElement(By.cssSelector(".modal-body")).getText()).as("the dialog points to the reason, not only to a deleted instance")
            .contains("未能成功删除该流程实例。", "原因见上方提示。");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(round.getId()).count()).isOne();
        browser.click(By.xpath("//div[contains(@class,'modal-footer')]/button[normalize-space(.)='确定']"));
        browser.open(base + COCKPIT + "/process-instance/" + round.getId() + "/runtime", "业务键");
        browser.screenshot("error-answers-cockpit-works-on");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("error-answers");
        throw e;
      }
    }
  }

  /**
   * The notification the user reads after opening {@code url}. On a loaded machine the webapps now and
   * then show nothing at all after the first opening of an app: like a user, the page is then loaded
   * once more, and that is printed. The page is always loaded anew, so a notification left from the step
   * before cannot pass for this one. Two notifications at once fail at once, and so does an empty one
   * seen on two polls in a row (one fading out may read empty once): that is what this test is for, and
   * no second try may hide it.
   */
  private static String notificationAt(Browser browser, String url, String name) {
    browser.driver.get(url);
    browser.driver.navigate().refresh(); // the address may differ from the page's in its #fragment only: load it anew
    int[] most = {0};
    int[] emptyPolls = {0};
    try {
      new WebDriverWait(browser.driver, Duration.ofSeconds(45)).ignoring(StaleElementReferenceException.class).until(driver -> {
        List<WebElement> alerts = alerts(driver);
        // an alert fading out may read empty once; one that stays empty is a defect
        emptyPolls[0] = alerts.stream().anyMatch(alert -> text(alert).isEmpty()) ? emptyPolls[0] + 1 : 0;
        assertThat(emptyPolls[0]).as(name + ": no empty notification").isLessThan(2);
        most[0] = Math.max(most[0], alerts.size());
        assertThat(most[0]).as(name + ": notifications at once, " + shown(driver)).isLessThanOrEqualTo(1);
        return alerts.size() == 1;
      });
    } catch (org.openqa.selenium.TimeoutException stalled) {
      browser.screenshot("error-answers-" + name + "-nothing-shown");
      System.out.println(name + ": no notification within 45 s at " + browser.driver.getCurrentUrl() + "; the page is loaded again");
      browser.driver.navigate().refresh();
    }
    return notification(browser, name);
  }

  /**
   * The notification the user reads once it has settled (the webapps write it in steps, and draw it anew
   * meanwhile), checked for what must never show: an empty text, "undefined", English, the markup or JSON
   * of an answer, a Java name.
   */
  private static String notification(Browser browser, String name) {
    WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(90));
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(() -> name + ": one notification expected at " + browser.driver.getCurrentUrl() + ", shown " + shown(browser.driver));
    wait.until(driver -> shown(driver).size() == 1);
    new org.openqa.selenium.interactions.Actions(browser.driver).pause(Duration.ofSeconds(2)).perform();
    browser.screenshot("error-answers-" + name);
    String settled = wait.until(driver -> {
      List<String> shown = shown(driver);
      return shown.size() == 1 ? shown.get(0) : null;
    });
    assertThat(settled).as(name).isNotBlank().doesNotContain("undefined", "null", "<", "&lt;", "{", "Exception", "ENGINE-");
    List<String> english = wait.until(driver -> browser.englishWordsIn("[notifications-panel]"));
    assertThat(english).as(name).isEmpty();
    return settled;
  }

  /** The texts of the notifications the user sees, without their close button's ×. */
  private static List<String> shown(WebDriver driver) {
    return alerts(driver).stream().map(ErrorAnswersBrowserIT::text).filter(alert -> !alert.isEmpty()).toList();
  }

  private static List<WebElement> alerts(WebDriver driver) {
    return driver.findElements(By.cssSelector("[notifications-panel] .alert")).stream().filter(WebElement::isDisplayed).toList();
  }

  private static String text(WebElement alert) {
    return alert.getText().replaceFirst("^×\\s*", "").replaceAll("\\s+", " ").trim();
  }
}

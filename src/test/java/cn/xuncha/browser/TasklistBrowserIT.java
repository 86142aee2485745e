package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A team leader works a task in Tasklist, in a real headless Chromium that asks for Chinese: log in,
 * 本组待办 shows only the own team's tasks, claim, a value the server refuses (the Chinese message
 * shows, nothing is saved), valid values, complete, log out; another team's leader never sees it.
 * Screenshots go to {@code target/screenshots/}. Without Chromium the test is skipped, except under
 * {@code CI=true}, where a missing browser fails the build.
 */
class TasklistBrowserIT {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessInstance zhaocun;

  @BeforeAll
  static void startApplicationWithTwoTeamsOnSite() {
    app = Browser.application("browser-it");
    base = Browser.base(app);
    ProcedureSteps steps = new ProcedureSteps(app.getBean(ProcessEngine.class));
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    zhaocun = steps.startUnit(round, 1);
    steps.bringOnSite(zhaocun, 1, "unit1");
    ProcessInstance xinji = steps.startUnit(round, 3);
    steps.bringOnSite(xinji, 3, "unit3");
    ProcedureSteps.at("2022-04-25T10:00");
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void teamLeaderWorksAMobileVillageTaskInChineseTasklist() throws IOException {
    WebDriver browser = Browser.chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base + "/login");
      assertThat(browser.getPageSource()).contains("县委巡察工作平台", "用户名", "密码");
      screenshot(browser, "01-login");
      logIn(browser, "team1-leader");

      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='本组待办']"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']")));
      assertThat(browser.findElements(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']"))).hasSize(1);
      assertThat(browser.getPageSource()).contains("登记问题底稿", "向领导小组报告重大问题");
      screenshot(browser, "02-tasklist-team-tasks");

      browser.findElement(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='认领']"))).click();
      List<String> villages = cn.xuncha.round.SampleRound.plan().units().get(0).villages();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//label[normalize-space(.)='" + villages.get(6) + "']")));
      check(browser, villages.get(6));
      check(browser, villages.get(7));
      type(browser, visible(browser, By.cssSelector("textarea[id$='-Field_mobileReason']")), "信访反映集中");
      complete(browser, wait);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(text(),'现选择了 2 个')]")));
      screenshot(browser, "03-form-refused");
      assertThat(proposals()).isZero();

      for (String village : villages.subList(8, 12)) {
        check(browser, village);
      }
      complete(browser, wait);
      wait.until(driver -> proposals() == 1);
      screenshot(browser, "04-completed");

      logOut(browser, wait);
      logIn(browser, "team3-leader");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='本组待办']"))).click();
      wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']")));
      assertThat(browser.findElements(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']"))).hasSize(1);
      assertThat(browser.getPageSource()).doesNotContain("领导小组批准机动巡察村");
      screenshot(browser, "05-other-team");
    } catch (RuntimeException | AssertionError e) {
      screenshot(browser, "failure");
      Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
      throw e;
    } finally {
      browser.quit();
    }
  }

  private long proposals() {
    return app.getBean(JdbcClient.class).sql("select count(*) from xc_mobile_proposal").query(Long.class).single();
  }

  private void logIn(WebDriver browser, String user) {
    browser.get(base + "/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static void logOut(WebDriver browser, WebDriverWait wait) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".account .dropdown-toggle, li.account > a"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='退出登录']"))).click();
    wait.until(ExpectedConditions.urlContains("/login"));
  }

  /** Tasklist may keep an earlier rendering of the form hidden in the page: use the one the user sees. */
  private static WebElement visible(WebDriver browser, By locator) {
    return browser.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow();
  }

  /** Types into a form field as an input method does: the value arrives in one input event. */
  private static void type(WebDriver browser, WebElement field, String text) {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;"
            + "setter.call(arguments[0], arguments[1]);"
            + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));", field, text);
  }

  private static void check(WebDriver browser, String label) {
    WebElement box = visible(browser, By.xpath("//label[normalize-space(.)='" + label + "']//input | //label[normalize-space(.)='"
        + label + "']/preceding-sibling::input[1] | //input[@type='checkbox'][following-sibling::*[normalize-space(.)='" + label + "']]"));
    box.click();
  }

  /**
   * Tasklist's 完成 button sits under its notifications; a click by script reaches it like a user who
   * scrolls. form-js takes typed text into its state after a short debounce, so the click waits for it.
   */
  private static void complete(WebDriver browser, WebDriverWait wait) {
    new org.openqa.selenium.interactions.Actions(browser).pause(Duration.ofMillis(1500)).perform();
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='完成']")));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click();", button);
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One login page and one logout, in a real headless Chromium that asks for Chinese (issue 15 item 2):
 * three rounds of logging in on our page, opening Tasklist, logging out from Tasklist's menu and
 * logging in again, where the right password works at the first click; the same from Cockpit and
 * Admin; and a session that ended on the server, after which Tasklist's next request (its own
 * refresh or a click) and the next page opened lead to our login page with 会话已过期. Camunda's own login form and English error pages never show. Skipped without
 * Chromium, except under {@code CI=true}.
 */
class LoginLogoutBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots", "login-logout");
  private static final String TASKLIST = "/camunda/app/tasklist/default/";

  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void startApplication() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(installed).as("CI must run the browser tests: install chromium and chromium-driver (.ci/run does)").isTrue();
    }
    Assumptions.assumeTrue(installed, "浏览器测试已跳过：未安装 Chromium（/usr/bin/chromium、/usr/bin/chromedriver）");
    app = new SpringApplicationBuilder(XunchaApplication.class).profiles("test").run(
        "--spring.datasource.url=jdbc:h2:mem:login-logout-it;DB_CLOSE_DELAY=-1", "--server.port=0",
        "--camunda.bpm.process-engine-name=login-logout-it", "--xuncha.calendar.dir=target/login-logout-it-calendar");
    base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void logsInAndOutOfTasklistThreeTimesInARow() throws IOException {
    WebDriver browser = chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base + "/login");
      for (int round = 1; round <= 3; round++) {
        logIn(browser, wait, "office1");
        screenshot(browser, round + "-tasklist");
        logOutFromMenu(browser, wait);
        assertOnOurLoginPage(browser, "您已安全退出");
        screenshot(browser, round + "-logged-out");
      }
    } catch (RuntimeException | AssertionError e) {
      failure(browser);
      throw e;
    } finally {
      browser.quit();
    }
  }

  @Test
  void logsOutOfCockpitAndAdminToOurLoginPage() throws IOException {
    WebDriver browser = chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base + "/login");
      logIn(browser, wait, "leader1");
      browser.get(base + "/camunda/app/cockpit/default/");
      logOutFromMenu(browser, wait);
      assertOnOurLoginPage(browser, "您已安全退出");
      logIn(browser, wait, "admin");
      browser.get(base + "/camunda/app/admin/default/");
      logOutFromMenu(browser, wait);
      assertOnOurLoginPage(browser, "您已安全退出");
      logIn(browser, wait, "admin");
    } catch (RuntimeException | AssertionError e) {
      failure(browser);
      throw e;
    } finally {
      browser.quit();
    }
  }

  @Test
  void anExpiredSessionLeadsToOurLoginPageWithANote() throws IOException {
    WebDriver browser = chromium();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      browser.get(base + "/login");
      logIn(browser, wait, "office1");
      expireOnServer(browser.manage().getCookieNamed("JSESSIONID").getValue());

      wait.until(driver -> driver.getCurrentUrl().contains("/login?expired") || clickFilter(driver));
      assertOnOurLoginPage(browser, "会话已过期，请重新登录");
      screenshot(browser, "expired");
      logIn(browser, wait, "office1");

      expireOnServer(browser.manage().getCookieNamed("JSESSIONID").getValue());
      browser.get(base + TASKLIST);
      wait.until(ExpectedConditions.urlContains("/login?expired"));
      assertOnOurLoginPage(browser, "会话已过期，请重新登录");
      logIn(browser, wait, "office1");
    } catch (RuntimeException | AssertionError e) {
      failure(browser);
      throw e;
    } finally {
      browser.quit();
    }
  }

  /** Types the password once and clicks once, on the page the browser is on: it must be our login page. */
  private static void logIn(WebDriver browser, WebDriverWait wait, String user) {
    assertThat(browser.getCurrentUrl()).startsWith(base + "/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/camunda/app/"));
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".account .dropdown-toggle, li.account > a")));
  }

  private static void logOutFromMenu(WebDriver browser, WebDriverWait wait) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".account .dropdown-toggle, li.account > a"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='退出登录']"))).click();
    wait.until(ExpectedConditions.urlContains("/login?logout"));
  }

  private static void assertOnOurLoginPage(WebDriver browser, String note) {
    assertThat(browser.getCurrentUrl()).startsWith(base + "/login").doesNotContain("#/login");
    assertThat(browser.getTitle()).isEqualTo("登录 — 县委巡察工作平台");
    assertThat(browser.getPageSource()).contains(note).doesNotContain("Forbidden", "Whitelabel", "用户名或密码错误");
  }

  /** A click in Tasklist that asks the server for tasks; Tasklist's own refresh may have asked already. */
  private static boolean clickFilter(WebDriver browser) {
    try {
      browser.findElements(By.xpath("//*[normalize-space(text())='我的待办']")).stream()
          .filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
    } catch (WebDriverException pageChangedMeanwhile) {
      // the next poll looks again
    }
    return false;
  }

  /** Ends the session as a timeout does, in the server's session store. */
  private static void expireOnServer(String sessionId) {
    var server = (TomcatWebServer) ((ServletWebServerApplicationContext) app).getWebServer();
    Context context = (Context) server.getTomcat().getHost().findChildren()[0];
    try {
      Session session = context.getManager().findSession(sessionId);
      assertThat(session).as("the browser's session on the server").isNotNull();
      session.expire();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static WebDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-CN", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createTempDirectory("xuncha-chromium"));
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static void failure(WebDriver browser) throws IOException {
    screenshot(browser, "failure");
    Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
    Files.write(SCREENSHOTS.resolve("failure-console.txt"),
        browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString).toList());
  }

  private static void screenshot(WebDriver browser, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import cn.xuncha.XunchaApplication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A headless Chromium that asks for Chinese, working Camunda Forms in Tasklist the way a user does:
 * fields found by their Chinese label, text arriving as an input method delivers it, dates typed
 * as 年-月-日. Screenshots go to {@code target/screenshots/}. Without Chromium the calling test is
 * skipped, except under {@code CI=true}, where a missing browser fails the build.
 */
final class Browser implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver driver;
  final WebDriverWait wait;
  private final String base;

  private Browser(WebDriver driver, String base) {
    this.driver = driver;
    this.base = base;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(120));
  }

  /** Skips the calling test when Chromium is missing (fails it under {@code CI=true}). */
  static void assumeInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if ("true".equals(System.getenv("CI"))) {
      assertThat(installed).as("CI must run the browser tests: install chromium and chromium-driver (.ci/run does)").isTrue();
    }
    Assumptions.assumeTrue(installed, "浏览器测试已跳过：未安装 Chromium（/usr/bin/chromium、/usr/bin/chromedriver）");
  }

  static Browser open(String base) {
    return new Browser(chromium(), base);
  }

  /** A fresh headless Chromium asking for Chinese, with its own profile and its console kept for failure reports. */
  static WebDriver chromium() {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=zh-CN", "--window-size=1400,1000",
          "--user-data-dir=" + Files.createTempDirectory("xuncha-chromium"));
      options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
      return new ChromeDriver(service, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The application for a browser test class, on an in-memory H2 database and an engine of its own
   * named {@code name}, on a random port; skips the class without Chromium (see {@link #assumeInstalled}).
   */
  static ConfigurableApplicationContext application(String name) {
    assumeInstalled();
    return new SpringApplicationBuilder(XunchaApplication.class).profiles("test").run(
        "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "--server.port=0",
        "--camunda.bpm.process-engine-name=" + name, "--xuncha.calendar.dir=target/" + name + "-calendar");
  }

  /** Stops the application of {@link #application} (if it started) and gives the engine its real clock back. */
  static void stop(ConfigurableApplicationContext app) {
    ClockUtil.reset();
    if (app != null) {
      app.close();
    }
  }

  /** Where the application of {@link #application} answers, e.g. {@code http://localhost:41234}. */
  static String base(ConfigurableApplicationContext app) {
    return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
  }

  void logIn(String user) {
    driver.get(base + "/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains("/tasklist"));
  }

  /**
   * Opens a task in Tasklist by its id (Tasklist's own deep link) and claims it unless it is assigned
   * already (a team's step given to its leader by name). On a loaded machine Tasklist now and then
   * shows no task after the link: like a user, reload once, then pick it from the list.
   */
  void openTask(String taskId, String taskName) {
    By heading = By.xpath("//h2[normalize-space(.)='" + taskName + "']");
    driver.get(base + "/camunda/app/tasklist/default/#/?task=" + taskId);
    try {
      new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(heading));
    } catch (org.openqa.selenium.TimeoutException stalled) {
      driver.navigate().refresh();
      try {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(heading));
      } catch (org.openqa.selenium.TimeoutException stillStalled) {
        // the task is listed but not shown: pick it from the list, as a user would
        click(By.xpath("//h4[@class='task']/a[normalize-space(.)='" + taskName + "']"));
        wait.until(ExpectedConditions.presenceOfElementLocated(heading));
      }
    }
    By claim = By.xpath("//button[normalize-space(.)='认领']");
    // Tasklist's assignee item, shown instead of the item holding 认领 once the task has an assignee
    By assignee = By.cssSelector(".actors li[ng-if='hasAssignee()']");
    wait.until(ExpectedConditions.or(ExpectedConditions.elementToBeClickable(claim), ExpectedConditions.presenceOfElementLocated(assignee)));
    if (driver.findElements(assignee).isEmpty()) {
      driver.findElement(claim).click();
    }
    wait.until(driver -> !driver.findElements(By.cssSelector(".fjs-form")).isEmpty());
  }

  /** The visible input, textarea or select display of a form field, by its Chinese label. */
  WebElement field(String label) {
    return fields(label).get(0);
  }

  /**
   * The visible inputs of every field with this label, one per row of a dynamic list. Tasklist draws
   * the form again after 认领, so the label is awaited for a while before the field counts as missing.
   */
  List<WebElement> fields(String label) {
    By labels = By.xpath("//label[normalize-space(.)='" + label + "' or normalize-space(.)='" + label + "*']");
    List<WebElement> found = List.of();
    try {
      found = new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(driver -> {
            List<WebElement> inputs = driver.findElements(labels).stream().filter(WebElement::isDisplayed).map(this::labelled).toList();
            return inputs.isEmpty() ? null : inputs;
          });
    } catch (org.openqa.selenium.TimeoutException missing) {
      // reported by the assertion below
    }
    assertThat(found).as("field 「%s」 on the form", label).isNotEmpty();
    return found;
  }

  private WebElement labelled(WebElement label) {
    String id = label.getAttribute("for");
    return driver.findElement(By.id(id));
  }

  /**
   * Replaces the text of a field as an input method does: the value arrives in one input event.
   * form-js takes typed text into its state after a 300 ms debounce that loses an earlier field's
   * text when the next one is typed sooner; a person is never that fast, so this waits.
   */
  void type(WebElement field, String text) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.click();
    ((JavascriptExecutor) driver).executeScript(
        "const prototype = arguments[0] instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;"
            + "Object.getOwnPropertyDescriptor(prototype, 'value').set.call(arguments[0], arguments[1]);"
            + "arguments[0].dispatchEvent(new Event('input', { bubbles: true }));"
            + "arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", field, text);
    new Actions(driver).pause(Duration.ofMillis(500)).perform();
  }

  void type(String label, String text) {
    type(field(label), text);
  }

  /** Types a date into a date picker as 年-月-日 and confirms it with Enter. */
  void date(WebElement field, String isoDate) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", field);
    field.click();
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, isoDate, Keys.ENTER, Keys.TAB);
  }

  /**
   * Picks the option with this text in a form-js select or tag list with one click on its box, as a
   * user does; a select that got the focus from the field before (Tab after a date) shows its list
   * already and is not clicked. A select must then show the option as its choice: when the list moved
   * under the pointer between finding the option and the click (a loaded machine), the pick is made again.
   */
  void choose(WebElement field, String option) {
    // a select's labelled input is hidden behind the box that shows the choice; a tag list's is typed in
    boolean typed = field.isDisplayed() && !String.valueOf(field.getAttribute("class")).contains("hidden");
    WebElement box = typed ? field : field.findElement(By.xpath(".."));
    for (int attempt = 1; ; attempt++) {
      pick(field, box, typed, option);
      if (typed || shows(box, option)) {
        return;
      }
      if (attempt == 3) {
        throw new AssertionError("the select shows 「" + option + "」 after it was picked, not 「" + box.getText() + "」");
      }
    }
  }

  private boolean shows(WebElement box, String option) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(5)).until(driver -> box.getText().contains(option));
      return true;
    } catch (org.openqa.selenium.TimeoutException other) {
      return false;
    }
  }

  private void pick(WebElement field, WebElement box, boolean typed, String option) {
    By item = By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + option + "']");
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", box);
    if (visible(item) == null) {
      box.click();
      if (typed) {
        field.sendKeys(option);
      }
    }
    try {
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(item));
    } catch (org.openqa.selenium.TimeoutException closed) {
      throw new AssertionError("one click on the box shows 「" + option + "」", closed);
    }
    // a long list scrolls inside its box: bring the option into the user's view first
    WebElement choice = visible(item);
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'nearest'});", choice);
    new Actions(driver).moveToElement(choice).click().perform();
  }

  /**
   * Ticks the checkbox or radio button of the option with this label. Tasklist may keep an earlier
   * rendering of the form hidden in the page: the visible one is used. While Tasklist draws the form
   * again the option may lie under other text for a moment: the click is tried again then.
   */
  void check(String option) {
    String label = "//label[normalize-space(.)='" + option + "']";
    By box = By.xpath(label + "//input | " + label + "/preceding-sibling::input[1]"
        + " | //input[@type='checkbox' or @type='radio'][following-sibling::*[normalize-space(.)='" + option + "']]");
    new WebDriverWait(driver, Duration.ofSeconds(120))
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(driver -> {
          WebElement input = visible(box);
          if (input == null) {
            return false;
          }
          ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
          input.click();
          return true;
        });
  }

  /**
   * Clicks the element once it is clickable. Angular may draw it anew between finding and clicking it
   * (a list refreshed, a form rendered again, more so on a loaded machine): it is then found and clicked again.
   */
  void click(By locator) {
    new WebDriverWait(driver, Duration.ofSeconds(120))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
        .until(driver -> {
          WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(driver);
          if (element == null) {
            return false;
          }
          element.click();
          return true;
        });
  }

  /** The first element found that the user sees, or null. */
  WebElement visible(By locator) {
    return driver.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  /** Logs out through the account menu and waits for our login page. */
  void logOut() {
    click(By.cssSelector(".account .dropdown-toggle, li.account > a"));
    click(By.xpath("//a[normalize-space(.)='退出登录']"));
    wait.until(ExpectedConditions.urlContains("/login"));
  }

  /** The text the user sees on the open form. */
  String formText() {
    WebElement form = visible(By.cssSelector(".fjs-form"));
    return form == null ? "" : form.getText();
  }

  /** Clicks 添加一项 under the dynamic list with this label. */
  void addRow(String listLabel) {
    WebElement list = driver.findElement(By.xpath("//*[contains(@class,'fjs-form-field-dynamiclist')][label[normalize-space(.)='"
        + listLabel + "']]"));
    WebElement add = list.findElement(By.xpath("./*[contains(@class,'fjs-repeat-render-footer')]//button[contains(normalize-space(.),'添加一项')]"));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", add);
    add.click();
  }

  /** 完成, enabled within a few seconds; Tasklist keeps it disabled while the form reports errors. */
  boolean completeEnabled() {
    try {
      return new WebDriverWait(driver, Duration.ofSeconds(10)).until(
          ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='完成']"))) != null;
    } catch (org.openqa.selenium.TimeoutException e) {
      return false;
    }
  }

  /**
   * Clicks 完成 once it is enabled, after form-js' debounce has taken the last typed text; a click by
   * script reaches the button as a user who scrolls does.
   */
  void complete() {
    new Actions(driver).pause(Duration.ofMillis(1000)).perform();
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='完成']")));
    ((JavascriptExecutor) driver).executeScript("arguments[0].click();", button);
  }

  /** Whether a notification lies over the 完成 button. */
  boolean notificationCoversComplete() {
    WebElement button = driver.findElement(By.xpath("//button[normalize-space(.)='完成']"));
    org.openqa.selenium.Rectangle done = button.getRect();
    return driver.findElements(By.cssSelector(".page-notifications .alert")).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getRect).anyMatch(note -> note.x < done.x + done.width && done.x < note.x + note.width
            && note.y < done.y + done.height && done.y < note.y + note.height);
  }

  /**
   * Terms a Chinese user meets on these screens by design: product, version and data set names (Word
   * documents, Excel sheets; holiday-cn, where the office gets a year's holiday schedule), file kinds
   * (.docx, .xlsx, JSON), units (MB), “ID” as Chinese software writes it, the time zone, the scheme of
   * a web address a petition channel gives (https://), account or group ids (demo accounts are named so)
   * and the process key Cockpit's information panel shows for a unit's instance (unit-inspection).
   */
  static final java.util.Set<String> ALLOWED_ENGLISH = java.util.Set.of("Camunda", "Platform", "Word", "Excel", "UTC", "bpmn", "io", "holiday",
      "http", "https", "ID",
      "Tasklist", "Cockpit", "Admin", "demo", "office", "leader", "committee", "team", "member", "deputy", "liaison", "unit", "dept",
      "discipline", "organization", "finance", "audit", "petition", "example", "cn", "docx", "xlsx", "JSON", "json", "MB", "inspection",
      // the home county's default code, the tenant id Tasklist and Cockpit show (xuncha.county.code)
      "county");

  /**
   * Identifiers shown on purpose, not words: the engine's ids (UUIDs, a round's business key
   * {@code round-<uuid>}, a definition's id {@code unit-inspection:1:<uuid>}), and what a page marks as an identifier with
   * {@code <code>} (a process model's key on the migration page, which names the file an administrator deploys).
   */
  private static final java.util.regex.Pattern IDENTIFIER =
      java.util.regex.Pattern.compile("([A-Za-z0-9_-]+:\\d+:|round-)?[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  /**
   * English words in the visible text, placeholders and tooltips of the form and the notifications,
   * beyond {@link #ALLOWED_ENGLISH}.
   */
  List<String> englishWords() {
    return englishWordsIn(".fjs-form, .page-notifications");
  }

  /**
   * English words, beyond {@link #ALLOWED_ENGLISH} and identifiers (see {@link #IDENTIFIER}), in the
   * visible text, placeholders and tooltips of what {@code css} selects.
   */
  List<String> englishWordsIn(String css) {
    return englishWordsIn(css, "code");
  }

  /** As {@link #englishWordsIn(String)}, leaving out the text of what {@code notIn} selects inside it. */
  List<String> englishWordsIn(String css, String notIn) {
    StringBuilder text = new StringBuilder();
    for (WebElement part : driver.findElements(By.cssSelector(css))) {
      String visible = part.getText();
      // the longest first: a shorter text inside a longer one leaves no fragment of it behind
      List<String> left = part.findElements(By.cssSelector(notIn)).stream().map(WebElement::getText)
          .filter(excluded -> !excluded.isBlank()).sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
      for (String excluded : left) {
        visible = visible.replace(excluded, " ");
      }
      text.append(visible).append('\n');
      for (WebElement element : part.findElements(By.cssSelector("[placeholder], [title], [aria-label]"))) {
        for (String attribute : List.of("placeholder", "title", "aria-label")) {
          String value = element.getAttribute(attribute);
          text.append(value == null ? "" : value).append('\n');
        }
      }
    }
    String words = IDENTIFIER.matcher(text).replaceAll(" ");
    return java.util.regex.Pattern.compile("[A-Za-z]{2,}").matcher(words).results().map(java.util.regex.MatchResult::group)
        .filter(word -> !ALLOWED_ENGLISH.contains(word)).distinct().toList();
  }

  /**
   * Opens a page of Camunda's webapps and waits for a text on it. On a loaded machine such a page
   * now and then stalls before its scripts start (it shows its raw templates); like a user, reload
   * it once before failing.
   */
  void open(String url, String text) {
    driver.get(url);
    try {
      new WebDriverWait(driver, Duration.ofSeconds(60))
          .until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(normalize-space(.),'" + text + "')]")));
    } catch (org.openqa.selenium.TimeoutException stalled) {
      driver.navigate().refresh();
      waitForText(text);
    }
  }

  void waitForText(String text) {
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[contains(normalize-space(.),'" + text + "')]")));
  }

  void screenshot(String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the page of a failing test: a screenshot and its HTML. */
  void keepFailure(String name) {
    screenshot(name + "-failure");
    try {
      Files.writeString(SCREENSHOTS.resolve(name + "-failure.html"), driver.getPageSource());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;

/**
 * Works Camunda Forms of a round in Tasklist as the demo users who own them, one logged-in Chromium
 * per user kept for the whole suite. Every form opened is checked as a user reads it (no English, no
 * template left as {@code {{…}}}, each deadline length it names as long as {@code processes/deadlines.yaml}
 * says); a refusal must show its Chinese message and leave the application's tables and the task's
 * variables as they were; a completion must close the task. Screenshots go to
 * {@code target/screenshots/forms/<form id>.png} (filled) and {@code <form id>-refused.png}.
 */
final class TaskForms implements AutoCloseable {

  static final Path FORMS = Path.of("forms");
  private static final Path DEADLINES = Path.of("processes", "deadlines.yaml");
  // {{withinD4}} names a deadline of the table; {{withinReply}} is the period the routing table gave a clue's receiver
  private static final Pattern WITHIN = Pattern.compile("\\{\\{within(D\\w*)}}");
  private static final Pattern LENGTH = Pattern.compile("(\\d+)\\s*个?(工作日|日|月)");

  private final String base;
  private final ProcessEngine engine;
  private final JdbcClient jdbc;
  private final Map<String, Browser> sessions = new LinkedHashMap<>();
  private final Set<String> driven = new TreeSet<>();
  private final Map<String, Object> deadlines;
  private Browser last;

  TaskForms(ConfigurableApplicationContext app) {
    this.base = Browser.base(app);
    this.engine = app.getBean(ProcessEngine.class);
    this.jdbc = app.getBean(JdbcClient.class);
    try (Reader reader = Files.newBufferedReader(DEADLINES)) {
      this.deadlines = new Yaml().load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Chromium of {@code user}, logged in on first use. */
  Browser as(String user) {
    last = sessions.computeIfAbsent(user, name -> {
      Browser browser = Browser.open(base);
      browser.logIn(name);
      return browser;
    });
    return last;
  }

  /** The ids of the forms completed so far. */
  Set<String> driven() {
    return Set.copyOf(driven);
  }

  /** Marks a form as driven that is completed elsewhere than in a task (a start form). */
  void drove(String formId) {
    driven.add(formId);
  }

  /**
   * {@code user} opens the task in Tasklist and claims it; the form must read as described above.
   * Returns the form on screen, to be filled, refused and completed.
   */
  Form open(String user, Task task) {
    assertThat(task).as("the open task").isNotNull();
    String formId = engine.getTaskService().createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult()
        .getCamundaFormRef().getKey();
    Browser browser = as(user);
    browser.openTask(task.getId(), task.getName());
    readsWell(browser, formId);
    return new Form(browser, task, formId);
  }

  /**
   * Checks the open form as a user reads it: every {@code {{within…}}} of its file shows the length
   * of that deadline in the deadline table, nothing is left as {@code {{…}}}, and there is no English.
   */
  void readsWell(Browser browser, String formId) {
    String text = browser.wait.until(driver -> {
      String shown = browser.formText();
      return shown.isBlank() ? null : shown;
    });
    assertThat(text).as("form %s shows no template left unfilled", formId).doesNotContain("{{", "}}");
    for (String deadline : withinDeadlines(formId)) {
      assertThat(text).as("form %s names the length of %s from %s", formId, deadline, DEADLINES).containsPattern(lengthOf(deadline));
    }
    assertThat(browser.englishWords()).as("English on form %s", formId).isEmpty();
  }

  /** The deadline ids a form's file shows through {@code {{within…}}}, e.g. D4 for {@code {{withinD4}}}. */
  static Set<String> withinDeadlines(String formId) {
    Set<String> ids = new TreeSet<>();
    Matcher within = WITHIN.matcher(read(FORMS.resolve(formId + ".form")));
    while (within.find()) {
      ids.add(within.group(1));
    }
    return ids;
  }

  /** The text a form must show for a deadline's length, e.g. “10个工作日内” for “length: 10 工作日”. */
  @SuppressWarnings("unchecked")
  private Pattern lengthOf(String deadline) {
    Map<String, Object> entry = (Map<String, Object>) deadlines.get(deadline);
    assertThat(entry).as("deadline %s in %s", deadline, DEADLINES).isNotNull();
    Matcher length = LENGTH.matcher(String.valueOf(entry.get("length")));
    assertThat(length.find()).as("length of %s in %s", deadline, DEADLINES).isTrue();
    return Pattern.compile("(?<!\\d)" + length.group(1) + "个?" + length.group(2) + "内");
  }

  /** Keeps the page of the browser used last, as {@code forms/<name>-failure}. */
  void keepFailure(String name) {
    if (last != null) {
      last.keepFailure("forms/" + name);
    }
  }

  @Override
  public void close() {
    sessions.values().forEach(Browser::close);
  }

  /**
   * All rows of the application's own tables and the task's variables, as text: what a refused
   * submission must leave unchanged.
   */
  String stored(String taskId) {
    StringBuilder stored = new StringBuilder();
    for (String table : jdbc.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'"
        + " and upper(table_name) like 'XC\\_%' escape '\\' order by table_name").query(String.class).list()) {
      stored.append(table).append(jdbc.sql("select * from \"" + table + "\"").query().listOfRows()).append('\n');
    }
    return stored.append(new TreeMap<>(engine.getTaskService().getVariables(taskId))).toString();
  }

  private boolean open(Task task) {
    return engine.getTaskService().createTaskQuery().taskId(task.getId()).count() == 1;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A form open in Tasklist and claimed by its user. */
  final class Form {

    final Browser browser;
    final Task task;
    final String id;

    private Form(Browser browser, Task task, String id) {
      this.browser = browser;
      this.task = task;
      this.id = id;
    }

    /**
     * Clicks 完成 and expects the server's refusal: {@code message} is shown, in Chinese and without
     * Camunda's “Cannot submit…”, beside 完成, and nothing is stored: the task stays open, the
     * application's tables and the task's variables are unchanged.
     */
    Form refused(String message) {
      String before = stored(task.getId());
      browser.complete();
      browser.waitForText(message);
      browser.screenshot("forms/" + id + "-refused");
      assertThat(browser.driver.getPageSource()).as("refusal on %s", id).doesNotContain("Cannot submit");
      assertThat(browser.englishWords()).as("English on the refused form %s", id).isEmpty();
      assertThat(browser.notificationCoversComplete()).as("the refusal on %s leaves 完成 visible", id).isFalse();
      assertThat(open(task)).as("the task of %s stays open after a refusal", id).isTrue();
      assertThat(stored(task.getId())).as("a refused %s stores nothing", id).isEqualTo(before);
      return this;
    }

    /** Takes the screenshot of the filled form, clicks 完成 and waits until the task is done. */
    void completed() {
      browser.screenshot("forms/" + id);
      assertThat(browser.englishWords()).as("English on the filled form %s", id).isEmpty();
      browser.complete();
      browser.wait.until(driver -> !open(task));
      driven.add(id);
    }
  }
}

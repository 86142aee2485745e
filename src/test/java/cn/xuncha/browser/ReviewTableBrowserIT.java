package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A table in a review form, as the leading group reads the round plan in Tasklist at 1400 px: every
 * column lies within the form and no cell hides part of its text (form-js kept cells on one line,
 * and 覆盖方式 ran past the form's edge).
 */
class ReviewTableBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;
  private static RoundPlanSteps steps;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("review-table-browser-it");
    base = Browser.base(app);
    steps = new RoundPlanSteps(app.getBean(ProcessEngine.class));
    ProcedureSteps.at("2022-04-01T09:00");
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyColumnOfThePlanIsReadable() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("leader1");
        browser.openTask(steps.task(round, "Task_ReviewRoundPlan").getId(), "领导小组审议方案");
        browser.waitForText("领导小组审议：巡察工作方案");
        browser.waitForText("覆盖方式");
        Map<String, Object> layout = (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeScript("""
            const tables = [...document.querySelectorAll('.fjs-form-field-text table')];
            tables[tables.length - 1].scrollIntoView({block: 'start'});
            const cells = tables.flatMap(table => [...table.querySelectorAll('th, td')]);
            const right = table => table.closest('.fjs-form-field-text').getBoundingClientRect().right;
            return {
              header: tables.flatMap(table => [...table.querySelectorAll('th')].map(th => th.textContent.trim())),
              outside: tables.flatMap(table => [...table.querySelectorAll('th, td')]
                  .filter(cell => cell.getBoundingClientRect().right > right(table) + 1).map(cell => cell.textContent.trim())),
              clipped: cells.filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.textContent.trim()),
              scrolls: tables.some(table => table.scrollWidth > table.clientWidth + 1)
            };""");
        browser.screenshot("round-plan-review");

        assertThat((List<String>) layout.get("header")).contains("巡察组", "被巡察党组织", "覆盖方式");
        assertThat((List<String>) layout.get("outside")).as("cells past the form's right edge").isEmpty();
        assertThat((List<String>) layout.get("clipped")).as("cells that hide part of their text").isEmpty();
        assertThat(layout.get("scrolls")).as("every table fits without scrolling").isEqualTo(false);
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-review");
        throw e;
      }
    }
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.security.Roles;
import cn.xuncha.system.IdentitySetup;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
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
 * and 覆盖方式 ran past the form's edge) — for the sample round and for a round of 150 units, whose
 * summary (counts, teams, then each team's units) stays readable (screenshot round-plan-review-150).
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
  void everyColumnOfThePlanIsReadable() {
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of());
    readable(round, "round-plan-review", "第七巡察组巡察的党组织");
  }

  /** 150 units of the sample's seven teams: 30 townships of 20 villages each, then village units, some in a batch and kind of their own. */
  @Test
  void aRoundOfOneHundredFiftyUnitsIsReadable() throws Exception {
    IdentitySetup identity = app.getBean(IdentitySetup.class);
    List<Map<String, Object>> units = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      Map<String, Object> unit = new LinkedHashMap<>();
      String group = "review-unit" + i;
      unit.put("name", i <= 30 ? "第" + i + "乡镇党委" : "第" + i + "村党支部");
      unit.put("kind", i <= 30 ? "TOWNSHIP" : "VILLAGE");
      unit.put("teamNo", (i - 1) % 7 + 1);
      unit.put("groupId", group);
      if (i <= 30) {
        int town = i;
        unit.put("villages", String.join("\n", IntStream.rangeClosed(1, 20).mapToObj(v -> "第" + town + "乡第" + v + "村").toList()));
        unit.put("coverage", "ALL");
      }
      if (i > 140) {
        unit.put("entryDate", "2022-05-16");
        unit.put("withdrawalDate", "2022-06-01");
        unit.put("inspectionKind", "SPECIAL");
      }
      units.add(unit);
      identity.ensureGroup(group, (String) unit.get("name"), Roles.WORKFLOW);
    }
    ProcessInstance round = steps.startWithSample();
    steps.submitPlan(round, Map.of("units", new ObjectMapper().writeValueAsString(units)));
    readable(round, "round-plan-review-150", "第150村党支部");
  }

  @SuppressWarnings("unchecked")
  private void readable(ProcessInstance round, String screenshot, String lastUnit) {
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("leader1");
        browser.openTask(steps.task(round, "Task_ReviewRoundPlan").getId(), "领导小组审议方案");
        browser.waitForText("领导小组审议：巡察工作方案");
        browser.waitForText("覆盖方式");
        browser.waitForText(lastUnit);
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
        browser.screenshot(screenshot);

        assertThat((List<String>) layout.get("header")).contains("巡察组", "被巡察党组织", "覆盖方式");
        assertThat((List<String>) layout.get("outside")).as("cells past the form's right edge").isEmpty();
        assertThat((List<String>) layout.get("clipped")).as("cells that hide part of their text").isEmpty();
        assertThat(layout.get("scrolls")).as("every table fits without scrolling").isEqualTo(false);
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure(screenshot);
        throw e;
      }
    }
  }
}

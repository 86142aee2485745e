package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Cockpit as the leading group reads it in Chromium (static/js/xuncha-cockpit.js): instances carry
 * their round's and unit's or team's names in the instance list, the page header and the information
 * panel, also the round's spine, which is named after its plan; a step's diagram opens at a zoom at
 * which its labels can be read.
 */
class CockpitLeaderBrowserIT {

  private static final String COCKPIT = "/camunda/app/cockpit/default/#";
  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessEngine engine;
  private static ProcessInstance round;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("cockpit-leader-browser-it");
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
  void instancesAreNamedByRoundAndTeamAndDiagramsOpenReadable() {
    String branch = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("step-02-party-branch")
        .variableValueEquals("teamGroup", new ProcedureSteps(engine).teamGroup(round, 1)).singleResult().getId();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("leader1");
        browser.open(base + COCKPIT + "/process-definition/" + definition("step-02-party-branch") + "/runtime", "业务键");
        assertThat(labels(browser, ".beside-key")).as("the instance list names each instance")
            .contains("十五届县委第二轮巡察 · 第一巡察组", "十五届县委第二轮巡察 · 第七巡察组");
        browser.screenshot("cockpit-instance-list");

        browser.open(base + COCKPIT + "/process-instance/" + branch + "/runtime", "业务键");
        assertThat(labels(browser, ".in-header")).containsExactly("十五届县委第二轮巡察 · 第一巡察组");
        assertThat(labels(browser, ".in-information")).containsExactly("十五届县委第二轮巡察 · 第一巡察组");
        browser.screenshot("cockpit-instance-header");

        browser.open(base + COCKPIT + "/process-instance/" + round.getId() + "/runtime", "业务键");
        assertThat(labels(browser, ".in-header")).as("the spine, started before its plan had a name")
            .containsExactly("十五届县委第二轮巡察");

        browser.open(base + COCKPIT + "/process-definition/" + definition("step-09-rectification") + "/runtime", "督促整改");
        double zoom = new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver -> {
          Object scale = ((JavascriptExecutor) driver).executeScript(
              "const viewport = document.querySelector('.djs-container svg .viewport');"
                  + "return viewport && viewport.transform.baseVal.numberOfItems ? viewport.transform.baseVal.getItem(0).matrix.a : null;");
          return scale instanceof Number number && number.doubleValue() >= 0.89 ? number.doubleValue() : null;
        });
        assertThat(zoom).as("the step diagram opens at a readable zoom (fitted, it opened at 0.57)").isGreaterThanOrEqualTo(0.89);
        browser.screenshot("cockpit-step-diagram");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("cockpit-leader");
        throw e;
      }
    }
  }

  private static String definition(String key) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
  }

  /** The labels of this kind once they are there (they arrive a moment after Cockpit's own lists). */
  private static List<String> labels(Browser browser, String kind) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(driver -> {
      List<String> found = driver.findElements(By.cssSelector(".xuncha-instance-label" + kind)).stream()
          .map(WebElement::getText).filter(text -> !text.isBlank()).toList();
      return found.isEmpty() ? null : found;
    });
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application's own pages that issue 15 touched, as the office reads them in Chromium: the
 * calendar and people pages with their Chinese file button, the clue ledger of a round and of a round that does
 * not exist (a Chinese 404 page), and an unknown address; no English word beyond the allowed terms.
 */
class PagesInChineseBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessInstance round;

  @BeforeAll
  static void startApplicationWithAnApprovedRound() {
    app = Browser.application("pages-in-chinese-browser-it");
    base = Browser.base(app);
    ProcedureSteps.at("2022-04-01T09:00");
    round = new RoundPlanSteps(app.getBean(ProcessEngine.class)).approvedSampleRound();
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void officePagesReadInChinese() {
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("office1");
        // the calendar page names file fields, sources' addresses and deadline ids by design: its upload form is scanned;
        // the plan import page (a plan in draft is needed) is RoundPlanImportBrowserIT's
        for (String[] page : new String[][] {{"/calendar", "form[enctype]"}, {"/people", "body"}}) {
          browser.driver.get(base + page[0]);
          browser.waitForText("选择文件");
          assertThat(browser.driver.findElement(By.cssSelector(".file-chosen")).getText()).as(page[0]).isEqualTo("未选择文件");
          assertThat(browser.englishWordsIn(page[1])).as("English on %s", page[0]).isEmpty();
        }

        browser.driver.get(base + "/ledger/clues/" + round.getBusinessKey());
        browser.waitForText("问题线索移交台账");
        assertThat(browser.englishWordsIn("body")).as("English on the clue ledger").isEmpty();

        for (String missing : List.of("/ledger/clues/round-that-never-was", "/no-such-page")) {
          browser.driver.get(base + missing);
          browser.waitForText("错误代码 404");
          assertThat(browser.englishWordsIn("body")).as("English on %s", missing).isEmpty();
        }
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("页面不存在");
        browser.screenshot("error-404-chinese");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("pages-in-chinese");
        throw e;
      }
    }
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
  void teamLeaderWorksAMobileVillageTaskInChineseTasklist() {
    try (Browser browser = Browser.open(base)) {
      try {
        browser.driver.get(base + "/login");
        assertThat(browser.driver.getPageSource()).contains("县委巡察工作平台", "用户名", "密码");
        browser.screenshot("01-login");
        browser.logIn("team1-leader");

        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='本组待办']"))).click();
        browser.waitForText("提出机动巡察村名单");
        assertThat(browser.driver.findElements(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']"))).hasSize(1);
        assertThat(browser.driver.getPageSource()).as("the team's tasks; the leader's own (向领导小组报告重大问题) are assigned to the leader").contains("登记问题底稿");
        browser.screenshot("02-tasklist-team-tasks");

        browser.driver.findElement(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']")).click();
        browser.click(By.xpath("//button[normalize-space(.)='认领']"));
        List<String> villages = cn.xuncha.round.SampleRound.plan().units().get(0).villages();
        browser.check(villages.get(6));
        browser.check(villages.get(7));
        browser.type("确定理由", "信访反映集中");
        browser.complete();
        browser.waitForText("现选择了 2 个");
        browser.screenshot("03-form-refused");
        assertThat(proposals()).isZero();

        villages.subList(8, 12).forEach(browser::check);
        browser.complete();
        browser.wait.until(driver -> proposals() == 1);
        browser.screenshot("04-completed");

        browser.logOut();
        browser.logIn("team3-leader");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[normalize-space(text())='本组待办']"))).click();
        browser.waitForText("提出机动巡察村名单");
        assertThat(browser.driver.findElements(By.xpath("//*[normalize-space(text())='提出机动巡察村名单']"))).hasSize(1);
        assertThat(browser.driver.getPageSource()).doesNotContain("领导小组批准机动巡察村");
        browser.screenshot("05-other-team");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("tasklist");
        throw e;
      }
    }
  }

  private long proposals() {
    return app.getBean(JdbcClient.class).sql("select count(*) from xc_mobile_proposal").query(Long.class).single();
  }
}

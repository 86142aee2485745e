package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.SampleRound;
import cn.xuncha.round.UnitKind;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Step 1 in a real Chromium: the office opens 编制巡察工作方案 in Tasklist, a plan the server refuses
 * shows its Chinese message and stores nothing, then the plan is completed — from the sample preset
 * and from a blank plan filled row by row (the dynamic lists that once kept 完成 disabled for good), a
 * township with its villages and a county department, whose village fields the form hides; a unit's
 * team and account are picked by name (第一巡察组, 赵村镇党委（unit1）), not typed as team1/unit1, and the
 * team's people are picked from the 人才库 by name (白语嫣（县纪委监委，team1-leader）) and stored as accounts.
 */
class RoundPlanBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;
  private static ProcessEngine engine;
  private static RoundPlanSteps steps;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("round-plan-browser-it");
    base = Browser.base(app);
    engine = app.getBean(ProcessEngine.class);
    steps = new RoundPlanSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void officeRefusedOnceThenSubmitsTheSamplePlan() {
    ProcessInstance round = steps.startWithSample();
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("office1");
        browser.openTask(draftTask(round).getId(), "编制巡察工作方案");
        browser.screenshot("round-plan-sample");
        assertThat(browser.completeEnabled()).as("完成 is enabled on the sample plan").isTrue();

        browser.date(browser.field("撤回日期"), "2022-04-20");
        browser.complete();
        browser.waitForText("撤回日期：必须晚于进驻日期（2022-04-21）");
        browser.screenshot("round-plan-refused");
        assertThat(browser.driver.getPageSource()).doesNotContain("Cannot submit");
        assertThat(browser.englishWords()).as("English on the refused plan").isEmpty();
        assertThat(browser.notificationCoversComplete()).as("the refusal leaves 完成 visible").isFalse();
        assertThat(stored(round)).as("a refused plan is not stored").isFalse();
        assertThat(draftTask(round)).isNotNull();

        browser.date(browser.field("撤回日期"), "2022-06-10");
        browser.complete();
        browser.wait.until(driver -> stored(round));
        assertThat(steps.task(round, "Task_ReviewRoundPlan")).isNotNull();
        assertThat(browser.driver.findElement(org.openqa.selenium.By.tagName("body")).getText())
            .as("the refusal is closed once the corrected plan is accepted").doesNotContain("必须晚于进驻日期");
        assertThat(app.getBean(RoundRepository.class).findPlan(round.getBusinessKey())).get()
            .as("the teams and units folded behind 展开全部 are submitted too").satisfies(plan -> {
              assertThat(plan.teams()).hasSameSizeAs(SampleRound.plan().teams());
              assertThat(plan.teams()).as("each team's people from its select and tag lists, as accounts")
                  .allSatisfy(team -> assertThat(team.people()).isEqualTo(SampleRound.plan().teams().get(team.teamNo() - 1).people()));
              assertThat(plan.units()).hasSameSizeAs(SampleRound.plan().units());
            });

        browser.driver.get(base + "/no-such-page");
        assertThat(browser.driver.findElement(org.openqa.selenium.By.tagName("body")).getText())
            .contains("页面不存在").doesNotContain("Whitelabel");
        browser.screenshot("error-404");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-sample");
        throw e;
      }
    }
  }

  @Test
  void officeFillsABlankPlanRowByRow() {
    ProcessInstance round = steps.startBlank();
    try (Browser browser = Browser.open(base)) {
      try {
        openBlankPlan(browser, round, "十五届县委第三轮巡察", "3");
        browser.type("届次", "十五届");

        browser.addRow("巡察组");
        browser.type("组号", "1");
        browser.type("名称", "第一巡察组");
        browser.choose(browser.field("组长"), "白语嫣（县纪委监委，team1-leader）");
        // one pick per tag list: an open tag list offers the same people as the next, and Browser.choose looks page-wide
        // (the sample plan above submits full lists of deputies and members)
        browser.choose(browser.field("组员"), "胡知秋（县委政法委，team1-member1）");
        browser.addRow("被巡察党组织");
        browser.type("单位名称", "赵村镇党委");
        browser.choose(browser.field("负责巡察组"), "第一巡察组");
        browser.choose(browser.field("单位账户"), "赵村镇党委（unit1）");
        browser.choose(browser.field("单位类别"), "乡镇（街道）党委");
        browser.type("所辖村（社区）", "赵村\n李庄\n王屯");
        browser.choose(browser.field("村级党组织覆盖方式"), "全部村（社区）");
        browser.addRow("被巡察党组织");
        browser.type(browser.fields("单位名称").get(1), "县统计局党组");
        browser.choose(browser.fields("负责巡察组").get(1), "第一巡察组");
        browser.choose(browser.fields("单位账户").get(1), "张店乡党委（unit2）");
        browser.choose(browser.fields("单位类别").get(1), "县直部门（单位）党组（党组织）");
        assertThat(browser.fields("所辖村（社区）")).as("a department has no villages to fill in").hasSize(1);
        assertThat(browser.fields("村级党组织覆盖方式")).hasSize(1);
        browser.choose(browser.field("函询部门"), "县纪委监委");
        browser.screenshot("round-plan-blank-filled");
        assertThat(browser.englishWords()).as("English on the filled plan").isEmpty();

        assertThat(browser.completeEnabled()).as("完成 is enabled once every row is filled").isTrue();
        browser.complete();
        browser.wait.until(driver -> stored(round));
        assertThat(app.getBean(RoundRepository.class).findPlan(round.getBusinessKey())).get().satisfies(plan -> {
          assertThat(plan.teams()).hasSize(1);
          assertThat(plan.teams().get(0).leader()).isEqualTo("team1-leader");
          assertThat(plan.teams().get(0).members()).containsExactly("team1-member1");
          assertThat(plan.teams().get(0).nameOf("team1-member1")).isEqualTo("胡知秋");
          assertThat(plan.units().get(0).villages()).containsExactly("赵村", "李庄", "王屯");
          assertThat(plan.units().get(0).kind()).isEqualTo(UnitKind.TOWNSHIP);
          assertThat(plan.units().get(1).kind()).isEqualTo(UnitKind.DEPARTMENT);
          assertThat(plan.units().get(1).villages()).isEmpty();
          assertThat(plan.units().get(1).coverage()).isEqualTo(Coverage.NONE);
          assertThat(plan.units()).extracting(unit -> unit.teamNo() + "/" + unit.groupId()).containsExactly("1/unit1", "1/unit2");
          assertThat(plan.departments()).containsExactly("dept-discipline");
        });
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-blank");
        throw e;
      }
    }
  }

  /**
   * A required field left empty and out of view at 完成 (form-js refuses before the server sees
   * anything): the refusal names each such field, within its list item, in Chinese, and the first is
   * scrolled into view; nothing is stored.
   */
  @Test
  void aRequiredFieldLeftEmptyIsNamedInTheRefusal() {
    ProcessInstance round = steps.startBlank();
    try (Browser browser = Browser.open(base)) {
      try {
        openBlankPlan(browser, round, "十五届县委第四轮巡察", "4");
        browser.addRow("巡察组");
        browser.type("组号", "1");
        browser.type("名称", "第一巡察组");
        browser.driver.findElement(org.openqa.selenium.By.tagName("body")).sendKeys(org.openqa.selenium.Keys.HOME);

        browser.complete();
        browser.waitForText("以下各项未填写或不正确");
        String refusal = browser.visible(org.openqa.selenium.By.cssSelector(".page-notifications .alert-danger")).getText();
        browser.screenshot("round-plan-required-named");
        assertThat(refusal).contains("届次（必填）", "巡察组第 1 项的组长（必填）", "函询部门（必填）")
            .doesNotContain("名称（必填）", "组号（必填）");
        assertThat(browser.englishWords()).as("English on the refused plan").isEmpty();
        assertThat(browser.notificationCoversComplete()).as("the refusal leaves 完成 visible").isFalse();
        assertThat(stored(round)).isFalse();
        assertThat(draftTask(round)).isNotNull();
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-required");
        throw e;
      }
    }
  }

  /**
   * A select reopens with one click right after a choice and takes another, twice (the Preact inside
   * form-js 1.8 left the select's list state stale after a choice, and the next click left the list
   * shut); {@link Browser#choose} clicks the box once, as a mouse does.
   */
  @Test
  void aSelectReopensWithOneClickRightAfterAChoice() {
    ProcessInstance round = steps.startBlank();
    try (Browser browser = Browser.open(base)) {
      try {
        openBlankPlan(browser, round, "十五届县委第五轮巡察", "5");
        browser.addRow("被巡察党组织");
        org.openqa.selenium.WebElement kind = browser.field("单位类别");
        org.openqa.selenium.By shown = org.openqa.selenium.By.id(kind.getAttribute("id") + "-display");
        browser.choose(kind, "乡镇（街道）党委");
        assertThat(browser.driver.findElement(shown).getText()).isEqualTo("乡镇（街道）党委");
        browser.choose(kind, "县直部门（单位）党组（党组织）");
        assertThat(browser.driver.findElement(shown).getText()).isEqualTo("县直部门（单位）党组（党组织）");
        browser.choose(kind, "乡镇（街道）党委");
        assertThat(browser.driver.findElement(shown).getText()).isEqualTo("乡镇（街道）党委");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-select-reopens");
        throw e;
      }
    }
  }

  private static Task draftTask(ProcessInstance round) {
    return steps.task(round, "Task_DraftRoundPlan");
  }

  private static boolean stored(ProcessInstance round) {
    return app.getBean(RoundRepository.class).find(round.getBusinessKey()).isPresent();
  }

  /** The office opens the blank plan of {@code round} and enters its name, number and dates (届次 left to the caller). */
  private static void openBlankPlan(Browser browser, ProcessInstance round, String name, String number) {
    browser.logIn("office1");
    browser.openTask(draftTask(round).getId(), "编制巡察工作方案");
    browser.type("轮次名称", name);
    browser.type("本届第几轮", number);
    browser.date(browser.field("进驻日期"), "2022-05-09");
    browser.date(browser.field("撤回日期"), "2022-06-30");
    browser.date(browser.field("巡察组方案备案截止日期"), "2022-05-10");
  }
}

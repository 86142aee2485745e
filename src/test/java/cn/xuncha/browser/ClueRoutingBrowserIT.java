package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.clue.ClueRoutingTable;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The office's 问题线索移交规则 page in a real Chromium: a table that leaves a kind without receiver
 * is refused in Chinese and changes nothing; sending 违纪违法问题线索 to 县委组织部 as well publishes
 * version 2, which the page then shows with who published it.
 */
class ClueRoutingBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("clue-routing-browser-it");
    base = Browser.base(app);
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void officeRefusedOnceThenPublishesASecondReceiverForDisciplineClues() {
    ClueRoutingTable table = app.getBean(ClueRoutingTable.class);
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("office1");
        browser.driver.get(base + "/clue-routing");
        browser.waitForText("现行规则（默认规则第 1 版");
        browser.screenshot("clue-routing");

        checkbox(browser, "other", "namedDepartment").click();
        submit(browser);
        browser.waitForText("其他问题：请至少选择一个接收单位");
        browser.screenshot("clue-routing-refused");
        assertThat(table.current("county").version()).as("a refused table publishes nothing").isOne();
        assertThat(checkbox(browser, "other", "namedDepartment").isSelected()).as("the refused choices are kept on the page").isFalse();

        checkbox(browser, "other", "namedDepartment").click();
        checkbox(browser, "discipline", "dept-organization").click();
        submit(browser);
        browser.waitForText("已发布本县第 1 版移交规则");
        assertThat(table.current("county").routes().get("discipline")).extracting(ClueRoutingTable.Route::receiver)
            .containsExactly("dept-discipline", "dept-organization");
        assertThat(table.current("county").routes().get("discipline")).extracting(ClueRoutingTable.Route::replyDeadline).containsOnly("D6");
        assertThat(table.current("county").routes().get("other")).extracting(ClueRoutingTable.Route::receiver).containsExactly("namedDepartment");
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("现行规则（本县规则第 1 版）", "office1", "随程序部署");
        assertThat(checkbox(browser, "discipline", "dept-organization").isSelected()).isTrue();
        browser.screenshot("clue-routing-published");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("clue-routing");
        throw e;
      }
    }
  }

  private static WebElement checkbox(Browser browser, String kind, String receiver) {
    List<WebElement> found = browser.driver.findElements(
        By.cssSelector("input[type=checkbox][name='receiver." + kind + "'][value='" + receiver + "']"));
    assertThat(found).as("checkbox %s → %s", kind, receiver).hasSize(1);
    return found.get(0);
  }

  private static void submit(Browser browser) {
    browser.driver.findElement(By.xpath("//button[normalize-space(.)='发布为新版本']")).click();
  }
}

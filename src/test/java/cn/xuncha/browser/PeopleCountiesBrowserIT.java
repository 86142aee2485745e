package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.county.Counties;
import cn.xuncha.county.DemoCounty;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The city office adds to the 人才库, in a real Chromium, an account of both the demo's counties (本县 and
 * 松川县, {@link DemoCounty}): saved without a county it is refused in Chinese naming both and nothing
 * is stored, the form keeping what was typed; with 松川县 picked it is saved into 松川县's pool.
 */
class PeopleCountiesBrowserIT {

  private static final String ACCOUNT = "both-counties-cadre";
  private static ConfigurableApplicationContext app;
  private static String base;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("people-counties-browser-it");
    base = Browser.base(app);
    app.getBean(DemoCounty.class).create();
    IdentityService identity = app.getBean(IdentityService.class);
    identity.saveUser(identity.newUser(ACCOUNT));
    identity.createTenantUserMembership(app.getBean(Counties.class).home(), ACCOUNT);
    identity.createTenantUserMembership(DemoCounty.CODE, ACCOUNT);
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void theCityOfficeIsRefusedAnAccountOfBothCountiesUntilItPicksTheCounty() {
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn(DemoCounty.CITY_OFFICE);
        browser.driver.get(base + "/people/new");
        browser.waitForText("新增人员");
        browser.driver.findElement(By.id("account")).sendKeys(ACCOUNT);
        browser.driver.findElement(By.id("name")).sendKeys("两县干部");
        browser.driver.findElement(By.id("unit")).sendKeys("市审计局");
        browser.driver.findElement(By.id("post")).sendKeys("科员");
        new Select(browser.driver.findElement(By.id("rank"))).selectByVisibleText("科员");
        save(browser);
        browser.waitForText("未保存");
        assertThat(browser.driver.findElement(By.cssSelector(".message.error")).getText())
            .contains("县：账号 " + ACCOUNT + " 属于多个县，请选择加入哪个县的人才库：本县（county）、松川县（songchuan）");
        browser.screenshot("people-counties-refused");
        assertThat(countyOf()).as("a refused entry stores nothing").isEmpty();
        assertThat(browser.driver.findElement(By.id("name")).getAttribute("value")).as("what was typed is kept").isEqualTo("两县干部");

        new Select(browser.driver.findElement(By.id("county"))).selectByVisibleText(DemoCounty.NAME);
        save(browser);
        browser.waitForText("已保存 两县干部。");
        assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("松川县（人员所属的县在此不能修改）");
        assertThat(browser.driver.findElements(By.id("county"))).as("the county of an entry is not changed by an edit").isEmpty();
        assertThat(countyOf()).contains(DemoCounty.CODE);
        browser.screenshot("people-counties-saved");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("people-counties");
        throw e;
      }
    }
  }

  private static void save(Browser browser) {
    browser.driver.findElement(By.xpath("//button[normalize-space(.)='保存']")).click();
  }

  private static Optional<String> countyOf() {
    return app.getBean(JdbcClient.class).sql("select county from xc_inspector where account = ?").param(ACCOUNT).query(String.class).optional();
  }
}

package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.registers.TeamMeetings;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.StepFixture;
import cn.xuncha.round.TeamGroups;
import cn.xuncha.round.UnitRecords;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The on-site registers page of 赵村镇党委 in a real Chromium (issue 17): the team opens it, a
 * petition dated tomorrow is refused in Chinese with nothing stored, then recorded; a 组务会 with a
 * 立行立改 demand is recorded; the leading group sees counts only and grants the office the content,
 * which the office then reads without any form to record. Every screen in Chinese.
 */
class RegistersBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;
  private static String page;
  private static UnitRef unit;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("registers-browser-it");
    base = Browser.base(app);
    RoundUnits units = app.getBean(RoundUnits.class);
    String round = new StepFixture(app.getBean(ProcessEngine.class), app.getBean(RoundRepository.class), units, app.getBean(TeamGroups.class))
        .sampleRoundAt("2022-05-10T09:00");
    unit = units.unit(round, "unit1");
    app.getBean(UnitRecords.class).save(unit.unitId(), new Announcement(LocalDate.parse("2022-04-18"), "县融媒体中心",
        LocalDate.parse("2022-04-18"), "乡政府院内", LocalDate.parse("2022-04-21"), "乡政府会议室",
        List.of(new PetitionChannel("电话", "12388", null, null), new PetitionChannel("邮政信箱", "县邮政局 1 号信箱", null, null)),
        LocalDate.parse("2022-06-03"), LocalTime.parse("17:30")), "office1", Instant.now());
    page = base + "/registers/" + round + "/unit1";
  }

  @AfterAll
  static void stop() {
    Browser.stop(app);
  }

  @Test
  void theTeamIsRefusedOnceInChineseThenRecordsAndTheOfficeGrantsTheLeadingGroupTheContent() {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    try (Browser team = Browser.open(base)) {
      try {
        team.logIn("team1-leader");
        team.driver.get(page);
        team.waitForText("现场登记：赵村镇党委");
        assertThat(team.englishWordsIn("main")).isEmpty();
        team.screenshot("registers/open");

        WebElement petition = form(team, "/petitions");
        petition.findElement(By.cssSelector("select[name=channel]")).findElement(By.xpath("option[.='邮政信箱：县邮政局 1 号信箱']")).click();
        date(team, petition, "receivedOn", "2022-05-11");
        petition.findElement(By.name("petitioner")).sendKeys("王某");
        petition.findElement(By.name("content")).sendKeys("反映镇党委三重一大事项未经集体研究");
        petition.findElement(By.cssSelector("button[type=submit]")).click();
        team.waitForText("未保存，登记保持不变");
        assertThat(team.driver.findElement(By.tagName("main")).getText()).contains("受理日期：不能晚于今天（2022-05-10）");
        assertThat(team.englishWordsIn("main")).isEmpty();
        team.screenshot("registers/refused");
        assertThat(count(jdbc, "xc_petition")).as("a refused entry stores nothing").isZero();

        petition = form(team, "/petitions");
        petition.findElement(By.cssSelector("select[name=channel]")).findElement(By.xpath("option[.='邮政信箱：县邮政局 1 号信箱']")).click();
        date(team, petition, "receivedOn", "2022-05-09");
        petition.findElement(By.name("petitioner")).sendKeys("王某");
        petition.findElement(By.name("content")).sendKeys("反映镇党委三重一大事项未经集体研究");
        petition.findElement(By.cssSelector("button[type=submit]")).click();
        team.waitForText("已登记信访件。");
        assertThat(team.driver.findElement(By.tagName("main")).getText()).contains("王某", "反映镇党委三重一大事项未经集体研究", "邮政信箱 1 件");

        WebElement meeting = form(team, "/meetings");
        date(team, meeting, "heldOn", "2022-05-10");
        meeting.findElement(By.name("attendees")).sendKeys("第一巡察组全体成员");
        meeting.findElement(By.name("toReport")).sendKeys("镇财政所违规发放津补贴");
        meeting.findElement(By.cssSelector("button[type=submit]")).click();
        team.waitForText("已登记组务会。");
        WebElement demand = team.driver.findElement(By.cssSelector("form[action$='/demands']"));
        demand.findElement(By.name("problem")).sendKeys("党务公开栏内容未更新");
        demand.findElement(By.name("demand")).sendKeys("立即更新党务公开栏");
        date(team, demand, "rectifyBy", "2022-05-20");
        demand.findElement(By.cssSelector("button[type=submit]")).click();
        team.waitForText("立行立改要求。");
        assertThat(app.getBean(TeamMeetings.class).demands(unit)).hasSize(1);
        assertThat(team.driver.findElement(By.tagName("main")).getText()).contains("党务公开栏内容未更新", "待整改");
        assertThat(team.englishWordsIn("main")).isEmpty();
        team.screenshot("registers/recorded");
      } catch (RuntimeException | AssertionError e) {
        team.keepFailure("registers-team");
        throw e;
      }
    }

    try (Browser leader = Browser.open(base)) {
      try {
        leader.logIn("leader1");
        leader.driver.get(page);
        leader.waitForText("这里只显示统计数");
        assertThat(leader.driver.findElement(By.tagName("main")).getText()).doesNotContain("王某", "三重一大");
        WebElement grant = form(leader, "/content-grant");
        grant.findElement(By.name("reason")).sendKeys("巡察办汇总本单位问题线索");
        grant.findElement(By.cssSelector("button[type=submit]")).click();
        leader.waitForText("已准许巡察办查看本单位现场登记的内容。");
        assertThat(leader.driver.findElement(By.tagName("main")).getText()).as("the leading group itself keeps the counts")
            .contains("只显示统计数", "巡察办汇总本单位问题线索", "leader1").doesNotContain("王某", "三重一大");
        assertThat(leader.englishWordsIn("main")).isEmpty();
        leader.screenshot("registers/leading-group-granted");
      } catch (RuntimeException | AssertionError e) {
        leader.keepFailure("registers-leader");
        throw e;
      }
    }

    try (Browser office = Browser.open(base)) {
      try {
        office.logIn("office1");
        office.driver.get(page);
        office.waitForText("巡察工作领导小组已准许巡察办查看本单位现场登记的内容");
        assertThat(office.driver.findElement(By.tagName("main")).getText())
            .contains("王某", "镇财政所违规发放津补贴", "巡察办汇总本单位问题线索");
        assertThat(office.driver.findElements(By.cssSelector("main form"))).as("the office reads, never records").isEmpty();
        assertThat(office.englishWordsIn("main")).isEmpty();
        office.screenshot("registers/office-granted");
      } catch (RuntimeException | AssertionError e) {
        office.keepFailure("registers-office");
        throw e;
      }
    }
  }

  private static WebElement form(Browser browser, String action) {
    return browser.driver.findElement(By.cssSelector("form[action$='" + action + "']"));
  }

  /** A date field's value as the date picker would set it (Chromium's picker shows it as 年/月/日). */
  private static void date(Browser browser, WebElement form, String name, String isoDate) {
    ((JavascriptExecutor) browser.driver).executeScript("arguments[0].value = arguments[1];", form.findElement(By.name(name)), isoDate);
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}

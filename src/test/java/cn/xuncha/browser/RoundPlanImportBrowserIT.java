package cn.xuncha.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlanSheets;
import cn.xuncha.round.RoundPlanSteps;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The office's spreadsheet in Chromium: the plan form links the template and the import page at
 * its top; a filled template uploaded on the import page into the open 编制巡察工作方案 shows its
 * teams and units in the form when the task is opened again. The file is picked with a Chinese
 * button (the browser's own says “Choose File” on an English installation), and a file over 10 MB
 * is refused with a Chinese page instead of a broken connection.
 */
class RoundPlanImportBrowserIT {

  private static ConfigurableApplicationContext app;
  private static String base;
  private static RoundPlanSteps steps;

  @BeforeAll
  static void startApplication() {
    app = Browser.application("round-plan-import-browser-it");
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
  void importedTeamsAndUnitsAppearInThePlanForm() throws Exception {
    ProcessInstance round = steps.startBlank();
    String task = steps.task(round, "Task_DraftRoundPlan").getId();
    Path sheet = Files.createTempFile("plan", ".xlsx");
    Files.write(sheet, RoundPlanSheets.sample(template()));
    Path oversized = Files.createTempFile("too-large", ".xlsx");
    Files.write(oversized, new byte[11 * 1024 * 1024]);
    try (Browser browser = Browser.open(base)) {
      try {
        browser.logIn("office1");
        browser.openTask(task, "编制巡察工作方案");
        assertThat(browser.driver.findElement(By.linkText("下载模板")).getAttribute("href")).endsWith("/round-plan/template");
        assertThat(browser.driver.findElement(By.linkText("导入")).getAttribute("href")).endsWith("/round-plan/import");

        browser.driver.findElement(By.linkText("导入")).click();
        browser.waitForText("导入巡察组和被巡察党组织");
        assertThat(browser.driver.findElement(By.cssSelector("label.file-pick")).getText()).isEqualTo("选择文件");
        assertThat(browser.driver.findElement(By.cssSelector(".file-chosen")).getText()).isEqualTo("未选择文件");
        assertThat(browser.driver.findElement(By.id("file")).isDisplayed()).as("the browser's own button is out of sight").isFalse();
        assertThat(browser.englishWordsIn("body")).as("English on the import page").isEmpty();
        browser.driver.findElement(By.id("file")).sendKeys(oversized.toAbsolutePath().toString());
        browser.driver.findElement(By.xpath("//button[normalize-space(.)='导入']")).click();
        browser.waitForText("上传的文件超过 10 MB");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("文件过大");
        assertThat(browser.englishWordsIn("body")).as("English on the page refusing a large file").isEmpty();
        browser.screenshot("upload-too-large");

        browser.driver.get(base + "/round-plan/import");
        browser.waitForText("导入巡察组和被巡察党组织");
        browser.driver.findElement(By.id("file")).sendKeys(sheet.toAbsolutePath().toString());
        assertThat(browser.driver.findElement(By.cssSelector(".file-chosen")).getText()).isEqualTo(sheet.getFileName().toString());
        browser.driver.findElement(By.xpath("//button[normalize-space(.)='导入']")).click();
        browser.waitForText("已导入 7 个巡察组、7 个被巡察党组织");
        browser.screenshot("round-plan-imported");

        browser.driver.get(base + "/camunda/app/tasklist/default/#/?task=" + task);
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-form")));
        browser.waitForText("巡察组");
        List<String> values = browser.wait.until(driver -> {
          List<String> shown = (List<String>) ((JavascriptExecutor) driver).executeScript(
              "return [...document.querySelectorAll('.fjs-form input, .fjs-form textarea')].map(input => input.value);");
          return shown.contains("第一巡察组") ? shown : null;
        });
        assertThat(values).contains("第一巡察组", "赵村镇党委");
        ((JavascriptExecutor) browser.driver).executeScript("[...document.querySelectorAll('.fjs-form input')]"
            + ".find(input => input.value === '第一巡察组').scrollIntoView({block: 'center'});");
        browser.screenshot("round-plan-with-imported-rows");
      } catch (RuntimeException | AssertionError e) {
        browser.keepFailure("round-plan-import");
        throw e;
      }
    } finally {
      Files.deleteIfExists(sheet);
      Files.deleteIfExists(oversized);
    }
  }

  private static byte[] template() throws Exception {
    HttpResponse<byte[]> template = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/round-plan/template"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(template.statusCode()).isEqualTo(200);
    return template.body();
  }
}

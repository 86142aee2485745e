package cn.xuncha.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The webapps load our Chinese locale and our config.js in place of the webjar's, for a logged-in user. */
@XunchaSpringTest
class WebappLocaleTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;
  final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  @BeforeEach
  void logIn() throws Exception {
    Matcher csrf = CSRF.matcher(get("/login").body());
    assertThat(csrf.find()).isTrue();
    String form = "username=office1&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
  }

  @Test
  void tasklistServesChineseLabels() throws Exception {
    HttpResponse<String> zh = get("/camunda/app/tasklist/locales/zh.json");

    assertThat(zh.statusCode()).isEqualTo(200);
    assertThat(zh.body()).contains("\"CLAIM_TASK\": \"认领\"", "\"DUE_DATE\": \"到期日期\"");
  }

  @Test
  void tasklistConfigOffersChineseWithEnglishFallbackAndKeepsShortcuts() throws Exception {
    HttpResponse<String> config = get("/camunda/app/tasklist/scripts/config.js");

    assertThat(config.statusCode()).isEqualTo(200);
    assertThat(config.body()).contains("availableLocales: ['zh', 'en']", "fallbackLocale: 'en'", "claimTask", "认领当前选中的任务");
  }

  @Test
  void englishStillComesFromTheWebjar() throws Exception {
    HttpResponse<String> en = get("/camunda/app/tasklist/locales/en.json");

    assertThat(en.statusCode()).isEqualTo(200);
    assertThat(en.body()).contains("\"CLAIM_TASK\": \"Claim\"");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

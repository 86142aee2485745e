package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One login for the app, the webapps and the REST API, tried over real HTTP. */
@XunchaSpringTest
class LoginTest {

  private static final String TASKLIST_USER = "/camunda/api/admin/auth/user/default";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;
  @Autowired
  HistoryService historyService;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void anonymousVisitorsReachOnlyTheLoginPageAndHealth() throws Exception {
    assertThat(get("/engine-rest/task", null).statusCode()).isEqualTo(401);
    assertThat(get(TASKLIST_USER, null).statusCode()).isEqualTo(401);
    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.statusCode()).isEqualTo(302);
    assertThat(tasklist.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));

    HttpResponse<String> login = get("/login", null);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("<html lang=\"zh-CN\">", "用户名", "密码", "登录");
    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    assertThat(get("/actuator/env", null).statusCode()).isNotEqualTo(200);
  }

  @Test
  void wrongPasswordIsRefusedWithoutAnAuthenticatedSession() throws Exception {
    // unit7 logs in nowhere else: after a failure Camunda delays that account's next login
    HttpResponse<String> basic = http.send(HttpRequest.newBuilder(uri("/engine-rest/task"))
        .header("Authorization", basic("unit7", "wrong")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(basic.headers().allValues("Set-Cookie")).isEmpty();

    Session session = loginPage();
    HttpResponse<String> refused = session.postForm("/login", "username=unit7&password=wrong");
    assertThat(refused.statusCode()).isEqualTo(302);
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(session.get(TASKLIST_USER).statusCode()).isEqualTo(401);
    assertThat(get("/login?error", null).body()).contains("用户名或密码错误");
  }

  @Test
  void loggedInUserReachesTasklistsUserApiAsThemselves() throws Exception {
    Session session = loginAs("office1");

    HttpResponse<String> user = session.get(TASKLIST_USER);
    assertThat(user.statusCode()).isEqualTo(200);
    assertThat(user.body()).contains("\"userId\":\"office1\"").contains("tasklist");
    assertThat(session.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    assertThat(session.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
  }

  @Test
  void restApiActsAsTheAuthenticatedUser() throws Exception {
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/inspection-round/submit-form"))
        .header("Authorization", basic("office1", "demo"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"preset\":{\"value\":\"sample\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(started.statusCode()).isEqualTo(200);
    Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(started.body());
    assertThat(id.find()).isTrue();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(id.group(1)).singleResult().getStartUserId())
        .isEqualTo("office1");
  }

  @Test
  void invalidSubmissionThroughRestIsRefusedWithChineseMessage() throws Exception {
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/inspection-round/submit-form"))
        .header("Authorization", basic("office1", "demo"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"preset\":{\"value\":\"everything\"}}}"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("方案来源：只能选择");
  }

  @Test
  void logoutEndsTheSessionEverywhere() throws Exception {
    Session fromApp = loginAs("leader1");
    assertThat(fromApp.get(TASKLIST_USER).statusCode()).isEqualTo(200);
    fromApp.csrf = csrfToken(fromApp.get("/login"));
    HttpResponse<String> loggedOut = fromApp.postForm("/logout", "");
    assertThat(loggedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(fromApp.get(TASKLIST_USER).statusCode()).isEqualTo(401);
    assertThat(fromApp.get("/engine-rest/task").statusCode()).isEqualTo(401);

    WebSession fromTasklist = WebSession.signedIn(port, "leader1");
    assertThat(fromTasklist.get(TASKLIST_USER).statusCode()).isEqualTo(200);
    assertThat(fromTasklist.webappPost(TASKLIST_USER + "/logout", "").statusCode()).isEqualTo(200);
    assertThat(fromTasklist.get(TASKLIST_USER).statusCode()).isEqualTo(401);
    assertThat(fromTasklist.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(302);
  }

  private Session loginAs(String user) throws Exception {
    Session session = loginPage();
    HttpResponse<String> response = session.postForm("/login", "username=" + user + "&password=demo");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    session.takeCookie(response);
    return session;
  }

  private Session loginPage() throws Exception {
    Session session = new Session();
    HttpResponse<String> page = get("/login", null);
    session.takeCookie(page);
    session.csrf = csrfToken(page);
    return session;
  }

  /** Spring Security issues a new CSRF token at login; a page of the session carries the current one. */
  private static String csrfToken(HttpResponse<String> page) {
    Matcher token = CSRF.matcher(page.body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private final class Session {
    String cookie;
    String csrf;

    void takeCookie(HttpResponse<?> response) {
      response.headers().allValues("Set-Cookie").stream()
          .filter(value -> value.startsWith("JSESSIONID="))
          .findFirst()
          .ifPresent(value -> cookie = value.substring(0, value.indexOf(';')));
    }

    HttpResponse<String> get(String path) throws Exception {
      return LoginTest.this.get(path, cookie);
    }

    HttpResponse<String> postForm(String path, String form) throws Exception {
      String body = form + (form.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
      return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}

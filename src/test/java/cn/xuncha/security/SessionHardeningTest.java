package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.IdentitySetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The smaller holes of issue 10 item 7: the webapps' logout (and every other changing call) needs
 * the XSRF token and a call without it leaves the session alone; no redirect names the host the
 * request claimed; users cannot rename or delete accounts, through any prefix, but can still change
 * their own password.
 */
@XunchaSpringTest
class SessionHardeningTest {

  private static final String AUTH_USER = "/camunda/api/admin/auth/user/default";
  private static final String FORGED_HOST = "evil.example";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentitySetup identitySetup;
  @LocalServerPort
  int port;
  @Autowired
  org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext webServer;

  @Test
  void theWebappsLogoutNeedsTheXsrfTokenAndACallWithoutItLeavesTheSessionAlone() throws Exception {
    WebSession user = WebSession.signedIn(port, "leader1");
    assertThat(user.get(AUTH_USER).statusCode()).isEqualTo(200);
    user.xsrfToken();

    HttpResponse<String> forged = user.send(user.request(AUTH_USER + "/logout").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("安全令牌");
    assertThat(user.send(user.request(AUTH_USER + "/logout").header("X-XSRF-TOKEN", "guessed")
        .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(403);
    assertThat(user.send(user.request("/camunda/api/engine/engine/default/task/any/claim").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"leader1\"}"))).statusCode()).isEqualTo(403);
    assertThat(user.get(AUTH_USER).statusCode()).as("still signed in").isEqualTo(200);

    assertThat(user.webappPost(AUTH_USER + "/logout", "").statusCode()).isEqualTo(200);
    assertThat(user.get(AUTH_USER).statusCode()).isEqualTo(401);
    assertThat(user.get("/engine-rest/task").statusCode()).isEqualTo(401);
  }

  /**
   * A call with HTTP Basic credentials (a script, another system) is authenticated for itself: no session is created
   * and no cookie set, whatever it answers and under every prefix that takes such calls; a browser's sign-in still
   * keeps its session.
   */
  @Test
  void callsWithBasicCredentialsCreateNoSessionWhileBrowsersKeepTheirs() throws Exception {
    org.apache.catalina.Manager sessions = ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) webServer.getWebServer())
        .getTomcat().getHost().findChildren()[0] instanceof org.apache.catalina.Context context ? context.getManager() : null;
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String credentials = "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8));
    int before = sessions.getActiveSessions();

    for (String path : List.of("/engine-rest/task?maxResults=1", "/engine-rest/engine/default/task/missing", "/engine-rest/deployment",
        "/api/ledger/clues/x")) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
          .header("Authorization", credentials).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.headers().allValues("Set-Cookie")).as(path + " " + answer.statusCode()).isEmpty();
    }
    // the webapps' API: Camunda's filters keep their sign-in and CSRF token in a session, which ends with the call
    for (String path : List.of("/camunda/api/engine/engine/default/task/count", "/camunda/api/engine/engine/default/task/missing")) {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
          .header("Authorization", credentials).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(path).isIn(200, 404);
    }
    assertThat(sessions.getActiveSessions()).isEqualTo(before);

    WebSession browser = WebSession.signedIn(port, "office1");
    assertThat(browser.get(AUTH_USER).statusCode()).isEqualTo(200);
    assertThat(browser.get("/engine-rest/task?maxResults=1").statusCode()).as("the session signs in the REST API too").isEqualTo(200);
    assertThat(sessions.getActiveSessions()).isGreaterThan(before);
  }

  @Test
  void redirectsNeverNameTheHostTheRequestClaimed() throws Exception {
    Map<String, String> anonymous = raw("GET", "/camunda/app/cockpit/default/", null, null);
    assertThat(anonymous.get("status")).isEqualTo("302");
    assertThat(anonymous.get("location")).isEqualTo("/login");

    Map<String, String> loginPage = raw("GET", "/login", anonymous.get("cookie"), null);
    Matcher token = CSRF.matcher(loginPage.get("body"));
    assertThat(token.find()).isTrue();
    String session = anonymous.get("cookie");
    Map<String, String> login = raw("POST", "/login", session,
        "username=office1&password=demo&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8));
    assertThat(login.get("location")).as("back to the page asked for").startsWith("/camunda/app/cockpit/default/");
    session = login.get("cookie");

    assertThat(raw("GET", "/", session, null).get("location")).isEqualTo("/camunda/app/tasklist/default/");
    Map<String, String> page = raw("GET", "/calendar", session, null);
    Matcher logoutToken = CSRF.matcher(page.get("body"));
    assertThat(logoutToken.find()).isTrue();
    Map<String, String> logout = raw("POST", "/logout", session, "_csrf=" + URLEncoder.encode(logoutToken.group(1), StandardCharsets.UTF_8));
    assertThat(logout.get("location")).isEqualTo("/login?logout");
    Map<String, String> expired = raw("GET", "/camunda/app/tasklist/default/", session, null);
    assertThat(expired.get("location")).isEqualTo("/login?expired");
    assertThat(raw("GET", "/camunda/app", null, null).get("location")).doesNotContain(FORGED_HOST);
  }

  @Test
  void usersCannotRenameOrDeleteAccountsThroughAnyPrefixButChangeTheirOwnPassword() throws Exception {
    String id = "profile-probe";
    identitySetup.ensureUser(id, "普通", "干部", "demo");
    WebSession user = WebSession.signedIn(port, id);
    String official = "{\"id\":\"" + id + "\",\"firstName\":\"县委\",\"lastName\":\"书记\",\"email\":\"shuji@example.cn\"}";

    for (String prefix : new String[] {"/engine-rest", "/engine-rest/engine/default"}) {
      HttpResponse<String> renamed = user.send(user.request(prefix + "/user/" + id + "/profile").header("Authorization", basic(id, "demo"))
          .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(official)));
      assertThat(renamed.statusCode()).isEqualTo(403);
      assertThat(renamed.body()).contains(GuardedIdentityProvider.PROFILE_REFUSED);
      assertThat(user.send(user.request(prefix + "/user/" + id).header("Authorization", basic(id, "demo")).DELETE()).statusCode())
          .isEqualTo(403);
    }
    HttpResponse<String> inTheWebapp = user.webapp("PUT", "/camunda/api/engine/engine/default/user/" + id + "/profile", official);
    assertThat(inTheWebapp.statusCode()).isEqualTo(403);
    assertThat(inTheWebapp.body()).contains(GuardedIdentityProvider.PROFILE_REFUSED);
    User stored = engine.getIdentityService().createUserQuery().userId(id).singleResult();
    assertThat(stored.getFirstName() + stored.getLastName()).isEqualTo("普通干部");

    HttpResponse<String> password = user.webapp("PUT", "/camunda/api/engine/engine/default/user/" + id + "/credentials",
        "{\"password\":\"new-password-1\",\"authenticatedUserPassword\":\"demo\"}");
    assertThat(password.statusCode()).isEqualTo(204);
    assertThat(engine.getIdentityService().checkPassword(id, "new-password-1")).isTrue();

    WebSession admin = WebSession.signedIn(port, "admin");
    assertThat(admin.webapp("PUT", "/camunda/api/engine/engine/default/user/" + id + "/profile",
        "{\"id\":\"" + id + "\",\"firstName\":\"普通\",\"lastName\":\"科员\",\"email\":\"\"}").statusCode()).isEqualTo(204);
    assertThat(engine.getIdentityService().createUserQuery().userId(id).singleResult().getLastName()).isEqualTo("科员");
    engine.getIdentityService().deleteUser(id);
  }

  /** One HTTP/1.1 exchange with a forged Host header, which Java's HTTP client refuses to send. */
  /**
   * A page on another site can make the browser post a multipart form, with the session cookie, to the REST API
   * (deploy a model, attach a file to a task). Such a change needs HTTP Basic there, as REST clients send it.
   */
  @Test
  void theRestApiMakesNoChangeOnTheSessionCookieAlone() throws Exception {
    TeamProcess.deploy(engine);
    String taskId = engine.getTaskService().createTaskQuery()
        .processInstanceId(TeamProcess.start(engine, "team1", "team1", "线索").getId()).singleResult().getId();
    WebSession leader = WebSession.signedIn(port, "team1-leader");
    String boundary = "xuncha-probe";
    String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\n伪造附件\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\nhttp://example.cn/\r\n--" + boundary + "--\r\n";

    for (String prefix : List.of("/engine-rest", "/engine-rest/engine/default")) {
      HttpRequest.Builder forged = leader.request(prefix + "/task/" + taskId + "/attachment/create")
          .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(form));
      assertThat(leader.send(forged).statusCode()).as(prefix).isIn(401, 403);
    }
    assertThat(engine.getTaskService().getTaskAttachments(taskId)).isEmpty();

    HttpRequest.Builder basic = leader.request("/engine-rest/task/" + taskId + "/attachment/create")
        .header("Authorization", basic("team1-leader", "demo"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofString(form));
    assertThat(leader.send(basic).statusCode()).isEqualTo(200);
    assertThat(engine.getTaskService().getTaskAttachments(taskId)).hasSize(1);
  }

  private Map<String, String> raw(String method, String path, String cookie, String form) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + FORGED_HOST + "\r\nConnection: close\r\n");
      if (cookie != null) {
        request.append("Cookie: ").append(cookie).append("\r\n");
      }
      byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
      if (form != null) {
        request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> parts = new LinkedHashMap<>();
      String head = response.substring(0, response.indexOf("\r\n\r\n"));
      parts.put("status", head.split(" ")[1]);
      parts.put("body", response.substring(head.length() + 4));
      parts.put("cookie", cookie);
      for (String line : head.split("\r\n")) {
        String lower = line.toLowerCase();
        if (lower.startsWith("location:")) {
          parts.put("location", line.substring("location:".length()).trim());
        } else if (lower.startsWith("set-cookie: jsessionid=") && !lower.contains("max-age=0")) {
          parts.put("cookie", line.substring("set-cookie:".length()).trim().split(";", 2)[0]);
        }
      }
      return parts;
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

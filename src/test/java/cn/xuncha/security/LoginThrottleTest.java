package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.IdentitySetup;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.mock.web.MockHttpServletRequest;
import java.util.function.Supplier;

/**
 * Wrong passwords are throttled per client and account, on every way in, and nobody can lock an
 * account for others or for good (issue 10 item 5). Failures are spaced three minutes apart, past
 * any login delay Camunda would impose; the clock is moved, not waited for.
 */
@XunchaSpringTest
class LoginThrottleTest {

  private static final String RIGHT = "right-password";
  private static final String[] REST_PREFIXES = {"/engine-rest", "/engine-rest/engine/default"};

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentitySetup identitySetup;
  @LocalServerPort
  int port;
  private Instant now = Instant.now();

  @Autowired
  LoginThrottle throttle;

  /** As a restart does: the other tests on the shared context log in from this client too. */
  @BeforeEach
  @AfterEach
  void forgetAllFailures() {
    ((Map<?, ?>) ReflectionTestUtils.getField(throttle, "failures")).clear();
  }

  @Test
  void fiveWrongPasswordsOverAnyLoginPathRefuseThatClientForFifteenMinutesOnly() throws Exception {
    String user = probe("throttle-expiry");
    WebSession attacker = WebSession.anonymous(port);
    tick(Duration.ZERO);

    tick(Duration.ofMinutes(3));
    assertThat(attacker.login(user, "wrong")).isEqualTo("/login?error");
    for (String prefix : REST_PREFIXES) {
      tick(Duration.ofMinutes(3));
      assertThat(basicGet(attacker, prefix + "/task", user, "wrong").statusCode()).isEqualTo(401);
    }
    tick(Duration.ofMinutes(3));
    assertThat(attacker.login(user, "wrong")).isEqualTo("/login?error");
    tick(Duration.ofMinutes(3));
    assertThat(basicGet(attacker, "/engine-rest/task", user, "wrong").statusCode()).isEqualTo(401);

    assertThat(attacker.login(user, RIGHT)).as("the same client, even with the right password").isEqualTo("/login?locked");
    for (String prefix : REST_PREFIXES) {
      assertThat(basicGet(attacker, prefix + "/task", user, RIGHT).statusCode()).isEqualTo(401);
    }
    assertThat(attacker.get("/login?locked").body()).contains("登录尝试过多", "解锁用户");

    assertThat(WebSession.anonymousFromAnotherClient(port).login(user, RIGHT)).as("the owner at his own computer").isEqualTo("/");

    tick(LoginThrottle.WINDOW.minusSeconds(1));
    assertThat(attacker.login(user, RIGHT)).isEqualTo("/login?locked");
    tick(Duration.ofSeconds(1));
    assertThat(attacker.login(user, RIGHT)).as("expired by itself").isEqualTo("/");
    assertThat(basicGet(attacker, "/engine-rest/engine/default/task?maxResults=1", user, RIGHT).statusCode()).isEqualTo(200);
  }

  @Test
  void nobodyCanLockTheAdministratorOut() throws Exception {
    WebSession attacker = WebSession.anonymous(port);
    tick(Duration.ZERO);
    for (int attempt = 1; attempt <= 3; attempt++) {
      tick(Duration.ofMinutes(3));
      attacker.login("admin", "wrong");
      basicGet(attacker, "/engine-rest/engine/default/task", "admin", "wrong");
    }
    assertThat(attacker.login("admin", "demo")).isEqualTo("/login?locked");

    WebSession administrator = WebSession.anonymousFromAnotherClient(port);
    assertThat(administrator.login("admin", "demo")).isEqualTo("/");
    for (String prefix : REST_PREFIXES) {
      assertThat(basicGet(administrator, prefix + "/user/admin/profile", "admin", "demo").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theAdministratorUnlocksAnAccountWithAdminsUnlockButton() throws Exception {
    String user = probe("throttle-unlock");
    WebSession attacker = WebSession.anonymous(port);
    tick(Duration.ZERO);
    for (int attempt = 1; attempt <= LoginThrottle.MAX_FAILURES; attempt++) {
      tick(Duration.ofMinutes(1));
      assertThat(attacker.login(user, "wrong")).isEqualTo("/login?error");
    }
    assertThat(attacker.login(user, RIGHT)).isEqualTo("/login?locked");

    WebSession admin = WebSession.anonymousFromAnotherClient(port);
    assertThat(admin.login("admin", "demo")).isEqualTo("/");
    assertThat(admin.webappPost("/camunda/api/engine/engine/default/user/" + user + "/unlock", "").statusCode()).isEqualTo(204);

    assertThat(attacker.login(user, RIGHT)).isEqualTo("/");
  }

  @Test
  void manyAccountsFromOneClientRefuseThatClientOnly() throws Exception {
    WebSession sprayer = WebSession.anonymous(port);
    tick(Duration.ZERO);
    for (int attempt = 1; attempt <= LoginThrottle.MAX_CLIENT_FAILURES; attempt++) {
      tick(Duration.ofSeconds(10));
      sprayer.login(probe("throttle-spray-" + attempt), "wrong");
    }
    String untouched = probe("throttle-spray-untouched");
    assertThat(sprayer.login(untouched, RIGHT)).isEqualTo("/login?locked");
    assertThat(WebSession.anonymousFromAnotherClient(port).login(untouched, RIGHT)).isEqualTo("/");
    tick(LoginThrottle.WINDOW);
    assertThat(sprayer.login(untouched, RIGHT)).isEqualTo("/");
  }

  @Test
  void camundasOwnLoginCallIsClosed() throws Exception {
    WebSession browser = WebSession.anonymous(port);
    HttpResponse<String> login = browser.send(browser.request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=office1&password=" + URLEncoder.encode("demo", StandardCharsets.UTF_8))));

    assertThat(login.statusCode()).isIn(401, 403);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(401);
  }

  private String probe(String id) {
    identitySetup.ensureUser(id, "测试", "账号", RIGHT);
    return id;
  }

  private void tick(Duration step) {
    now = now.plus(step);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private static HttpResponse<String> basicGet(WebSession client, String path, String user, String password) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return client.send(client.request(path).header("Authorization", "Basic " + credentials).GET());
  }

  /**
   * An IPv6 subscriber or site holds a whole /64 and could try five passwords from each of its addresses; the
   * throttle counts the /64 as one client. An IPv4 address written as IPv6 is the IPv4 client.
   */
  @Test
  void theAddressesOfOneIpv6NetworkAreOneClient() {
    for (int host = 1; host <= LoginThrottle.MAX_FAILURES; host++) {
      asClient("2001:db8:1:2::" + host, () -> throttle.failed("office1"));
    }
    assertThat(asClient("2001:db8:1:2:ffff:ffff:ffff:ffff", () -> throttle.refuses("office1"))).isTrue();
    assertThat(asClient("2001:db8:1:3::1", () -> throttle.refuses("office1"))).as("another network").isFalse();

    for (int attempt = 1; attempt <= LoginThrottle.MAX_FAILURES; attempt++) {
      asClient("192.0.2.7", () -> throttle.failed("leader1"));
    }
    assertThat(asClient("::ffff:192.0.2.7", () -> throttle.refuses("leader1"))).isTrue();
  }

  private static <T> T asClient(String address, Supplier<T> action) {
    var request = new MockHttpServletRequest();
    request.setRemoteAddr(address);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    try {
      return action.get();
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }

  private static void asClient(String address, Runnable action) {
    asClient(address, () -> {
      action.run();
      return null;
    });
  }
}

package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in browser session without a browser: cookies, Spring's CSRF token and the webapps' XSRF token. */
public final class WebSession {

  /** Every prefix the engine's REST API is served under: its own, its default engine's, and the webapps' (session and XSRF token). */
  public static final List<String> ENGINE_PREFIXES = List.of("/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default");

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String origin;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  private WebSession(String origin) {
    this.origin = origin;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  static WebSession anonymous(int port) {
    return new WebSession("http://localhost:" + port);
  }

  /** A browser on another computer: the server sees the IPv6 loopback address instead of 127.0.0.1. */
  static WebSession anonymousFromAnotherClient(int port) {
    return new WebSession("http://[::1]:" + port);
  }

  /** @return where the login page sent the browser: "/" on success, "/login?error" on refusal */
  String login(String user, String password) throws Exception {
    Matcher token = CSRF.matcher(get("/login").body());
    assertThat(token.find()).isTrue();
    String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
    HttpResponse<String> response = http.send(request("/login")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    return response.headers().firstValue("Location").orElse("");
  }

  public static WebSession signedIn(int port, String user) throws Exception {
    WebSession session = anonymous(port);
    assertThat(session.login(user, "demo")).isEqualTo("/");
    return session;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON POST as the webapps send it, with their XSRF token (fetched the way they fetch it). */
  HttpResponse<String> webappPost(String path, String json) throws Exception {
    return webapp("POST", path, json);
  }

  /** Any call as the webapps make it, with their XSRF token (fetched the way they fetch it); {@code json} may be null for no body. */
  HttpResponse<String> webapp(String method, String path, String json) throws Exception {
    return webapp(method, path, "application/json", json);
  }

  /** As {@link #webapp(String, String, String)}, with a body of any content type (a multipart deployment); {@code body} may be null. */
  public HttpResponse<String> webapp(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    return send(request(path).header("X-XSRF-TOKEN", xsrfToken()).header("Content-Type", contentType).method(method, publisher));
  }

  /** A request of the session as it is, with whatever headers the caller adds (or leaves out). */
  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String xsrfToken() throws Exception {
    HttpResponse<String> page = http.send(request("/camunda/api/admin/auth/user/default")
        .header("X-XSRF-TOKEN", "Fetch").GET().build(), HttpResponse.BodyHandlers.ofString());
    return page.headers().firstValue("X-XSRF-TOKEN").orElseGet(() -> cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(origin + path));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

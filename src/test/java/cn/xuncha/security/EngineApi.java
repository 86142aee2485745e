package cn.xuncha.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's REST resources under every prefix the application serves them, called as a demo
 * user: with HTTP Basic on the REST API, with a signed-in session and the XSRF token on the
 * webapps' internal API. Security tests send each attack under every {@link Prefix}.
 */
public final class EngineApi {

  public enum Prefix {
    REST("/engine-rest"),
    REST_NAMED_ENGINE("/engine-rest/engine/default"),
    WEBAPP("/camunda/api/engine/engine/default");

    final String path;

    Prefix(String path) {
      this.path = path;
    }

    /** Where the engine's REST API is served under this prefix, e.g. {@code /engine-rest/engine/default}. */
    public String path() {
      return path;
    }
  }

  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, WebSession> sessions = new HashMap<>();

  public EngineApi(int port) {
    this.port = port;
  }

  /** {@code resource} starts with "/" and is appended to the prefix; {@code json} may be null. */
  public HttpResponse<String> call(Prefix prefix, String user, String method, String resource, String json) throws Exception {
    if (prefix == Prefix.WEBAPP) {
      WebSession session = sessions.get(user);
      if (session == null) {
        session = WebSession.signedIn(port, user);
        sessions.put(user, session);
      }
      return session.webapp(method, prefix.path + resource, json);
    }
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + prefix.path + resource))
        .header("Authorization", "Basic " + credentials).header("Content-Type", "application/json")
        .method(method, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}

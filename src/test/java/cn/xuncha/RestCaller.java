package cn.xuncha;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls the engine's REST API ({@code /engine-rest}) of a running application as a demo user
 * (password {@code demo}) with HTTP Basic, as an external client would. A refused connection or a
 * timeout is answered as status 0, so that callers can tell "not acknowledged" from an answer.
 */
public final class RestCaller {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public RestCaller(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A status and body; status 0 when no answer came. */
  public record Answer(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Answer get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  public Answer post(String user, String path, String json) {
    return send(user, posting(path, json));
  }

  /** A POST asking for the answer as {@code accept}, e.g. {@code application/hal+json}, as Tasklist asks for its task lists. */
  public Answer post(String user, String path, String json, String accept) {
    return send(user, posting(path, json).header("Accept", accept));
  }

  private HttpRequest.Builder posting(String path, String json) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  public Answer delete(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
  }

  private Answer send(String user, HttpRequest.Builder request) {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = HTTP.send(request.header("Authorization", "Basic " + credentials)
          .timeout(Duration.ofSeconds(90)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, e.toString());
    }
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser may keep of the webapps' files, and how they travel (issue 15's slow pages):
 * Camunda's versioned files for a year, the application's own files revalidated (304 without a
 * body), pages and API answers never; scripts compressed for a browser that accepts gzip.
 */
@XunchaSpringTest
class StaticResourceCachingTest {

  @LocalServerPort
  int port;

  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void camundasVersionedFilesAreKeptAndCompressed() throws Exception {
    HttpResponse<byte[]> deps = get("/camunda/lib/deps.js?bust=7.24.0", "Accept-Encoding", "gzip");

    assertThat(deps.statusCode()).isEqualTo(200);
    assertThat(deps.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");
    assertThat(deps.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(deps.body().length).as("deps.js is 3.9 MB uncompressed").isLessThan(1_500_000);
    assertThat(get("/camunda/lib/deps.js", "Accept", "*/*").headers().firstValue("Cache-Control").orElseThrow())
        .as("without the version in the address").contains("no-store");
  }

  @Test
  void ourOwnFilesAreRevalidatedAndNotSentAgainUnchanged() throws Exception {
    HttpResponse<byte[]> config = get("/camunda/app/cockpit/scripts/config.js?bust=7.24.0", "Accept", "*/*");
    assertThat(config.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
    String lastModified = config.headers().firstValue("Last-Modified").orElseThrow();

    HttpResponse<byte[]> again = get("/camunda/app/cockpit/scripts/config.js?bust=7.24.0", "If-Modified-Since", lastModified);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(get("/js/xuncha-cockpit.js", "Accept", "*/*").headers().firstValue("Cache-Control")).hasValue("private, no-cache");
  }

  @Test
  void pagesAndAnswersAreNeverKept() throws Exception {
    assertThat(get("/engine-rest/task/count", "Accept", "application/json").headers().firstValue("Cache-Control").orElseThrow())
        .as("Camunda's REST API answers no-cache itself").containsPattern("no-(cache|store)").doesNotContain("max-age=3");
    assertThat(get("/overview", "Accept", "text/html").headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
  }

  private HttpResponse<byte[]> get(String path, String header, String value) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header(header, value)
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("office1:demo".getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}

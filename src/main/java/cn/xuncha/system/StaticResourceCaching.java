package cn.xuncha.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets the browser keep the webapps' static files, which it fetched again on every page: Spring
 * Security marks every answer {@code no-store} by default, so each login to Tasklist and each
 * opening of Cockpit transferred about 5 MB (measured in Chromium; issue 15). Spring Security leaves
 * a {@code Cache-Control} header alone when the answer already has one
 * ({@code CacheControlHeadersWriter}); this filter sets it, only for a signed-in request (it runs
 * behind Spring Security) and only for:
 * <ul>
 *   <li>Camunda's own files, whose address names the Camunda version ({@code ?bust=7.24.0}: its
 *       libraries, fonts, the apps' bundles and plugin files): kept for a year, never asked again —
 *       an upgrade of Camunda changes the address;</li>
 *   <li>the files the application replaces or adds (the apps' {@code scripts/}, {@code styles/} and
 *       {@code locales/}, and {@code /js}, {@code /css}, {@code /img}): kept, but asked again each
 *       time, which costs a 304 answer without a body until a new version of the application changes
 *       them ({@code Last-Modified}).</li>
 * </ul>
 * Pages and API answers keep Spring Security's {@code no-store}.
 */
@Component
class StaticResourceCaching extends OncePerRequestFilter {

  private static final Pattern OURS = Pattern.compile("^/(?:camunda/app/[^/]+/(?:scripts|styles|locales)/.+|(?:js|css|img)/.+|favicon\\.ico)$");
  private static final Pattern CAMUNDA_VERSIONED = Pattern.compile(
      "^/camunda/(?:lib/.+|assets/.+|app/[^/]+/[^/]+\\.(?:js|css)|api/[^/]+/plugin/[^/]+/static/.+)$");
  private static final Pattern VERSION = Pattern.compile("(?:^|&)bust=[^&]+");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String cacheControl = cacheControl(request);
    if (cacheControl != null) {
      response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
    chain.doFilter(request, response);
  }

  /** What the answer to this request may be kept as; null for no change. */
  static String cacheControl(HttpServletRequest request) {
    if (!"GET".equals(request.getMethod())) {
      return null;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (OURS.matcher(path).matches()) {
      return "private, no-cache";
    }
    String query = request.getQueryString();
    if (CAMUNDA_VERSIONED.matcher(path).matches() && query != null && VERSION.matcher(query).find()) {
      return "private, max-age=31536000, immutable";
    }
    return null;
  }
}

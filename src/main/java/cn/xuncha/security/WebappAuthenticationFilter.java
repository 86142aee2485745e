package cn.xuncha.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;

/**
 * Camunda's container-based filter knows the engine only from page and engine-API paths, so the
 * webapps' "who am I" call ({@code /api/admin/auth/user/default}) answered 404 until a page had
 * been opened in the session. This filter also recognises that call.
 *
 * <p>A call with HTTP Basic credentials leaves no session behind, here as on the REST API
 * ({@code SecurityConfig}): Camunda's filter keeps the webapps' sign-in in the session and creates
 * one for every call (and its CSRF filter a token in it), so a script reading
 * {@code /camunda/api/engine/…} with Basic credentials left one session per call until they timed out.
 * The session such a call created ends with it.
 */
class WebappAuthenticationFilter extends ContainerBasedAuthenticationFilter {

  private static final Pattern AUTH_USER = Pattern.compile("^/api/admin/auth/user/([^/]+)$");

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
    try {
      super.doFilter(request, response, chain);
    } finally {
      HttpServletRequest call = (HttpServletRequest) request;
      String credentials = call.getHeader("Authorization");
      HttpSession session = call.getSession(false);
      if (credentials != null && credentials.regionMatches(true, 0, "Basic ", 0, 6) && session != null && session.isNew()) {
        session.invalidate();
      }
    }
  }

  @Override
  protected String extractEngineName(HttpServletRequest request) {
    Matcher authUser = AUTH_USER.matcher(getRequestUri(request));
    return authUser.matches() ? authUser.group(1) : super.extractEngineName(request);
  }
}

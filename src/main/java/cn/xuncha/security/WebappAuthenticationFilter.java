package cn.xuncha.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;

/**
 * Camunda's container-based filter knows the engine only from page and engine-API paths, so the
 * webapps' "who am I" call ({@code /api/admin/auth/user/default}) answered 404 until a page had
 * been opened in the session. This filter also recognises that call.
 */
class WebappAuthenticationFilter extends ContainerBasedAuthenticationFilter {

  private static final Pattern AUTH_USER = Pattern.compile("^/api/admin/auth/user/([^/]+)$");

  @Override
  protected String extractEngineName(HttpServletRequest request) {
    Matcher authUser = AUTH_USER.matcher(getRequestUri(request));
    return authUser.matches() ? authUser.group(1) : super.extractEngineName(request);
  }
}

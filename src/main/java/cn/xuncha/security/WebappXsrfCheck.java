package cn.xuncha.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' XSRF token, checked before anything else handles a changing request to their API
 * (issue 10 item 7). Camunda's own check comes after Spring Security, so our logout of the whole
 * session used to run without any token; and on a missing or wrong token Camunda's check ends the
 * session itself, which made any token-less request a logout. Here a changing request to
 * {@code /camunda/api/**} in a session must carry the session's token in {@code X-XSRF-TOKEN}, or
 * it is refused with 403 and the session is left as it was. Requests without a session pass on:
 * there is nothing to forge, and the authentication rules answer them.
 */
class WebappXsrfCheck extends OncePerRequestFilter {

  static final String REFUSED = "{\"type\":\"Forbidden\",\"message\":\"请求缺少有效的安全令牌，已拒绝。请刷新页面后重试。\"}";
  private static final String WEBAPP_API = "/camunda/api/";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return SAFE_METHODS.contains(request.getMethod())
        || !request.getRequestURI().substring(request.getContextPath().length()).startsWith(WEBAPP_API);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && !matches(session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME),
        request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME))) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write(REFUSED);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean matches(Object expected, String sent) {
    return expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}

package cn.xuncha.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admin's first-run setup creates an administrator without authentication whenever
 * {@code camunda-admin} has no direct member (an advisory against 7.24.0 with no Community patch).
 * The administrator is created by IdentitySetup on every start, so the setup call is never needed.
 */
class AdminSetupRefusal extends OncePerRequestFilter {

  static final String SETUP = "/camunda/api/admin/setup/";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().substring(request.getContextPath().length()).startsWith(SETUP);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
  }
}

package cn.xuncha.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hands the user that Spring Security authenticated to Camunda, for the webapps (container-based
 * authentication) and the REST API alike, with the user's groups: Spring Security's authorities are
 * exactly the groups the identity service has now (read at authentication, and again on every request
 * of a session by {@link CurrentGroupsFilter}), so Camunda need not read them a second time. Tenants
 * are left to Camunda, which reads them from its identity service. Camunda instantiates this class by name, so it cannot be a Spring bean.
 */
public class SpringSecurityUser implements AuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return AuthenticationResult.unsuccessful();
    }
    AuthenticationResult result = AuthenticationResult.successful(authentication.getName());
    result.setGroups(authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    // Spring Security has already answered unauthenticated requests.
  }
}

package cn.xuncha.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in session holds the groups its user had at login. An administrator's change of
 * membership must count from the next request on (issue 10 item 6: a member removed from a team
 * kept the team's data for the rest of an eight-hour session), so the groups are read again on
 * every request and the session's authentication is replaced when they differ; a deleted account
 * loses its session's authentication. The webapps' own copy of the groups is refreshed by Camunda on
 * every request ({@code camunda.bpm.webapp.auth.cache.time-to-live: 0}); the REST API reads them per
 * request anyway.
 */
class CurrentGroupsFilter extends OncePerRequestFilter {

  private final CamundaIdentityAuthenticationProvider identity;
  private final SecurityContextRepository sessionContexts = new HttpSessionSecurityContextRepository();

  CurrentGroupsFilter(CamundaIdentityAuthenticationProvider identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
    if (signedIn instanceof UsernamePasswordAuthenticationToken && signedIn.isAuthenticated()) {
      List<String> groups = identity.currentGroups(signedIn.getName());
      if (groups == null || !Set.copyOf(groups).equals(authorities(signedIn))) {
        SecurityContext updated = SecurityContextHolder.createEmptyContext();
        updated.setAuthentication(groups == null ? null : identity.signedIn(signedIn.getName(), groups));
        SecurityContextHolder.setContext(updated);
        sessionContexts.saveContext(updated, request, response);
      }
    }
    chain.doFilter(request, response);
  }

  private static Set<String> authorities(Authentication authentication) {
    return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
  }
}

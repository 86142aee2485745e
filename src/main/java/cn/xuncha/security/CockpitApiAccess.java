package cn.xuncha.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cockpit's own queries ({@code /camunda/api/cockpit/…}) only for those with ACCESS to the Cockpit
 * application (the office, the leading group, the county committee, administrators), 403 for
 * everyone else (办法 25(三)).
 *
 * <p>Camunda 7.24's webapp security rules let any signed-in user call Cockpit's plugin API, and its
 * process-definition statistics count every running instance of each definition the caller may
 * READ — every party reads the models, which Tasklist shows with each task. Cockpit's instance
 * and incident queries check the engine's grants as well; closing the API to users who may not
 * open Cockpit leaves nothing to count.
 */
@Configuration(proxyBeanMethods = false)
class CockpitApiAccess {

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> cockpitApiAccessFilter(AuthorizationService authorizations) {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (mayUseCockpit(authorizations, SecurityContextHolder.getContext().getAuthentication())) {
          chain.doFilter(request, response);
        } else {
          response.sendError(HttpServletResponse.SC_FORBIDDEN, "只有巡察办、领导小组和县委可以使用 Cockpit");
        }
      }
    });
    registration.addUrlPatterns("/camunda/api/cockpit/*");
    registration.setOrder(CamundaAuthenticationFilters.AFTER_SPRING_SECURITY);
    return registration;
  }

  private static boolean mayUseCockpit(AuthorizationService authorizations, Authentication user) {
    if (user == null || !user.isAuthenticated()) {
      return false;
    }
    List<String> groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    return authorizations.isUserAuthorized(user.getName(), groups, Permissions.ACCESS, Resources.APPLICATION, RoleAuthorizations.COCKPIT);
  }
}

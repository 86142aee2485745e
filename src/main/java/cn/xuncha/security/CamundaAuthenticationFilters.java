package cn.xuncha.security;

import java.util.Map;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedRequestContextFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The servlet filters at the application's edge. One login for everything: the two Camunda filters run after Spring Security's chain and tell the engine
 * who the Spring-authenticated user is, so engine authorizations apply to every call.
 */
@Configuration(proxyBeanMethods = false)
class CamundaAuthenticationFilters {

  static final int AFTER_SPRING_SECURITY = SecurityProperties.DEFAULT_FILTER_ORDER + 1;

  /**
   * The request bound to the thread for the whole chain, Spring Security included, where
   * {@link LoginThrottle} reads the client's address during a login. Jersey's auto-configuration
   * would otherwise register this filter after Spring Security; with this one in place it registers none.
   */
  @Bean
  OrderedRequestContextFilter clientAwareRequestContextFilter() {
    return new OrderedRequestContextFilter();
  }

  /** Before Spring Security, so that signed-in and anonymous callers alike are refused. */
  @Bean
  FilterRegistrationBean<AdminSetupRefusal> adminSetupRefusal() {
    var registration = new FilterRegistrationBean<>(new AdminSetupRefusal());
    registration.addUrlPatterns(AdminSetupRefusal.SETUP + "*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebappAuthenticationFilter> webappAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new WebappAuthenticationFilter());
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, SpringSecurityUser.class.getName()));
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setOrder(AFTER_SPRING_SECURITY);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setInitParameters(Map.of(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM, SpringSecurityUser.class.getName(),
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest"));
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(AFTER_SPRING_SECURITY);
    return registration;
  }
}

package cn.xuncha.security;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Pages redirect to the Chinese login page; the REST API and the webapps'
 * internal API answer 401 instead. Only the login page, static assets and a detail-free health
 * check are open to anonymous visitors.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

  static final String LOGIN_PAGE = "/login";
  /** The logout call of Tasklist, Cockpit and Admin; it must end the whole session, not only Camunda's part. */
  private static final RequestMatcher WEBAPP_LOGOUT = antMatcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout");
  private static final RequestMatcher API = new OrRequestMatcher(antMatcher("/engine-rest/**"), antMatcher("/camunda/api/**"), antMatcher("/api/**"));

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    var loginFailure = new SimpleUrlAuthenticationFailureHandler(LOGIN_PAGE + "?error");
    loginFailure.setAllowSessionCreation(false);

    http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(LOGIN_PAGE, "/css/**", "/img/**", "/favicon.ico", "/error", "/actuator/health").permitAll()
            .requestMatchers(HttpMethod.POST, "/calendar").hasAnyAuthority(Roles.OFFICE, Roles.ADMIN)
            .anyRequest().authenticated())
        .formLogin(form -> form
            .loginPage(LOGIN_PAGE)
            .defaultSuccessUrl("/", false)
            .failureHandler(loginFailure))
        .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), request -> true))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(antMatcher(HttpMethod.POST, "/logout"), WEBAPP_LOGOUT))
            .deleteCookies("JSESSIONID", "XSRF-TOKEN")
            .logoutSuccessHandler((request, response, authentication) -> {
              if (WEBAPP_LOGOUT.matches(request)) {
                response.setStatus(HttpServletResponse.SC_OK);
              } else {
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?logout");
              }
            }))
        // The webapps carry their own CSRF protection (XSRF-TOKEN); the REST API uses HTTP Basic.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/**", "/engine-rest/**"));
    return http.build();
  }
}

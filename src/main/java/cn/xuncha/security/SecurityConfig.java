package cn.xuncha.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.session.InvalidSessionStrategy;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what, and the one way in and out. Pages redirect to the Chinese login page; the
 * REST API and the webapps' internal API answer 401 instead. Only the login page, static assets and
 * a detail-free health check are open to anonymous visitors.
 *
 * <p>One login page ({@value #LOGIN_PAGE}) and one logout, also for Tasklist, Cockpit and Admin:
 * Camunda's own login call is closed (its login form, which the webapps show after a logout or an
 * expired session, sends the browser to ours: {@code xuncha-session.js}), and their logout ends the
 * whole session. A request on an expired session leads to the login page with a note; a login form
 * left open from an earlier session does the same instead of answering 403. Redirects carry a path
 * only, never the host the request named. A call that carries HTTP Basic credentials (scripts, other
 * systems on the REST API) is stateless: its authentication lives for the request, no session is
 * created for it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

  static final String LOGIN_PAGE = "/login";
  static final String LOGGED_OUT = LOGIN_PAGE + "?logout";
  static final String EXPIRED = LOGIN_PAGE + "?expired";
  /** Paths within the application, matched as Spring MVC matches them ({@code PathPattern}). */
  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
  /** The logout call of Tasklist, Cockpit and Admin; it must end the whole session, not only Camunda's part. */
  private static final RequestMatcher WEBAPP_LOGOUT = PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout");
  /** Camunda's own password login, which would bypass ours. */
  private static final RequestMatcher WEBAPP_LOGIN = PATHS.matcher("/camunda/api/admin/auth/user/*/login/**");
  private static final RequestMatcher API = new OrRequestMatcher(PATHS.matcher("/engine-rest/**"), PATHS.matcher("/camunda/api/**"), PATHS.matcher("/api/**"));
  /**
   * What a browser navigates to, as opposed to what scripts, styles and fonts load in the
   * background (browsers name those in {@code Sec-Fetch-Dest}; scripts also ask for JSON). Only a
   * page is sent to the login page or remembered for after the login: a background request sent
   * there would start a session of its own and replace the one whose token the visible login form
   * carries, so that the next login failed (issue 15 item 2).
   */
  private static final RequestMatcher PAGE = new AndRequestMatcher(new NegatedRequestMatcher(API), new NegatedRequestMatcher(json()),
      request -> {
        String destination = request.getHeader("Sec-Fetch-Dest");
        return destination == null || destination.equals("document");
      });
  /**
   * A call of the engine's REST API or of the application's JSON API ({@code /api/**}) that authenticates itself;
   * browsers add an Authorization header to a cross-site request only after a CORS preflight, which is never granted.
   */
  private static final RequestMatcher BASIC_REST_CALL = new AndRequestMatcher(
      new OrRequestMatcher(PATHS.matcher("/engine-rest/**"), PATHS.matcher("/api/**")),
      request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null);
  private static final RedirectStrategy RELATIVE = SecurityConfig::redirectToPath;

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider identity) throws Exception {
    var loginFailure = new ExceptionMappingAuthenticationFailureHandler();
    loginFailure.setDefaultFailureUrl(LOGIN_PAGE + "?error");
    loginFailure.setExceptionMappings(Map.of(LockedException.class.getName(), LOGIN_PAGE + "?locked"));
    loginFailure.setAllowSessionCreation(false);
    loginFailure.setRedirectStrategy(RELATIVE);
    var requestCache = new HttpSessionRequestCache();
    requestCache.setRequestMatcher(new AndRequestMatcher(PATHS.matcher(HttpMethod.GET, "/**"), PAGE));
    var loginSuccess = new SavedRequestAwareAuthenticationSuccessHandler();
    loginSuccess.setDefaultTargetUrl("/");
    loginSuccess.setRequestCache(requestCache);
    loginSuccess.setRedirectStrategy(RELATIVE);
    var loginPage = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
    loginPage.setFavorRelativeUris(true);

    http
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(WEBAPP_LOGIN).denyAll()
            .requestMatchers(LOGIN_PAGE, "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error", "/actuator/health").permitAll()
            .requestMatchers(HttpMethod.POST, "/calendar").hasAnyAuthority(Roles.OFFICE, Roles.ADMIN)
            .anyRequest().authenticated())
        .formLogin(form -> form
            .loginPage(LOGIN_PAGE)
            .successHandler(loginSuccess)
            .failureHandler(loginFailure))
        .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
        .securityContext(context -> context.securityContextRepository(sessionsForBrowsersOnly()))
        .requestCache(cache -> cache.requestCache(requestCache))
        .exceptionHandling(exceptions -> exceptions
            .defaultAuthenticationEntryPointFor(loginPage, PAGE)
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), request -> true)
            .accessDeniedHandler(staleFormsToLogin()))
        .sessionManagement(session -> session.invalidSessionStrategy(expiredSession()))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(PATHS.matcher(HttpMethod.POST, "/logout"), WEBAPP_LOGOUT))
            .deleteCookies("JSESSIONID", "XSRF-TOKEN")
            .logoutSuccessHandler((request, response, authentication) -> {
              if (WEBAPP_LOGOUT.matches(request)) {
                response.setStatus(HttpServletResponse.SC_OK);
              } else {
                RELATIVE.sendRedirect(request, response, LOGGED_OUT);
              }
            }))
        .addFilterBefore(new WebappXsrfCheck(), LogoutFilter.class)
        .addFilterBefore(new CurrentGroupsFilter(identity), BasicAuthenticationFilter.class)
        // The webapps carry their own CSRF protection (XSRF-TOKEN, WebappXsrfCheck). The REST APIs are exempt only
        // for calls that carry HTTP Basic credentials, which no other site can make a browser send: a change that
        // relies on the session cookie alone (a form posted from another page) is refused: 401 when the session holds
        // no token (the invalid-session strategy answers the API so), 403 otherwise.
        .csrf(csrf -> csrf.ignoringRequestMatchers(PATHS.matcher("/camunda/**"), BASIC_REST_CALL));
    return http.build();
  }

  /**
   * A session that ended on the server (timeout, restart): a page goes to the login page with the
   * note 会话已过期, after a new session is started so that the stale cookie does not lead the login
   * page back here; background calls answer 401 and start nothing (the webapps then open the login
   * page themselves).
   */
  private static InvalidSessionStrategy expiredSession() {
    return (request, response) -> {
      if (PAGE.matches(request)) {
        request.getSession();
        RELATIVE.sendRedirect(request, response, EXPIRED);
      } else {
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      }
    };
  }

  /**
   * A form whose CSRF token belongs to an earlier session (a login page left open across a logout
   * or a timeout) leads back to the login page with a fresh token and the note 会话已过期, not to a
   * 403 page; any other refusal is a 403.
   */
  private static AccessDeniedHandler staleFormsToLogin() {
    AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
    return (request, response, denied) -> {
      if (denied instanceof CsrfException && PAGE.matches(request)) {
        RELATIVE.sendRedirect(request, response, EXPIRED);
      } else {
        forbidden.handle(request, response, denied);
      }
    };
  }

  /**
   * Where a sign-in is kept: a browser's in its session; a call with HTTP Basic credentials, which it
   * sends with every request, in the request alone, so that no session is created for it (Spring
   * Security's session management would otherwise store every such call's authentication in a new
   * session, one per call for clients that keep no cookies).
   */
  private static SecurityContextRepository sessionsForBrowsersOnly() {
    SecurityContextRepository session = new HttpSessionSecurityContextRepository();
    SecurityContextRepository call = new RequestAttributeSecurityContextRepository();
    return new SecurityContextRepository() {
      private SecurityContextRepository of(HttpServletRequest request) {
        String credentials = request.getHeader(HttpHeaders.AUTHORIZATION);
        return credentials != null && credentials.regionMatches(true, 0, "Basic ", 0, 6) ? call : session;
      }

      @Override
      @SuppressWarnings("deprecation")
      public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return of(holder.getRequest()).loadContext(holder);
      }

      @Override
      public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return of(request).loadDeferredContext(request);
      }

      @Override
      public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        of(request).saveContext(context, request, response);
      }

      @Override
      public boolean containsContext(HttpServletRequest request) {
        return of(request).containsContext(request);
      }
    };
  }

  private static RequestMatcher json() {
    var json = new MediaTypeRequestMatcher(MediaType.APPLICATION_JSON);
    json.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return json;
  }

  /**
   * Redirects to the path of {@code url}, within this application; an absolute URL (Spring builds
   * one for a saved request from the request's Host header) is reduced to its path and query, so
   * a forged Host never reaches the Location header. Tomcat sends the path as it is
   * ({@code server.tomcat.use-relative-redirects}).
   */
  private static void redirectToPath(HttpServletRequest request, HttpServletResponse response, String url) throws IOException {
    URI target = URI.create(url);
    String path = target.isAbsolute() || url.startsWith("//")
        ? (target.getRawPath().isEmpty() ? "/" : target.getRawPath()) + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
        : request.getContextPath() + url;
    response.sendRedirect(response.encodeRedirectURL(path));
  }
}

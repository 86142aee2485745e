package cn.xuncha.county;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every page and API of the application that names a round in its path ({@code {roundKey}}: a unit's
 * timeline, documents, ledgers, registers, teams, appraisals) answers only for a round of a county the
 * signed-in user sees ({@link Counties#visible()}); for another county's round it answers 404 as for
 * a round that does not exist, so a county learns nothing of another's rounds (issue 16 item 2). One
 * check before the controllers, so that a new round page cannot forget it; the controllers' own
 * checks of role and team apply within the county.
 */
@Configuration(proxyBeanMethods = false)
class RoundCountyCheck implements WebMvcConfigurer, HandlerInterceptor {

  static final String ROUND_KEY = "roundKey";
  static final String NO_SUCH_ROUND = "没有这个巡察轮次";

  private final JdbcClient jdbc;
  private final Counties counties;

  RoundCountyCheck(JdbcClient jdbc, Counties counties) {
    this.jdbc = jdbc;
    this.counties = counties;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  /** Refuses (404, {@value #NO_SUCH_ROUND}) a request whose path names a round of a county the user does not see. */
  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> path && path.get(ROUND_KEY) instanceof String roundKey) {
      jdbc.sql("select county from xc_round where business_key = ?").param(roundKey).query(String.class).optional()
          .filter(county -> !counties.isVisible(county))
          .ifPresent(county -> {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, NO_SUCH_ROUND);
          });
    }
    return true;
  }
}

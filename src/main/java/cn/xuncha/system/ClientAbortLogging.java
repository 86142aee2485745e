package cn.xuncha.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * A browser that leaves a page while an answer is still being written (a user clicks on, a tab is
 * closed) is no error of the application: Tomcat reports it as a {@link ClientAbortException}
 * ("Broken pipe"), and Jersey, which writes the engine's REST answers, logged it at ERROR with a
 * stack trace of some 200 lines, twice. Any log event caused by it, whoever logs it, becomes one
 * DEBUG line of this class naming the logger that reported it. Installed as a Logback turbo filter
 * while the application runs.
 */
@Component
class ClientAbortLogging implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ClientAbortLogging.class);

  private final TurboFilter filter = new TurboFilter() {
    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params,
        Throwable thrown) {
      ClientAbortException abort = thrown == null ? null : Causes.find(thrown, ClientAbortException.class);
      if (abort == null) {
        return FilterReply.NEUTRAL;
      }
      LOG.debug("Browser went away before the answer was written ({}): {}", logger.getName(), abort.getMessage());
      return FilterReply.DENY;
    }
  };

  @Override
  public void afterPropertiesSet() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.addTurboFilter(filter);
    }
  }

  @Override
  public void destroy() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getTurboFilterList().remove(filter);
    }
  }
}

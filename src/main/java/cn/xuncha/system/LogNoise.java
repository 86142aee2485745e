package cn.xuncha.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Log events that report no error of the application, kept out of the operator's log (a Logback
 * turbo filter, installed while the application runs):
 * <ul>
 * <li>A browser that leaves a page while an answer is still being written (a user clicks on, a tab
 * is closed): Tomcat reports it as a {@link ClientAbortException} ("Broken pipe"), and Jersey,
 * which writes the engine's REST answers, logged it at ERROR with a stack trace of some 200 lines,
 * twice. Any log event caused by it, whoever logs it, becomes one DEBUG line of this class naming
 * the logger that reported it.</li>
 * <li>The engine REST API's WARN "ENGINE-REST-HTTP500 …" with the stack trace of an exception
 * whose message is Chinese: the message is ours, so the exception is a refusal that
 * {@link InvalidInputPlugin} logged as one INFO line already (a record not found, a refused
 * input), which a Camunda resource wrapped in a 500 ({@code AbstractVariablesResource} wraps any
 * engine exception so); {@link RefusalMessageFilter} answers it 4xx. An error of ours with a
 * Chinese message keeps the engine's ERROR and stack trace (ENGINE-16004).</li>
 * </ul>
 */
@Component
class LogNoise implements InitializingBean, DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(LogNoise.class);
  /** Camunda's logger of the REST API's error answers ({@code ExceptionLogger}). */
  private static final String REST_ERRORS = "org.camunda.bpm.engine.rest.exception";
  /** Its report of a 5xx answer: the stack trace as the message, whose first line ends with the exception's message. */
  private static final Pattern CHINESE_5XX = Pattern.compile("^ENGINE-REST-HTTP5\\d\\d [^\\n]*\\p{IsHan}");

  private final TurboFilter filter = new TurboFilter() {
    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params,
        Throwable thrown) {
      ClientAbortException abort = thrown == null ? null : Causes.find(thrown, ClientAbortException.class);
      if (abort != null) {
        LOG.debug("Browser went away before the answer was written ({}): {}", logger.getName(), abort.getMessage());
        return FilterReply.DENY;
      }
      if (format != null && logger.getName().equals(REST_ERRORS) && CHINESE_5XX.matcher(format).find()) {
        return FilterReply.DENY;
      }
      return FilterReply.NEUTRAL;
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

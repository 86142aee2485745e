package cn.xuncha.system;

import java.util.Map;
import java.util.TimeZone;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the county's zone ({@link ChinaTime#ZONE}) the JVM's default zone before anything of the
 * application starts, and the zone of Jackson and Freemarker, so that a deadline is the same instant
 * whatever zone the server runs in ({@code java -jar} on a UTC host is the normal case).
 *
 * <p>Several mechanisms read the default zone and cannot be given another: Camunda's MyBatis
 * mappings bind {@code java.util.Date} to {@code timestamp} columns without zone through JDBC, which
 * writes and reads the wall-clock time of the default zone (H2 and PostgreSQL alike), and so do the
 * application's own {@code timestamp} columns; Camunda parses a {@code timeDate} without offset and
 * formats REST dates in it. Without this, a database written by a JVM in UTC and read by one in
 * Asia/Shanghai moves every timer and due date by eight hours (the entry-day timer fired the
 * afternoon before entry). Registered in {@code META-INF/spring.factories}: it runs for
 * {@code java -jar}, {@code spring-boot:run} and every test context alike.
 */
public class CountyTimeZone implements EnvironmentPostProcessor, Ordered {

  private final Log log;

  public CountyTimeZone(DeferredLogFactory logs) {
    this.log = logs.getLog(CountyTimeZone.class);
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    TimeZone county = TimeZone.getTimeZone(ChinaTime.ZONE);
    if (!county.getID().equals(TimeZone.getDefault().getID())) {
      log.info("JVM default time zone " + TimeZone.getDefault().getID() + " replaced by the county's zone " + county.getID());
      TimeZone.setDefault(county);
    }
    environment.getPropertySources().addLast(new MapPropertySource("countyTimeZone", Map.of(
        "spring.jackson.time-zone", county.getID(),
        "spring.freemarker.settings.time_zone", county.getID())));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}

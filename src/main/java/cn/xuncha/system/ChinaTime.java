package cn.xuncha.system;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/**
 * The county's time zone, declared once: dates people enter, "today" and the end of a deadline's
 * day are Beijing time, whatever the server's zone. {@link CountyTimeZone} also makes it the JVM's
 * default, for the libraries that read that.
 */
public final class ChinaTime {

  /** For annotations, which need a constant ({@code @Scheduled(zone = ChinaTime.ZONE_ID)}). */
  public static final String ZONE_ID = "Asia/Shanghai";
  public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

  private ChinaTime() {
  }

  public static LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(ZONE));
  }

  /** A deadline as people read it, e.g. 2022-06-24 23:59. */
  public static String format(Date instant) {
    return MINUTES.format(instant.toInstant());
  }

  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
}

package cn.xuncha.system;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** The office's time zone: dates people enter and "today" are Beijing time, whatever the server's zone. */
public final class ChinaTime {

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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

package cn.xuncha.calendar;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir where the office drops a year's schedule file ({@code 2027.json}); read at start and
 *     every {@code pollInterval}, and written by the upload page. A file here overrides the bundled one.
 * @param shiftToWorkingDay 民法典 第二百零三条: a calendar-day or month period whose last day is not a
 *     working day ends on the next working day
 * @param pollInterval how often {@code dir} is checked for new or changed files
 */
@ConfigurationProperties("xuncha.calendar")
record CalendarProperties(
    @DefaultValue("./data/calendar") Path dir,
    @DefaultValue("true") boolean shiftToWorkingDay,
    @DefaultValue("PT1M") Duration pollInterval) {
}

package cn.xuncha.calendar;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the schedule folder's polling and the daily check for next year's schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CalendarScheduling {
}

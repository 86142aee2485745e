package cn.xuncha.calendar;

import cn.xuncha.county.Counties;
import cn.xuncha.security.Roles;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who is given the task to load a year's holiday schedule ({@code Task_LoadSchedule} of
 * {@code processes/calendar-schedule.bpmn}): those who may upload it on {@code /calendar}, i.e. who see every county
 * ({@link Counties#seesEvery()}, {@link CalendarController}). The schedule is the whole country's and the process
 * belongs to no county, so every county's office would otherwise be its candidate and then be refused the upload.
 * Decided when the task is created: on a single-county installation the office, as before; on one of several the
 * administrators and, by name, the office's accounts that see every county (the city office). A county office
 * neither finds the task among its group's work nor may claim or complete it.
 */
@Component("scheduleLoaders")
public class ScheduleLoaders {

  private final Counties counties;

  ScheduleLoaders(Counties counties) {
    this.counties = counties;
  }

  /** The task's candidate groups: the office on a single-county installation, the administrators on one of several. */
  public List<String> groups() {
    return several() ? List.of(Roles.ADMIN) : List.of(Roles.OFFICE);
  }

  /**
   * The task's candidate users: none on a single-county installation (the office group has it); on one of several the
   * office's accounts that see every county ({@link Counties#membersSeeingEvery}).
   */
  public List<String> users() {
    return several() ? counties.membersSeeingEvery(Roles.OFFICE) : List.of();
  }

  private boolean several() {
    return counties.names().size() > 1;
  }
}

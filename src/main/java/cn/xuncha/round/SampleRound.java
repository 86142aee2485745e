package cn.xuncha.round;

import cn.xuncha.calendar.WorkingDayCalendar;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;

/**
 * The round of the 2022 work plan (procedure.md §4) with invented people and villages: the preset
 * the office can load into a new plan, and the teams and units of the demo accounts.
 */
public final class SampleRound {

  /** The day the 2022 plan was drafted: its dates are counted in working days from here. */
  public static final LocalDate DRAFTED_ON = LocalDate.of(2022, 4, 1);

  private static final RoundPlan PLAN = load();

  private SampleRound() {
  }

  /** The plan as it was in 2022, dated from {@link #DRAFTED_ON}; tests replay it on those dates. */
  public static RoundPlan plan() {
    return PLAN;
  }

  /**
   * The plan as if drafted on {@code today}: each date lies as many working days after today as
   * it lay after {@link #DRAFTED_ON} in 2022, so the stay, the filing deadline and every deadline
   * counted from them keep the seed's lengths in working days. Drafted on 2022-04-01 it is the
   * seed itself. Working days come from the holiday schedules in {@code calendar}.
   */
  public static RoundPlan datedFrom(LocalDate today, WorkingDayCalendar calendar) {
    return new RoundPlan(PLAN.name(), PLAN.term(), PLAN.roundNo(),
        moved(PLAN.entryDate(), today, calendar), moved(PLAN.withdrawalDate(), today, calendar),
        moved(PLAN.planFilingDate(), today, calendar), PLAN.teams(),
        PLAN.units().stream().map(unit -> unit.withStay(moved(unit.entryDate(), today, calendar),
            moved(unit.withdrawalDate(), today, calendar))).toList(),
        PLAN.departments(), PLAN.kind());
  }

  /** The seed's date moved to {@code today}; null (a unit's stay that is the round's) stays null. */
  private static LocalDate moved(LocalDate seedDate, LocalDate today, WorkingDayCalendar calendar) {
    if (seedDate == null) {
      return null;
    }
    int workdays = calendar.workdaysBetween(DRAFTED_ON, seedDate);
    LocalDate day = today;
    for (int counted = 0; counted < workdays; ) {
      day = day.plusDays(1);
      if (calendar.isWorkingDay(day)) {
        counted++;
      }
    }
    return day;
  }

  private static RoundPlan load() {
    try (InputStream in = SampleRound.class.getResourceAsStream("/round/sample-round.json")) {
      return JsonMapper.builder().addModule(new JavaTimeModule()).build().readValue(in, RoundPlan.class);
    } catch (IOException e) {
      throw new UncheckedIOException("The bundled sample round cannot be read", e);
    }
  }
}

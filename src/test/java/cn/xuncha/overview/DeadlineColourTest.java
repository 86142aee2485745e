package cn.xuncha.overview;

import static org.assertj.core.api.Assertions.assertThat;

import static cn.xuncha.ProcedureSteps.beijing;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.calendar.WorkingDayCalendar;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Deadline colours counted in working days on the real 2022 schedule, at fixed clock times. */
@XunchaSpringTest
class DeadlineColourTest {

  @Autowired
  WorkingDayCalendar calendar;

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
      // the report of the sample round, due at the end of 2022-06-24
      "2022-05-20T09:00, GREEN",   // 24 working days left
      "2022-05-25T09:00, GREEN",   // 21 left
      "2022-05-26T09:00, BLUE",    // 20 left: Dragon Boat Festival (2022-06-03) is not one of them
      "2022-06-08T09:00, BLUE",    // 12 left
      "2022-06-09T23:59, BLUE",    // 11 left
      "2022-06-10T00:00, YELLOW",  // 10 left: due at the end of the 10th working day, as 即将到期 counts
      "2022-06-10T09:00, YELLOW",  // 10 left
      "2022-06-24T23:00, YELLOW",  // due today
      "2022-06-25T00:00, RED"})    // overdue
  void colourFollowsTheWorkingDaysLeft(String now, DeadlineColour colour) {
    Date due = beijing("2022-06-24T23:59:59.999");

    assertThat(DeadlineColour.of(due, beijing(now).toInstant(), calendar)).isEqualTo(colour);
  }

  @Test
  void taskWithoutDeadlineHasNoColour() {
    assertThat(DeadlineColour.of(null, Instant.now(), calendar)).isEqualTo(DeadlineColour.NONE);
  }

}

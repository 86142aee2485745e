package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 即将到期 covers the next three working days including the third one: deadlines end at
 * 23:59:59.999 of their day, and that instant is in the window; the next day's first instant is not.
 */
@XunchaSpringTest
class DueSoonFilterTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  TaskFilters taskFilters;

  @Test
  void aTaskDueAtTheEndOfTheThirdWorkingDayIsDueSoon() {
    TeamProcess.deploy(engine);
    // Monday 2022-06-20: the 3rd working day after it is Thursday 2022-06-23
    assertWindowCloses("2022-06-20T10:00:00+08:00", "2022-06-23T23:59:59.999+08:00", "2022-06-24T00:00:00+08:00");
  }

  @Test
  void theWindowCountsHolidaysAndAdjustedWeekends() {
    TeamProcess.deploy(engine);
    // Thursday 2022-09-29: working days after it are 09-30, then (National Day 10-01..07) the 调休 Saturday 10-08 and Sunday 10-09
    assertWindowCloses("2022-09-29T10:00:00+08:00", "2022-10-09T23:59:59.999+08:00", "2022-10-10T00:00:00+08:00");
  }

  @Test
  void aFilterSavedByAnEarlierVersionGetsTheWindowIncludingItsLastDay() {
    Filter filter = engine.getFilterService().createTaskFilterQuery().filterName(TaskFilters.DUE_SOON).singleResult();
    TaskQueryImpl query = filter.getQuery();
    query.dueBeforeExpression("${deadlines.workdaysAfter(now(), 3)}");
    engine.getFilterService().saveFilter(filter.setQuery(query));

    taskFilters.ensureFilters();

    TaskQueryImpl saved = engine.getFilterService().getFilter(filter.getId()).getQuery();
    assertThat(saved.getExpressions()).containsEntry("dueBefore", TaskFilters.IN_THREE_WORKING_DAYS);
  }

  /** At {@code now}, a task due at the window's last instant is due soon and one due an instant later is not. */
  private void assertWindowCloses(String now, String lastInstant, String nextInstant) {
    ClockUtil.setCurrentTime(at(now));
    String lastDay = taskDue(lastInstant);
    String dayAfter = taskDue(nextInstant);

    assertThat(dueSoonForTeam1()).contains(lastDay).doesNotContain(dayAfter);
  }

  private List<String> dueSoonForTeam1() {
    return new RoundPlanSteps(engine).as("team1-leader", () -> {
      String filter = engine.getFilterService().createTaskFilterQuery().filterName(TaskFilters.DUE_SOON).singleResult().getId();
      return engine.getFilterService().<Task>listPage(filter, 0, 1000).stream().map(Task::getId).toList();
    });
  }

  private String taskDue(String due) {
    var instance = TeamProcess.start(engine, "team1", "team1", "期限");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    task.setDueDate(at(due));
    engine.getTaskService().saveTask(task);
    return task.getId();
  }

  private static Date at(String instant) {
    return Date.from(OffsetDateTime.parse(instant).toInstant());
  }
}

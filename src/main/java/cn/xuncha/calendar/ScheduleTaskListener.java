package cn.xuncha.calendar;

import cn.xuncha.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The office's "load the schedule" task. On create it takes the year into its name (加载2027年节假日安排):
 * the diagram names the task 加载年度节假日安排, since Cockpit shows a BPMN name as written and an
 * expression in it would read “${scheduleYear}”. On complete it refuses until the year's schedule is loaded.
 */
@Component("scheduleTask")
class ScheduleTaskListener implements TaskListener {

  private final WorkingDayCalendar calendar;

  ScheduleTaskListener(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    int year = ((Number) task.getVariable(ScheduleRequests.YEAR)).intValue();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setName("加载" + year + "年节假日安排");
      return;
    }
    if (!calendar.hasSchedule(year)) {
      throw new InvalidInputException(year + "年节假日安排尚未加载，请先在“节假日安排”页面上传该年度文件，加载成功后本任务自动完成。");
    }
  }
}

package cn.xuncha.calendar;

import cn.xuncha.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The office's "load the schedule" task can only be completed once the year's schedule is loaded. */
@Component("scheduleTask")
class ScheduleTaskListener implements TaskListener {

  private final WorkingDayCalendar calendar;

  ScheduleTaskListener(WorkingDayCalendar calendar) {
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    int year = ((Number) task.getVariable(ScheduleRequests.YEAR)).intValue();
    if (!calendar.hasSchedule(year)) {
      throw new InvalidInputException(year + "年节假日安排尚未加载，请先在“节假日安排”页面上传该年度文件，加载成功后本任务自动完成。");
    }
  }
}

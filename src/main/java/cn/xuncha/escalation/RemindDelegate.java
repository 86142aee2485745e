package cn.xuncha.escalation;

import cn.xuncha.system.ChinaTime;
import java.util.Date;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 催办: the reminder before a deadline. Each watched task that is still open is raised to high
 * priority (Tasklist sorts it up) and gets a comment saying what is due when. A task is reminded
 * once for each due date it has.
 */
@Component("remind")
class RemindDelegate implements JavaDelegate {

  static final int REMINDED_PRIORITY = 80;
  static final String REMINDED_FOR = "remindedFor";
  private static final Logger LOG = LoggerFactory.getLogger(RemindDelegate.class);

  private final WatchedTasks watched;
  private final TaskService taskService;

  RemindDelegate(WatchedTasks watched, TaskService taskService) {
    this.watched = watched;
    this.taskService = taskService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    for (Task task : watched.of(execution)) {
      Date due = task.getDueDate();
      Object remindedFor = taskService.getVariableLocal(task.getId(), REMINDED_FOR);
      if (due != null && due.equals(remindedFor)) {
        continue;
      }
      task.setPriority(Math.max(task.getPriority(), REMINDED_PRIORITY));
      taskService.saveTask(task);
      taskService.setVariableLocal(task.getId(), REMINDED_FOR, due);
      taskService.createComment(task.getId(), task.getProcessInstanceId(),
          "催办：“" + task.getName() + "”" + (due == null ? "即将到期" : "将于 " + ChinaTime.format(due) + " 到期") + "，请抓紧办理。");
      LOG.info("Reminded task {} ({}) of process {}", task.getId(), task.getName(), task.getProcessInstanceId());
    }
  }
}

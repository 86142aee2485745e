package cn.xuncha.escalation;

import cn.xuncha.system.Unrestricted;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open tasks a deadline watches, for the reminder ({@link RemindDelegate}) and the escalation
 * ({@link OverdueTask}) of a {@link DeadlineWatch} instance: the open user tasks in the watched
 * activity instance (the task itself, or the tasks inside the watched sub-process), in the watched
 * process instance; none once that activity has ended.
 */
@Component
class WatchedTasks {

  private final TaskService taskService;
  private final RuntimeService runtimeService;

  WatchedTasks(TaskService taskService, RuntimeService runtimeService) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
  }

  List<Task> of(DelegateExecution execution) {
    return inActivityInstance((String) execution.getVariable(DeadlineWatch.WATCHED_INSTANCE),
        (String) execution.getVariable(DeadlineWatch.WATCHED_ACTIVITY_INSTANCE));
  }

  /** The name of what is watched, as the diagram labels the watched activity. */
  String subject(DelegateExecution execution) {
    return (String) execution.getVariable(DeadlineWatch.SUBJECT);
  }

  /** Open tasks of the user-task activity instances at or below {@code activityInstanceId}; none once it ended. */
  private List<Task> inActivityInstance(String processInstanceId, String activityInstanceId) {
    return Unrestricted.lookup(() -> {
      ActivityInstance tree = runtimeService.getActivityInstance(processInstanceId);
      ActivityInstance watched = tree == null ? null : find(tree, activityInstanceId);
      if (watched == null) {
        return List.of();
      }
      List<String> userTasks = new ArrayList<>();
      collectUserTasks(watched, userTasks);
      return userTasks.isEmpty() ? List.<Task>of()
          : taskService.createTaskQuery().processInstanceId(processInstanceId).activityInstanceIdIn(userTasks.toArray(String[]::new))
              .active().list();
    });
  }

  private static ActivityInstance find(ActivityInstance instance, String id) {
    if (id.equals(instance.getId())) {
      return instance;
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      ActivityInstance found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static void collectUserTasks(ActivityInstance instance, List<String> ids) {
    if (ActivityTypes.TASK_USER_TASK.equals(instance.getActivityType())) {
      ids.add(instance.getId());
    }
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collectUserTasks(child, ids);
    }
  }
}

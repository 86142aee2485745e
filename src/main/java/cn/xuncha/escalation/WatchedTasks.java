package cn.xuncha.escalation;

import cn.xuncha.system.Unrestricted;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The open tasks a deadline watches, for the reminder ({@link RemindDelegate}) and the escalation
 * ({@link OverdueTask}). Two shapes reach here:
 * <ul>
 * <li>a {@link DeadlineWatch} instance: the open user tasks in the watched activity instance (the
 * task itself, or the tasks inside the watched sub-process), in the watched process instance;</li>
 * <li>the older pattern of two non-interrupting boundary timers on a user task (or a sub-process of
 * them): from the element that follows such a timer, the open tasks of the activity the timer is
 * attached to, in the same process instance.</li>
 * </ul>
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
    Object watchedActivityInstance = execution.getVariable(DeadlineWatch.WATCHED_ACTIVITY_INSTANCE);
    if (watchedActivityInstance != null) {
      return inActivityInstance((String) execution.getVariable(DeadlineWatch.WATCHED_INSTANCE), (String) watchedActivityInstance);
    }
    List<String> taskKeys = new ArrayList<>();
    collectUserTasks(timer(execution).getAttachedTo(), taskKeys);
    if (taskKeys.isEmpty()) {
      return List.of();
    }
    return Unrestricted.lookup(() -> taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(taskKeys.toArray(String[]::new)).active().list());
  }

  /** The name of what is watched, as the diagram labels the watched activity (or the timer's host). */
  String subject(DelegateExecution execution) {
    Object subject = execution.getVariable(DeadlineWatch.SUBJECT);
    return subject != null ? (String) subject : timer(execution).getAttachedTo().getName();
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

  private static BoundaryEvent timer(DelegateExecution execution) {
    FlowNode current = (FlowNode) execution.getBpmnModelElementInstance();
    BoundaryEvent timer = current.getPreviousNodes().filterByType(BoundaryEvent.class).singleResult();
    if (timer == null) {
      throw new IllegalStateException(current.getId() + " must directly follow a deadline's boundary timer");
    }
    return timer;
  }

  private static void collectUserTasks(Activity activity, List<String> keys) {
    if (activity instanceof UserTask) {
      keys.add(activity.getId());
    } else if (activity instanceof SubProcess sub) {
      for (Activity child : sub.getChildElementsByType(Activity.class)) {
        collectUserTasks(child, keys);
      }
    }
  }
}

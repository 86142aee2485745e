package cn.xuncha.escalation;

import cn.xuncha.system.Unrestricted;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The deadline pattern of every process: a user task (or a sub-process of them) carries two
 * non-interrupting boundary timers, a reminder before the deadline and an escalation after it.
 * From the element that follows such a timer, this finds the tasks the deadline watches: the open
 * tasks of the activity the timer is attached to, in the same process instance.
 */
@Component
class WatchedTasks {

  private final TaskService taskService;

  WatchedTasks(TaskService taskService) {
    this.taskService = taskService;
  }

  List<Task> of(DelegateExecution execution) {
    List<String> taskKeys = new ArrayList<>();
    collectUserTasks(timer(execution).getAttachedTo(), taskKeys);
    if (taskKeys.isEmpty()) {
      return List.of();
    }
    return Unrestricted.lookup(() -> taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKeyIn(taskKeys.toArray(String[]::new)).active().list());
  }

  /** The name of what is watched, as the diagram labels the timer's host. */
  String subject(DelegateExecution execution) {
    return timer(execution).getAttachedTo().getName();
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

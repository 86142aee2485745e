package cn.xuncha.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * The running deadlines that a year's schedule decides: date timers and task due dates of every
 * process and every version whose span, from creation to due date, meets the dates the year's file
 * may list (the December before and the year itself). A deadline counts only the days in that span,
 * so no other deadline can change when the year's file arrives or is replaced.
 *
 * <p>Runs the engine's queries without a user's authorizations (the caller decides who sees them).
 */
@Component
class RunningDeadlines {

  static final String TIMER = "TIMER";
  static final String TASK = "TASK";
  private static final String DATE_TIMER = "DATE:";
  private static final int PAGE = 10_000;

  private final ProcessEngine engine;

  RunningDeadlines(ProcessEngine engine) {
    this.engine = engine;
  }

  /** Deadlines the schedule of {@code year} decides, earliest first. */
  List<Deadline> dependingOn(int year) {
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> query(year)));
  }

  private List<Deadline> query(int year) {
    Date from = DeadlineService.startOfDay(LocalDate.of(year - 1, 12, 1));
    Date to = DeadlineService.startOfDay(LocalDate.of(year + 1, 1, 1));
    List<Deadline> deadlines = new ArrayList<>();
    Map<String, String> timerDefinitions = new HashMap<>();
    for (Job timer : engine.getManagementService().createJobQuery().timers()
        .duedateHigherThan(new Date(from.getTime() - 1)).listPage(0, PAGE)) {
      String activity = timerDefinitions.computeIfAbsent(String.valueOf(timer.getJobDefinitionId()), this::dateTimerActivity);
      if (!activity.isEmpty() && meets(timer.getCreateTime(), to)) {
        deadlines.add(new Deadline(TIMER, timer.getId(), timer.getProcessInstanceId(), null,
            timerName(timer, activity), timer.getDuedate()));
      }
    }
    for (Task task : engine.getTaskService().createTaskQuery().dueAfter(new Date(from.getTime() - 1)).listPage(0, PAGE)) {
      if (task.getProcessInstanceId() != null && meets(task.getCreateTime(), to)) {
        deadlines.add(new Deadline(TASK, task.getId(), task.getProcessInstanceId(), null, task.getName(), task.getDueDate()));
      }
    }
    Map<String, String> businessKeys = businessKeys(deadlines.stream().map(Deadline::processInstanceId).collect(Collectors.toSet()));
    return deadlines.stream()
        .map(deadline -> deadline.withBusinessKey(businessKeys.get(deadline.processInstanceId())))
        .sorted(Comparator.comparing(Deadline::due).thenComparing(Deadline::name))
        .toList();
  }

  private static boolean meets(Date created, Date windowEnd) {
    return created == null || created.before(windowEnd);
  }

  /** The activity of a {@code timeDate} timer, or empty: durations and cycles do not count working days. */
  private String dateTimerActivity(String jobDefinitionId) {
    JobDefinition definition = engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(jobDefinitionId).singleResult();
    return definition != null && definition.getJobConfiguration() != null && definition.getJobConfiguration().startsWith(DATE_TIMER)
        ? definition.getActivityId() : "";
  }

  /** The timer's label in the diagram, after the name of what it watches when its process says ({@link Deadlines#SUBJECT}). */
  private String timerName(Job timer, String activityId) {
    String label = elementName(timer.getProcessDefinitionId(), activityId);
    Object subject = engine.getRuntimeService().getVariable(timer.getExecutionId(), Deadlines.SUBJECT);
    return subject == null ? label : subject + "：" + label;
  }

  private String elementName(String processDefinitionId, String activityId) {
    FlowElement element = engine.getRepositoryService().getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
    return element == null || element.getName() == null ? activityId : element.getName();
  }

  private Map<String, String> businessKeys(Set<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    Map<String, String> keys = new HashMap<>();
    for (ProcessInstance instance : engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceIds(processInstanceIds).listPage(0, PAGE)) {
      keys.put(instance.getId(), instance.getBusinessKey() == null ? "" : instance.getBusinessKey());
    }
    return keys;
  }

  /**
   * A running deadline.
   *
   * @param kind {@link #TIMER} (reminder, escalation, entry and withdrawal timers) or {@link #TASK} (a task's due date)
   * @param id the job's or task's id
   * @param name the timer's label in the diagram (after what a deadline watch watches), or the task's name
   */
  record Deadline(String kind, String id, String processInstanceId, String businessKey, String name, Date due) {

    Deadline withBusinessKey(String key) {
      return new Deadline(kind, id, processInstanceId, key, name, due);
    }
  }
}

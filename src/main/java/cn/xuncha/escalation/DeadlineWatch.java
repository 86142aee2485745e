package cn.xuncha.escalation;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.OwnAccount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * The watch of one deadline over one activity instance: process {@code processes/deadline-watch.bpmn}
 * (提醒 → 期限届满 → 逾期督办), started when an activity carrying the extension property
 * {@value #PROPERTY} starts and told when it ends ({@link DeadlineWatchPlugin}). It keeps only what it
 * needs — the deadline's id and the day it counts from, which instance and activity instance it
 * watches, the subject's name, the round and unit the escalation is recorded for — so its timers
 * ({@code ${deadlineTable.remindFrom(deadlineId, deadlineFrom)}}) are computed again over its own
 * variables when a holiday schedule arrives. It is granted to no party: the overseers, who read every
 * instance, see it.
 */
public final class DeadlineWatch {

  /** The extension property naming an activity's deadline: {@code <camunda:property name="deadline" value="D2"/>}. */
  public static final String PROPERTY = "deadline";
  public static final String PROCESS = "deadline-watch";
  /** The message ending a watch whose activity ended before the deadline ({@code Message_WatchedActivityEnded}). */
  static final String ENDED = "watchedActivityEnded";
  public static final String DEADLINE_ID = Deadlines.WATCHED_DEADLINE;
  static final String FROM = "deadlineFrom";
  static final String SUBJECT = Deadlines.SUBJECT;
  public static final String WATCHED_INSTANCE = "watchedInstanceId";
  public static final String WATCHED_ACTIVITY = "watchedActivityId";
  static final String WATCHED_ACTIVITY_INSTANCE = "watchedActivityInstanceId";
  /**
   * The variables naming whose work a watched activity is where the escalation would not say it: a
   * department's letter, a clue's receiver (the unit and team it shows itself).
   */
  private static final List<String> PARTIES = List.of("department", "receiver");

  private DeadlineWatch() {
  }

  /** Starts the watch of deadline {@code id} over the activity instance {@code execution} is entering. */
  static void start(DelegateExecution execution, String id, Deadlines deadlines) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DEADLINE_ID, id);
    variables.put(FROM, deadlines.from(id, execution));
    variables.put(SUBJECT, subject(execution, id, deadlines));
    variables.put(WATCHED_INSTANCE, execution.getProcessInstanceId());
    variables.put(WATCHED_ACTIVITY, execution.getCurrentActivityId());
    variables.put(WATCHED_ACTIVITY_INSTANCE, execution.getActivityInstanceId());
    for (String recordKey : new String[] {RoundVariables.ROUND_KEY, RoundVariables.UNIT_GROUP}) {
      if (execution.getVariable(recordKey) != null) {
        variables.put(recordKey, execution.getVariable(recordKey));
      }
    }
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    // The user whose command reached the activity may not start processes; the watch is the application's.
    OwnAccount.run(() -> runtime.startProcessInstanceByKey(PROCESS, businessKey(execution, id), variables));
  }

  /**
   * What the reminder and the escalation name: the watched activity and, for a department's or a
   * receiver's work, whose it is by its group's name, e.g. 回复函询（县财政局）.
   */
  private static String subject(DelegateExecution execution, String id, Deadlines deadlines) {
    String activity = execution.getCurrentActivityName() == null ? deadlines.entry(id).name() : execution.getCurrentActivityName();
    for (String partyVariable : PARTIES) {
      if (execution.getVariable(partyVariable) instanceof String group) {
        return activity + "（" + groupName(execution, group) + "）";
      }
    }
    return activity;
  }

  private static String groupName(DelegateExecution execution, String groupId) {
    Group group = Context.getCommandContext().runWithoutAuthorization(
        () -> execution.getProcessEngineServices().getIdentityService().createGroupQuery().groupId(groupId).singleResult());
    return group == null || group.getName() == null ? groupId : group.getName();
  }

  /**
   * The watched instance's business key with the deadline's id ({@code 2022-2/unit1#D4}): readable on
   * the calendar page, and never equal to the watched one, which the application looks instances up by.
   */
  private static String businessKey(DelegateExecution execution, String id) {
    return execution.getProcessBusinessKey() == null ? null : execution.getProcessBusinessKey() + "#" + id;
  }

  /** Ends the watch of the activity instance {@code execution} is leaving, if it still waits for the deadline. */
  static void end(DelegateExecution execution) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    String activityInstance = execution.getActivityInstanceId();
    OwnAccount.run(() -> runtime.createMessageCorrelation(ENDED)
        .processInstanceVariableEquals(WATCHED_ACTIVITY_INSTANCE, activityInstance)
        .correlateAllWithResult());
  }
}

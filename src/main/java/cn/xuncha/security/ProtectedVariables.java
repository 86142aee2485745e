package cn.xuncha.security;

import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.InstanceNames;
import java.util.HashSet;
import java.util.Set;

/**
 * The process variables that route work, grant access or hold the records, in one place. They are
 * written only by the application inside the engine (delegates, listeners, call-activity mappings,
 * services running without a signed-in user); {@link UserCommandGuard} refuses any command from a
 * signed-in user that would set or remove one, through whatever API. Names of the beans in
 * {@link ModelBeans} and the names the engine itself gives meaning in expressions are refused too, so
 * that no variable even looks like one. ModelBeansTest fails when a model's expression reads a
 * variable missing here.
 */
final class ProtectedVariables {

  static final Set<String> ROUTING_AND_RECORDS = Set.of(
      // Who works on what, who may read an instance (AccessGroupsPlugin)
      "teamGroup", "unitGroup", "department", "receiver", "routedReceivers", "replyDeadline",
      // Keys linking an instance to the application's records
      "roundKey", "unitId", "clueId", "itemId", "scheduleYear", "coverage", "inspectionKind", "clueKind", "namedDepartment", "initialVillages",
      // Dates the deadlines are computed from
      "entryDate", "withdrawalDate", "planFilingDate", "reportHeardOn", "feedbackReceivedOn", "transferredOn",
      "inquiriesSent",
      // Decisions the gateways route on, set by the listeners after checking the form: every review's
      // outcome (ReviewTask) and the follow-up's three-way choice
      ReviewTask.REVIEW_OUTCOME, "followUpDecision",
      // A deadline watch (cn.xuncha.escalation.DeadlineWatch): what it watches and counts from
      "deadlineId", "deadlineFrom", "deadlineSubject", "watchedInstanceId", "watchedActivityId", "watchedActivityInstanceId",
      // Bookkeeping of reminders and provisional deadlines
      "remindedFor", "deadlineProvisional",
      // Names on Tasklist's task cards (cn.xuncha.round.InstanceNames)
      InstanceNames.ROUND, InstanceNames.UNIT, InstanceNames.TEAM, InstanceNames.DEPARTMENT);

  /** Names {@code VariableScopeElResolver} resolves to the engine's own objects. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "externalTask", "caseExecution", "authenticatedUserId");

  private static final Set<String> ALL = union();

  private ProtectedVariables() {
  }

  static boolean isProtected(String name) {
    return ALL.contains(name);
  }

  private static Set<String> union() {
    Set<String> all = new HashSet<>(ROUTING_AND_RECORDS);
    all.addAll(ModelBeans.NAMES);
    all.addAll(ENGINE_NAMES);
    return Set.copyOf(all);
  }
}

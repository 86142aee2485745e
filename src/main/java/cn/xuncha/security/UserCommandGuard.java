package cn.xuncha.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * The engine's defence against what a signed-in user sends, whatever the path (REST under
 * {@code /engine-rest} or {@code /engine-rest/engine/{name}}, the webapps' internal API, Java API).
 * It runs before every command that is not started inside another command. Commands that
 * delegates, listeners and the application's services start inside the engine, or without a
 * signed-in user, are the application's own: only rule 1 applies to those without a user, none to
 * those inside another command.
 * <ol>
 * <li><b>No expression from a request is evaluated</b> (issue 10.1): a command that is, or carries, a
 * query with expressions is refused — a task query and each of its {@code orQueries}, a filter's
 * extending query ({@code ExecuteFilter*Cmd}), a batch's selection, any query kind. Camunda 7.24's
 * own switch ({@code enableExpressionsInAdhocQueries=false}) misses the {@code orQueries}. Stored
 * filters keep their expressions: those come from the database, saved by the administrator.</li>
 * <li><b>Task users cannot rewrite routing or records</b> (issue 10.3): a command on a task
 * (submit form, complete, task variables, BPMN error or escalation from a task) may only carry the
 * names of the task-local variables the task shows ({@link cn.xuncha.system.FormTask}), a form
 * submission in addition every field of the task's deployed form ({@link DeployedFormFields}), whose
 * values stay on the task ({@link cn.xuncha.system.TransientFormFields}); none may remove any; completing or raising an error writes to the process, so it may in
 * addition carry no {@link ProtectedVariables protected} name. Any other command (process-instance
 * and execution variables, start, start form, message correlation, signal, modification, batch
 * set-variables, migration) may not set or remove a protected name.</li>
 * <li><b>A task's due date and candidates are the process's</b> (issue 10.3): no signed-in user adds or removes a
 * candidate user or group, or moves the due date of an existing task.</li>
 * <li><b>An assigned task is its assignee's</b> (实施办法第八条 组长负责制): a task the process gave to one user
 * (the 组长's tasks) or one a member claimed is worked on only by that user, and handed on or given back only by
 * that user, its owner, the office or an administrator.</li>
 * <li><b>Comments and attachments follow their task</b> (issue 10.4), see {@link TaskRecordAccess}.</li>
 * </ol>
 * Refusals carry a Chinese message and change nothing: an expression is a {@link BadUserRequestException}
 * (REST: 400); a variable write is an {@link AuthorizationException} (REST: 403), the one engine
 * exception every REST resource hands through with its message instead of wrapping it in a 500.
 */
final class UserCommandGuard extends CommandInterceptor {

  static final String EXPRESSION_REFUSED = "查询条件中不允许使用表达式（${…} 或 #{…}）";
  static final String UNDECLARED = "表单中没有这些字段，提交被拒绝：";
  static final String NO_REMOVAL = "不能删除任务表单的字段：";
  static final String PROTECTED = "这些变量名由系统保留，不能通过接口设置或修改：";
  static final String TASK_ROUTING = "任务的办理期限和候选人、候选组由系统按流程确定，只有巡察办可以延长办理期限";
  static final String HAND_OVER = "任务只能由本任务的候选人（候选组的成员）认领、办理或受委托，不能交给其他人";
  static final String ASSIGNED = "这项任务已指定办理人，只有办理人本人可以办理、退回或转交；需要换人时请巡察办在“巡察组”页面调整";

  private final Supplier<IdentityService> identities;

  UserCommandGuard(Supplier<IdentityService> identities) {
    this.identities = identities;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command);
    }
    CommandArguments arguments = CommandArguments.of(command);
    arguments.queries().forEach(UserCommandGuard::refuseExpressions);
    if (identities.get().getCurrentAuthentication() == null) {
      return next.execute(command);
    }
    return next.execute(new Checked<>(command, arguments));
  }

  private static void refuseExpressions(AbstractQuery<?, ?> query) {
    if (!query.getExpressions().isEmpty()) {
      throw new BadUserRequestException(EXPRESSION_REFUSED);
    }
    if (query instanceof TaskQueryImpl taskQuery) {
      taskQuery.getQueries().stream().filter(or -> or != taskQuery).forEach(UserCommandGuard::refuseExpressions);
    }
  }

  private static void checkVariables(Command<?> command, CommandArguments arguments, CommandContext context) {
    if (arguments.variableNames().isEmpty() && arguments.removedNames().isEmpty()) {
      return;
    }
    String taskId = taskOf(command);
    if (taskId == null) {
      refuseProtected(arguments.variableNames());
      refuseProtected(arguments.removedNames());
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command reports the missing task
    }
    if (!arguments.removedNames().isEmpty()) {
      throw new AuthorizationException(NO_REMOVAL + String.join("、", arguments.removedNames()));
    }
    Set<String> undeclared = new TreeSet<>(arguments.variableNames());
    undeclared.removeAll(task.getVariableNamesLocal());
    if (command instanceof SubmitTaskFormCmd && !undeclared.isEmpty()) {
      // A form submission stays on the task (cn.xuncha.system.TransientFormFields): every field of its form may
      // come, also one the task shows no value for. Other commands would write such a name to the process.
      undeclared.removeAll(DeployedFormFields.of(task, context));
    }
    if (!undeclared.isEmpty()) {
      throw new AuthorizationException(UNDECLARED + String.join("、", undeclared));
    }
    if (!writesTaskLocally(command)) {
      refuseProtected(arguments.variableNames());
    }
  }

  /**
   * A task's due date (the deadline of 办法 the process computed) and its candidates (who may see and work on it)
   * are the process's: changing them would let a candidate put off its own deadline or open the task, and the
   * instance variables it shows, to another unit or team. Claiming, assigning and following up stay. Only the
   * office (and administrators) may move a due date: an extension the office grants; a later holiday schedule
   * leaves it standing (DeadlineRescheduler). Its county (tenant) is the process's too: a save that names none keeps
   * it, one that names another is refused.
   */
  private static void checkTaskRouting(Command<?> command, CommandContext context) {
    if ((command instanceof AbstractAddIdentityLinkCmd || command instanceof DeleteIdentityLinkCmd)
        && IdentityLinkType.CANDIDATE.equals(CommandArguments.field(command, "type"))) {
      throw new AuthorizationException(TASK_ROUTING);
    }
    if (command instanceof SaveTaskCmd && CommandArguments.field(command, "task") instanceof TaskEntity changed && changed.getId() != null) {
      TaskEntity stored = context.getTaskManager().findTaskById(changed.getId());
      if (stored != null && !Objects.equals(stored.getDueDate(), changed.getDueDate()) && !grantsExtensions(context)) {
        throw new AuthorizationException(TASK_ROUTING);
      }
      if (stored != null && changed.getTenantId() == null) {
        // a client that leaves the county out (REST PUT /task/{id} without tenantId) keeps it: Camunda refuses the change with a 500
        changed.setTenantId(stored.getTenantId());
      } else if (stored != null && !Objects.equals(stored.getTenantId(), changed.getTenantId())) {
        throw new AuthorizationException(TASK_ROUTING);
      }
    }
  }

  /**
   * Claiming, assigning, delegating or giving a task an owner (also by saving the task with another
   * assignee or owner) hands it — and, through it, what its instance shows — to a user: only to one of
   * the task's candidates (a member of a candidate group or a candidate user), whoever asks; otherwise
   * one team could pass its task to another team's member or a receiver its clue to the inspected unit.
   * Administrators may hand a task to anyone (a member replaced mid-round). Returning a task (no user)
   * stays allowed, but of an assigned task only as {@link #checkAssignedTask} allows.
   */
  private void checkHandOver(Command<?> command, CommandContext context) {
    HandOver handOver = HandOver.of(command, context);
    if (handOver == null) {
      return;
    }
    checkAssignedTask(handOver.task(), context, true);
    var user = context.getAuthentication();
    if (user != null && user.getGroupIds() != null && user.getGroupIds().contains(Roles.ADMIN)) {
      return;
    }
    for (String userId : handOver.users()) {
      if (userId != null && !isCandidate(handOver.task(), userId, context)) {
        throw new AuthorizationException(HAND_OVER);
      }
    }
  }

  private boolean isCandidate(TaskEntity task, String userId, CommandContext context) {
    Set<String> groups = new TreeSet<>();
    boolean candidate = false;
    for (var link : task.getIdentityLinks()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        candidate |= userId.equals(link.getUserId());
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        }
      }
    }
    if (candidate || groups.isEmpty()) {
      return candidate;
    }
    // A user claiming for himself: the authentication carries his groups as the identity service has them now (read on every
    // request), the same groups the engine's authorization checks use; anyone else's are read.
    var user = context.getAuthentication();
    if (user != null && userId.equals(user.getUserId()) && user.getGroupIds() != null) {
      return user.getGroupIds().stream().anyMatch(groups::contains);
    }
    return context.runWithoutAuthorization(() -> identities.get().createGroupQuery()
        .groupMember(userId).groupIdIn(groups.toArray(String[]::new)).count()) > 0;
  }

  /**
   * A task with an assignee — one the process gave to the 组长 ({@code roundPlans.leaderOf}, 实施办法第八条 组长负责制)
   * or one a member claimed — is that user's. Camunda lets every candidate with the task's default
   * permission complete it, write its variables, reassign or return it whoever holds it; here only the
   * assignee works on it (submit, complete, resolve, BPMN error or escalation, task variables, save), and
   * only the assignee, its owner (who delegated it), the office (a member replaced, /teams) or an
   * administrator hands it on or returns it. Unassigned tasks are left to the candidates.
   */
  private static void checkAssignedTask(TaskEntity task, CommandContext context, boolean handingOver) {
    var user = context.getAuthentication();
    if (task == null || task.getAssignee() == null || user == null) {
      return;
    }
    String userId = user.getUserId();
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    boolean allowed = task.getAssignee().equals(userId) || groups.contains(Roles.ADMIN)
        || (handingOver && (userId != null && userId.equals(task.getOwner()) || groups.contains(Roles.OFFICE)));
    if (!allowed) {
      throw new AuthorizationException(ASSIGNED);
    }
  }

  private static void checkWorkOnAssignedTask(Command<?> command, CommandContext context) {
    String taskId = taskOf(command);
    if (taskId == null && command instanceof ResolveTaskCmd) {
      taskId = (String) CommandArguments.field(command, "taskId");
    }
    if (taskId == null && command instanceof SaveTaskCmd && CommandArguments.field(command, "task") instanceof TaskEntity changed
        && HandOver.of(command, context) == null) {
      taskId = changed.getId(); // a save that hands the task over was checked as a hand-over
    }
    if (taskId != null) {
      checkAssignedTask(context.getTaskManager().findTaskById(taskId), context, false);
    }
  }

  /** The stored task a command hands over and the users it hands it to (null: returned), or null for any other command. */
  private record HandOver(TaskEntity task, List<String> users) {

    static HandOver of(Command<?> command, CommandContext context) {
      if (command instanceof AbstractAddIdentityLinkCmd && (IdentityLinkType.ASSIGNEE.equals(CommandArguments.field(command, "type"))
          || IdentityLinkType.OWNER.equals(CommandArguments.field(command, "type")))
          || command instanceof ClaimTaskCmd || command instanceof DelegateTaskCmd) {
        TaskEntity task = context.getTaskManager().findTaskById((String) CommandArguments.field(command, "taskId"));
        return task == null ? null : new HandOver(task, Collections.singletonList((String) CommandArguments.field(command, "userId")));
      }
      if (command instanceof SaveTaskCmd && CommandArguments.field(command, "task") instanceof TaskEntity changed && changed.getId() != null) {
        TaskEntity stored = context.getTaskManager().findTaskById(changed.getId());
        if (stored == null) {
          return null; // the command reports the missing task
        }
        List<String> users = new ArrayList<>();
        if (!Objects.equals(stored.getAssignee(), changed.getAssignee())) {
          users.add(changed.getAssignee());
        }
        if (!Objects.equals(stored.getOwner(), changed.getOwner())) {
          users.add(changed.getOwner());
        }
        return users.isEmpty() ? null : new HandOver(stored, users);
      }
      return null;
    }
  }

  private static boolean grantsExtensions(CommandContext context) {
    var user = context.getAuthentication();
    return user != null && user.getGroupIds() != null
        && (user.getGroupIds().contains(Roles.OFFICE) || user.getGroupIds().contains(Roles.ADMIN));
  }

  /** The task a task command works on, or null for any other command. */
  private static String taskOf(Command<?> command) {
    if (command instanceof SubmitTaskFormCmd || command instanceof CompleteTaskCmd
        || command instanceof HandleTaskBpmnErrorCmd || command instanceof HandleTaskEscalationCmd) {
      return (String) CommandArguments.field(command, "taskId");
    }
    if (command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd || command instanceof RemoveTaskVariablesCmd) {
      return (String) CommandArguments.field(command, "entityId");
    }
    return null;
  }

  /**
   * Form submission and task variables set a name on the task when the task has it locally (Camunda's
   * {@code AbstractVariableScope.setVariable}); completion and BPMN errors set them on the process.
   */
  private static boolean writesTaskLocally(Command<?> command) {
    return command instanceof SubmitTaskFormCmd || command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd;
  }

  private static void refuseProtected(Set<String> names) {
    Set<String> refused = new TreeSet<>();
    names.stream().filter(ProtectedVariables::isProtected).forEach(refused::add);
    if (!refused.isEmpty()) {
      throw new AuthorizationException(PROTECTED + String.join("、", refused));
    }
  }

  /** The user's command, checked inside its own command context before it runs. */
  private final class Checked<T> implements Command<T> {

    private final Command<T> command;
    private final CommandArguments arguments;

    Checked(Command<T> command, CommandArguments arguments) {
      this.command = command;
      this.arguments = arguments;
    }

    @Override
    public T execute(CommandContext context) {
      checkVariables(command, arguments, context);
      checkTaskRouting(command, context);
      checkHandOver(command, context);
      checkWorkOnAssignedTask(command, context);
      TaskRecordAccess.check(command, context);
      return command.execute(context);
    }
  }
}

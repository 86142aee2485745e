package cn.xuncha.security;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.CreateAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentContentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskAttachmentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.SaveAttachmentCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AttachmentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Attachment;

/**
 * Comments and attachments under the rules of the task (or process instance) they belong to, which
 * Camunda 7.24 does not check when they are fetched or changed by id ({@code GET /task/{id}/comment/{cid}},
 * {@code …/attachment/{aid}}, its {@code data}, {@code DELETE …/attachment/{aid}}, and the
 * process-instance variants). 办法 25(三): a team's working material is secret from other teams,
 * units and departments.
 * <ul>
 * <li>Reading needs the task to be visible to the user through the authorised history query, open or
 * completed: that is how Camunda's own list endpoints find a task's comments and attachments, so a
 * lookup by id answers exactly as the list does (a unit working a task in its team's instance sees
 * neither; see InstanceHistoryAuthorizations).</li>
 * <li>Adding, changing and deleting needs the right to work on the open task (TASK_WORK or UPDATE);
 * the records of a completed task are closed. For a process instance: UPDATE on it.</li>
 * </ul>
 * An attachment named only by its id is judged by the task or instance it is stored under.
 */
final class TaskRecordAccess {

  static final String REFUSED = "无权查看或修改该任务的评论和附件";

  private enum Need { READ, WORK }

  private static final Map<Class<?>, Need> COMMANDS = Map.ofEntries(
      Map.entry(GetTaskCommentCmd.class, Need.READ),
      Map.entry(GetTaskCommentsCmd.class, Need.READ),
      Map.entry(GetTaskAttachmentCmd.class, Need.READ),
      Map.entry(GetTaskAttachmentContentCmd.class, Need.READ),
      Map.entry(GetTaskAttachmentsCmd.class, Need.READ),
      Map.entry(GetAttachmentCmd.class, Need.READ),
      Map.entry(GetAttachmentContentCmd.class, Need.READ),
      Map.entry(GetProcessInstanceCommentsCmd.class, Need.READ),
      Map.entry(GetProcessInstanceAttachmentsCmd.class, Need.READ),
      Map.entry(AddCommentCmd.class, Need.WORK),
      Map.entry(CreateAttachmentCmd.class, Need.WORK),
      Map.entry(SaveAttachmentCmd.class, Need.WORK),
      Map.entry(DeleteAttachmentCmd.class, Need.WORK));

  private TaskRecordAccess() {
  }

  /** Refuses with an {@link AuthorizationException} (REST: 403) when the user may not read or change the records. */
  static void check(Object command, CommandContext context) {
    Need need = COMMANDS.get(command.getClass());
    if (need == null) {
      return;
    }
    String taskId = text(CommandArguments.field(command, "taskId"));
    String processInstanceId = text(CommandArguments.field(command, "processInstanceId"));
    String attachmentId = attachmentIdOf(command);
    if (taskId == null && processInstanceId == null && attachmentId != null) {
      AttachmentEntity attachment = context.getDbEntityManager().selectById(AttachmentEntity.class, attachmentId);
      if (attachment == null) {
        return; // the command reports it
      }
      taskId = text(attachment.getTaskId());
      processInstanceId = text(attachment.getProcessInstanceId());
    }
    boolean allowed;
    if (taskId != null) {
      allowed = need == Need.READ ? canReadTask(taskId, context) : canWorkOnTask(taskId, context);
    } else if (processInstanceId != null) {
      allowed = need == Need.READ ? canReadInstance(processInstanceId, context) : canUpdateInstance(processInstanceId, context);
    } else {
      allowed = false;
    }
    if (!allowed) {
      throw new AuthorizationException(REFUSED);
    }
  }

  private static String attachmentIdOf(Object command) {
    if (CommandArguments.field(command, "attachment") instanceof Attachment attachment) {
      return attachment.getId();
    }
    return text(CommandArguments.field(command, "attachmentId"));
  }

  private static boolean canReadTask(String taskId, CommandContext context) {
    ProcessEngineConfigurationImpl engine = context.getProcessEngineConfiguration();
    return engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId).count() > 0;
  }

  private static boolean canWorkOnTask(String taskId, CommandContext context) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return false;
    }
    return passes(() -> context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkTaskWork(task)));
  }

  private static boolean canReadInstance(String processInstanceId, CommandContext context) {
    ProcessEngineConfigurationImpl engine = context.getProcessEngineConfiguration();
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0
        || engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }

  private static boolean canUpdateInstance(String processInstanceId, CommandContext context) {
    return passes(() -> context.getProcessEngineConfiguration().getCommandCheckers()
        .forEach((CommandChecker checker) -> checker.checkUpdateProcessInstanceById(processInstanceId)));
  }

  private static boolean passes(Runnable check) {
    try {
      check.run();
      return true;
    } catch (AuthorizationException refused) {
      return false;
    }
  }

  private static String text(Object value) {
    return value instanceof String text && !text.isBlank() ? text : null;
  }
}

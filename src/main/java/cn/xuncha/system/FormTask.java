package cn.xuncha.system;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * A user task whose Camunda Form is filled from the application's records when the task is created
 * and whose submission is checked and stored when it is completed. Every field the form submits is
 * created as a task-local variable first, so submitted values stay on the task and never become
 * process variables; a refused submission rolls back and leaves the task open.
 */
public abstract class FormTask implements TaskListener {

  @Override
  public final void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.setVariablesLocal(show(task));
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      FormSubmission form = new FormSubmission(task::getVariable);
      submit(task, form);
    }
  }

  /** The values the form shows, including every field it submits (null where empty). */
  protected abstract Map<String, Object> show(DelegateTask task);

  /** Reads, checks and stores the submission; {@link FormSubmission#check()} refuses it on any problem. */
  protected abstract void submit(DelegateTask task, FormSubmission form);
}

package cn.xuncha.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.variable.Variables;
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
      Map<String, Object> values = new LinkedHashMap<>();
      // Tasklist submits each field with the type of the variable it was shown from: an untyped null
      // would make every typed answer fail to convert, so empty fields are empty strings' nulls.
      show(task).forEach((name, value) -> values.put(name, value == null ? Variables.stringValue(null) : value));
      task.setVariablesLocal(values);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      FormSubmission form = new FormSubmission(task::getVariable);
      submit(task, form);
    }
  }

  /**
   * The values the form shows, including every field it submits: null where a text is empty, a Json
   * list (e.g. {@link FormValues#json}) for checklists, taglists and dynamic lists.
   */
  protected abstract Map<String, Object> show(DelegateTask task);

  /** Reads, checks and stores the submission; {@link FormSubmission#check()} refuses it on any problem. */
  protected abstract void submit(DelegateTask task, FormSubmission form);

  /**
   * The form task of a Spring bean method, from its two parts: {@code show} as {@link #show}, {@code submit} as {@link #submit}.
   */
  public static FormTask of(Function<DelegateTask, Map<String, Object>> show, BiConsumer<DelegateTask, FormSubmission> submit) {
    return new FormTask() {
      @Override
      protected Map<String, Object> show(DelegateTask task) {
        return show.apply(task);
      }

      @Override
      protected void submit(DelegateTask task, FormSubmission form) {
        submit.accept(task, form);
      }
    };
  }
}

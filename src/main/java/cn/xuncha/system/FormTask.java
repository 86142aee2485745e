package cn.xuncha.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A user task whose Camunda Form is filled from the application's records when the task is created
 * and whose submission is checked and stored when it is completed. The values the form shows are
 * task-local variables (Tasklist reads them when the form is opened, also again later); an empty
 * field has none, since Tasklist infers a submitted value's type when no variable of that name
 * exists. The submitted values are transient ({@link TransientFormFields}): this listener reads them
 * in the same command and stores them in the application's tables; they never become process
 * variables. A refused submission rolls back and leaves the task open, its shown values unchanged.
 */
public abstract class FormTask implements TaskListener {

  @Override
  public final void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Map<String, Object> values = new LinkedHashMap<>();
      show(task).forEach((name, value) -> {
        if (value != null && !(value instanceof TypedValue typed && typed.getValue() == null)) {
          values.put(name, value);
        }
      });
      task.setVariablesLocal(values);
    } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
      FormSubmission form = new FormSubmission(task::getVariable);
      submit(task, form);
    }
  }

  /**
   * The values the form shows, by field key: null where a text is empty (no variable is created for
   * it), a Json list (e.g. {@link FormValues#json}) for checklists, taglists and dynamic lists.
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

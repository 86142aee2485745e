package cn.xuncha.review;

import cn.xuncha.review.Review.Subject;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A review task of the procedure: approve, or return with a required comment (issue 14.5). The
 * task's form shows what {@link #present} gives, and asks for the outcome ({@value #OUTCOME}, with
 * the options of the task's {@link ReviewKind} in {@value #OUTCOME_OPTIONS}) and a comment
 * ({@value #COMMENT}). On completion this one code path checks the answer — a return without a
 * comment is refused with {@value #RETURN_NEEDS_COMMENT} and nothing is stored — stores the
 * {@link Review}, sets {@value #REVIEW_OUTCOME} for the gateway after the task, and lets the
 * subclass apply the outcome to its subject ({@link #apply}). Subclasses only say what is reviewed.
 */
public abstract class ReviewTask extends FormTask {

  /** Form field: {@code approve} or {@code return} ({@link ReviewOutcome#value()}). */
  public static final String OUTCOME = "outcome";
  /** Form field: the reviewer's comment, required for a return. */
  public static final String COMMENT = "comment";
  /** The options of the outcome field, labelled for the task's kind. */
  public static final String OUTCOME_OPTIONS = "outcomeOptions";
  /**
   * Process variable the gateway after a review routes on: {@code ${reviewOutcome == 'return'}}. It is
   * set with {@code setVariable}, so (Camunda's {@code AbstractVariableScope}) it lands in the nearest
   * scope that declares it, e.g. a multi-instance subprocess with an empty input parameter
   * {@code reviewOutcome}, else in the process instance of the review task.
   */
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String RETURN_NEEDS_COMMENT = "退回时须填写意见";
  static final int MAX_COMMENT = 2000;

  private final Reviews reviews;

  protected ReviewTask(Reviews reviews) {
    this.reviews = reviews;
  }

  @Override
  protected final Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>(present(task));
    values.put(OUTCOME_OPTIONS, FormValues.json(ReviewKind.of(task.getTaskDefinitionKey()).options()));
    values.put(OUTCOME, null);
    values.put(COMMENT, null);
    return values;
  }

  @Override
  protected final void submit(DelegateTask task, FormSubmission form) {
    ReviewKind kind = ReviewKind.of(task.getTaskDefinitionKey());
    String value = form.choice(OUTCOME, "审核结果", ReviewOutcome.VALUES);
    String comment = form.text(COMMENT, "意见", false, MAX_COMMENT);
    ReviewOutcome outcome = ReviewOutcome.of(value);
    form.requireThat(outcome != ReviewOutcome.RETURN || comment != null, RETURN_NEEDS_COMMENT);
    checkFields(task, form, outcome);
    form.check();
    Review review = reviews.record(kind, subject(task), task.getId(), outcome, comment, Actors.of(task));
    task.getExecution().setVariable(REVIEW_OUTCOME, outcome.value());
    apply(task, review);
  }

  /** What the reviewer reads: the form's other values (never a form field the reviewer submits). */
  protected abstract Map<String, Object> present(DelegateTask task);

  /** What the review decides about. */
  protected abstract Subject subject(DelegateTask task);

  /**
   * Checks the form's fields beyond outcome and comment, adding their problems to the submission's
   * so that all are refused together before anything is recorded; none by default. {@code outcome}
   * is null when the outcome itself was not valid.
   */
  protected void checkFields(DelegateTask task, FormSubmission form, ReviewOutcome outcome) {
  }

  /** The outcome's consequence for the subject's own records (its status, what it starts); none by default. */
  protected void apply(DelegateTask task, Review review) {
  }
}

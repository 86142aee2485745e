package cn.xuncha.system;

import java.util.List;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Submitted values that break a rule. Extends Camunda's form validation exception so that the
 * REST API and Tasklist answer 400 with the message, and the surrounding transaction rolls back:
 * nothing of the submission is stored.
 */
public class InvalidInputException extends FormFieldValidationException {

  private final List<String> problems;

  public InvalidInputException(List<String> problems) {
    super(problems, String.join("；", problems));
    this.problems = List.copyOf(problems);
  }

  public InvalidInputException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}

package cn.xuncha.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of a step's record as a field of its Camunda Form: the component's name is the
 * form field's key (declared nowhere else in Java), {@link #value()} its Chinese label in messages,
 * and the limits are those the form states. {@link FormSubmission#read} reads a submission by these
 * components, {@link FormValues#of} shows a record in the form, and a test compares them with the
 * form files. Supported types: {@code String} (text), {@code LocalDate} (date), {@code LocalTime}
 * (time of day), {@code Integer} (a whole number of zero or more), {@code List<String>} (checklist or taglist) and {@code List<R>} of a record whose
 * components are form fields in turn (the rows of a dynamic list).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface FormField {

  /** The Chinese label, as the form shows it. */
  String value();

  /** Characters a text may have at most (the form's {@code maxLength}); ignored for dates and lists. */
  int maxLength() default 0;

  /** Whether the form requires a value (a list: at least one). */
  boolean required() default true;
}

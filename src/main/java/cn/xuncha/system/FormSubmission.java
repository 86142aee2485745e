package cn.xuncha.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The values of one submitted form, read field by field. Every problem is collected as a Chinese
 * message naming the field, so the user can correct all of them at once; {@link #check()} refuses
 * the submission when there is any.
 */
public final class FormSubmission {

  private final Function<String, Object> values;
  private final List<String> problems = new ArrayList<>();

  public FormSubmission(Function<String, Object> values) {
    this.values = values;
  }

  /** A text field: trimmed, null when empty; a problem when required and empty or longer than {@code maxLength}. */
  public String text(String key, String label, boolean required, int maxLength) {
    String text = FormValues.text(node(key, label));
    if (text == null && required) {
      problems.add(label + "：不能为空");
    } else if (text != null && text.length() > maxLength) {
      problems.add(label + "：过长（最多 " + maxLength + " 字）");
    }
    return text;
  }

  public String requiredText(String key, String label, int maxLength) {
    return text(key, label, true, maxLength);
  }

  public LocalDate date(String key, String label) {
    LocalDate date = FormValues.date(node(key, label), label, problems);
    if (date == null && FormValues.text(node(key, label)) == null) {
      problems.add(label + "：请填写");
    }
    return date;
  }

  /** Requires a date already read (none when it was missing or malformed) to lie between two dates, both included. */
  public LocalDate requireBetween(LocalDate date, String label, LocalDate earliest, LocalDate latest, String range) {
    if (date != null && (date.isBefore(earliest) || date.isAfter(latest))) {
      problems.add(label + "：须在" + range);
    }
    return date;
  }

  /** One of the allowed values of a select or radio field. */
  public String choice(String key, String label, Collection<String> allowed) {
    String value = FormValues.text(node(key, label));
    if (value == null) {
      problems.add(label + "：请选择");
    } else if (!allowed.contains(value)) {
      problems.add(label + "：“" + value + "”不是可选项");
      return null;
    }
    return value;
  }

  /** The values of a checklist or taglist (or a text with one value per line); each counted once. */
  public List<String> selection(String key, String label) {
    List<String> selected = FormValues.lines(node(key, label));
    Set<String> distinct = new LinkedHashSet<>();
    for (String value : selected) {
      if (!distinct.add(value)) {
        problems.add(label + "：“" + value + "”选了两次");
      }
    }
    return List.copyOf(distinct);
  }

  /** The rows of a dynamic list (empty when absent). */
  public JsonNode list(String key, String label) {
    JsonNode node = node(key, label);
    if (node.isArray()) {
      return node;
    }
    if (!node.isNull()) {
      problems.add(label + "：数据格式不正确，应为列表");
    }
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
  }

  public void requireThat(boolean condition, String problem) {
    if (!condition) {
      problems.add(problem);
    }
  }

  public void problem(String problem) {
    problems.add(problem);
  }

  /**
   * Reads every {@link FormField} component of {@code type} by its name and checks it as the
   * component declares (required, length, date format); components that are not form fields get
   * null (false for a boolean). The record is returned even when a field has a problem (that field
   * is then null or as submitted), so that the caller can add its own checks before {@link #check()}.
   */
  public <R extends Record> R read(Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      FormField field = components[i].getAnnotation(FormField.class);
      values[i] = field != null ? read(components[i], field) : components[i].getType() == boolean.class ? Boolean.FALSE : null;
    }
    return FormRecords.create(type, values);
  }

  /**
   * What is wrong with a record's form fields by their declarations, in the same Chinese messages a
   * submission gets; empty when the record is valid. Checks records read from storage as well.
   */
  public static List<String> problemsOf(Record record) {
    Map<String, Object> values = new HashMap<>();
    for (RecordComponent component : FormRecords.fields(record.getClass())) {
      Object value = FormRecords.value(record, component);
      values.put(component.getName(), value instanceof LocalDate date ? date.toString() : value);
    }
    FormSubmission stored = new FormSubmission(values::get);
    stored.read(record.getClass());
    return List.copyOf(stored.problems);
  }

  private Object read(RecordComponent component, FormField field) {
    String key = component.getName();
    if (component.getType() == String.class) {
      return text(key, field.value(), field.required(), field.maxLength());
    }
    if (component.getType() == LocalDate.class) {
      return date(key, field.value());
    }
    if (component.getType() == List.class) {
      List<String> selected = selection(key, field.value());
      requireThat(!field.required() || !selected.isEmpty(), field.value() + "：请至少选择一项");
      return selected;
    }
    throw new IllegalArgumentException("Form field " + key + " has unsupported type " + component.getType());
  }

  /** Refuses the whole submission if any field had a problem. */
  public void check() {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private JsonNode node(String key, String label) {
    return FormValues.tree(values.apply(key), label);
  }

  /** A simple e-mail address, as a petition channel must be one people can write to. */
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  /** A Chinese landline or mobile number: digits with an optional area-code hyphen. */
  public static final Pattern PHONE = Pattern.compile("^(0\\d{2,3}-?\\d{7,8}|1\\d{10})$");
}

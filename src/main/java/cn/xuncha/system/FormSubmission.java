package cn.xuncha.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
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
  private final List<String> problems;
  private final String labelPrefix;

  public FormSubmission(Function<String, Object> values) {
    this(values, new ArrayList<>(), "");
  }

  private FormSubmission(Function<String, Object> values, List<String> problems, String labelPrefix) {
    this.values = values;
    this.problems = problems;
    this.labelPrefix = labelPrefix;
  }

  /** A text field: trimmed, null when empty; a problem when required and empty or longer than {@code maxLength}. */
  public String text(String key, String field, boolean required, int maxLength) {
    String label = labelPrefix + field;
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

  public LocalDate date(String key, String field) {
    return date(key, field, true);
  }

  /** A date written 年-月-日 (a timestamp's day also); null when empty, a problem when required and empty or malformed. */
  public LocalDate date(String key, String field, boolean required) {
    String label = labelPrefix + field;
    LocalDate date = FormValues.date(node(key, label), label, problems);
    if (required && date == null && FormValues.text(node(key, label)) == null) {
      problems.add(label + "：请填写");
    }
    return date;
  }

  /** A whole number of zero or more; null when empty, a problem when required and empty, or not such a number. */
  public Integer count(String key, String field, boolean required) {
    String label = labelPrefix + field;
    String text = FormValues.text(node(key, label));
    Integer count = FormValues.integer(node(key, label), label, problems);
    if (text == null) {
      requireThat(!required, label + "：请填写");
    } else if (count != null && count < 0) {
      problems.add(label + "：“" + text + "”不是 0 或正整数");
      return null;
    }
    return count;
  }

  /** Requires a date already read (none when it was missing or malformed) to lie between two dates, both included. */
  public LocalDate requireBetween(LocalDate date, String label, LocalDate earliest, LocalDate latest, String range) {
    if (date != null && (date.isBefore(earliest) || date.isAfter(latest))) {
      problems.add(label + "：须在" + range);
    }
    return date;
  }

  /**
   * A time of day as a form-js time field sends it (17:30, also 17:30:00); null when empty. A
   * problem when required and empty or not a time.
   */
  public LocalTime time(String key, String field, boolean required) {
    String label = labelPrefix + field;
    String text = FormValues.text(node(key, label));
    if (text == null) {
      requireThat(!required, label + "：请填写");
      return null;
    }
    try {
      return LocalTime.parse(text.length() > 8 ? text.substring(0, 8) : text);
    } catch (DateTimeParseException e) {
      problems.add(label + "：时间格式应为 时:分，例如 17:30");
      return null;
    }
  }

  /** One of the allowed values of a select or radio field. */
  public String choice(String key, String field, Collection<String> allowed) {
    String label = labelPrefix + field;
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
  public List<String> selection(String key, String field) {
    String label = labelPrefix + field;
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

  /**
   * The rows of a dynamic list read as records of {@code rowType} by their own {@link FormField}
   * components, each problem named by the list, the row's number and the field (信访渠道第 2 项·号码：…);
   * rows the user left wholly empty are dropped (Tasklist keeps an empty row when 添加一项 was pressed once too often).
   */
  public <R extends Record> List<R> rows(String key, String label, Class<R> rowType) {
    List<R> rows = new ArrayList<>();
    int number = 0;
    for (JsonNode row : list(key, label)) {
      number++;
      if (!row.isObject()) {
        problems.add(labelPrefix + label + "第 " + number + " 项：数据格式不正确，应为一组字段");
      } else if (!isBlank(row)) {
        String prefix = labelPrefix + label + "第 " + number + " 项·";
        rows.add(new FormSubmission(row::get, problems, prefix).read(rowType));
      }
    }
    return List.copyOf(rows);
  }

  private static boolean isBlank(JsonNode row) {
    return FormValues.stream(row).allMatch(value -> FormValues.text(value) == null);
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
      values.put(component.getName(), FormValues.plain(value));
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
      return date(key, field.value(), field.required());
    }
    if (component.getType() == Integer.class) {
      return count(key, field.value(), field.required());
    }
    if (component.getType() == LocalTime.class) {
      return time(key, field.value(), field.required());
    }
    if (component.getType() == List.class) {
      Class<? extends Record> rowType = FormRecords.rowType(component);
      List<?> selected = rowType == null ? selection(key, field.value()) : rows(key, field.value(), rowType);
      requireThat(!field.required() || !selected.isEmpty(), labelPrefix + field.value() + "：请至少" + (rowType == null ? "选择" : "填写") + "一项");
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
}

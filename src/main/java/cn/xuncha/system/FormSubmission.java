package cn.xuncha.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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

  /** A date that must lie between two dates (both included); {@code range} says which, e.g. “反馈日期（…）之后、今天之前”. */
  public LocalDate dateBetween(String key, String label, LocalDate earliest, LocalDate latest, String range) {
    LocalDate date = date(key, label);
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

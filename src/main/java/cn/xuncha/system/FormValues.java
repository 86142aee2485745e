package cn.xuncha.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Reads what a Camunda Form submits, whatever way it arrived: Tasklist sends lists as Json
 * variables, a REST client may send them as strings or objects, numbers as strings. Every value
 * that cannot be read becomes a Chinese message naming the field.
 */
public final class FormValues {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME_SEPARATORS = Pattern.compile("[、，,；;\\s]+");
  private static final Pattern LINE_SEPARATORS = Pattern.compile("[\\r\\n、，,；;]+");

  private FormValues() {
  }

  /** Any submitted value as a JSON tree; null and absent values become {@link NullNode}. */
  public static JsonNode tree(Object value, String field) {
    try {
      if (value == null) {
        return NullNode.getInstance();
      }
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("[") || trimmed.startsWith("{") ? JSON.readTree(trimmed) : JSON.valueToTree(text);
      }
      if (value instanceof Date date) {
        return JSON.valueToTree(date.toInstant().atZone(ChinaTime.ZONE).toLocalDate().toString());
      }
      return JSON.valueToTree(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(field + "：数据格式不正确");
    }
  }

  public static String text(JsonNode node) {
    if (node == null || node.isNull() || node instanceof MissingNode) {
      return null;
    }
    String text = node.asText().strip();
    return text.isEmpty() ? null : text;
  }

  public static Integer integer(JsonNode node, String field, List<String> problems) {
    String text = text(node);
    if (text == null) {
      return null;
    }
    try {
      return new java.math.BigDecimal(text).intValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      problems.add(field + "：请填写整数");
      return null;
    }
  }

  public static LocalDate date(JsonNode node, String field, List<String> problems) {
    String text = text(node);
    if (text == null) {
      return null;
    }
    try {
      // form-js date fields send 2022-04-21; a REST client may send a full timestamp
      return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    } catch (DateTimeParseException e) {
      problems.add(field + "：日期格式应为 年-月-日，例如 2022-04-21");
      return null;
    }
  }

  /** Person names typed in one field, separated by 、 commas or spaces. */
  public static List<String> names(JsonNode node) {
    return split(node, NAME_SEPARATORS);
  }

  /** One entry per line (commas and 、 also separate). */
  public static List<String> lines(JsonNode node) {
    return split(node, LINE_SEPARATORS);
  }

  public static String joinNames(List<String> names) {
    return String.join("、", names);
  }

  public static String joinLines(List<String> lines) {
    return String.join("\n", lines);
  }

  /** A list or object for a form field; Tasklist hands Json variables to form-js as objects. */
  public static TypedValue json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Value cannot be written as JSON", e);
    }
  }

  /**
   * The form fields of a record as the form shows them, by component name: texts as they are, dates
   * as 2022-04-21, times as 17:30, lists (of values or of row records) as Json; every field null (a
   * list empty) when there is no record yet.
   */
  public static <R extends Record> Map<String, Object> of(Class<R> type, R record) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : FormRecords.fields(type)) {
      Object value = record == null ? null : FormRecords.value(record, component);
      if (component.getType() == List.class) {
        values.put(component.getName(), json(value == null ? List.of() : plain(value)));
      } else {
        values.put(component.getName(), value == null ? null : value.toString());
      }
    }
    return values;
  }

  /**
   * A record component's value as plain data a form and JSON understand: dates and times as their
   * ISO text, a row record as a map of its form fields, lists element by element.
   */
  static Object plain(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(FormValues::plain).toList();
    }
    if (value instanceof Record row) {
      Map<String, Object> fields = new LinkedHashMap<>();
      FormRecords.fields(row.getClass()).forEach(component -> fields.put(component.getName(), plain(FormRecords.value(row, component))));
      return fields;
    }
    return value instanceof java.time.temporal.TemporalAccessor ? value.toString() : value;
  }

  /** Options of a select, checklist or taglist whose labels are their values. */
  public static TypedValue options(List<String> values) {
    return json(values.stream().map(value -> Map.of("label", value, "value", value)).toList());
  }

  public static TypedValue string(Object value) {
    return Variables.stringValue(value == null ? null : value.toString());
  }

  private static List<String> split(JsonNode node, Pattern separators) {
    if (node != null && node.isArray()) {
      return stream(node).map(FormValues::text).filter(s -> s != null).toList();
    }
    String text = text(node);
    return text == null ? List.of() : Arrays.stream(separators.split(text)).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }
}

package cn.xuncha.system;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form fields of a record type: its components marked {@link FormField}, in declaration order. */
public final class FormRecords {

  private FormRecords() {
  }

  /** The record's form fields; a type without any is a programming error. */
  public static List<RecordComponent> fields(Class<? extends Record> type) {
    List<RecordComponent> fields = Arrays.stream(type.getRecordComponents())
        .filter(component -> component.isAnnotationPresent(FormField.class)).toList();
    if (fields.isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " has no @FormField component");
    }
    return fields;
  }

  /** The keys of the record's form fields: its component names. */
  public static List<String> keys(Class<? extends Record> type) {
    return fields(type).stream().map(RecordComponent::getName).toList();
  }

  /** The record's form fields as label → value, in declaration order: to show a record to a reader. */
  public static Map<String, Object> labelled(Record record) {
    Map<String, Object> labelled = new LinkedHashMap<>();
    fields(record.getClass()).forEach(field -> labelled.put(field.getAnnotation(FormField.class).value(), value(record, field)));
    return labelled;
  }

  /**
   * The row type of a {@code List<R>} component whose rows are records (a dynamic list of the form);
   * null for any other component, e.g. a {@code List<String>} checklist.
   */
  public static Class<? extends Record> rowType(RecordComponent component) {
    if (component.getType() == List.class && component.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> row && row.isRecord()) {
      return row.asSubclass(Record.class);
    }
    return null;
  }

  static Object value(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass().getName(), e);
    }
  }

  static <R extends Record> R create(Class<R> type, Object[] values) {
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot create " + type.getName(), e);
    }
  }
}

package cn.xuncha.security;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;

/**
 * What a Camunda command carries from its caller: the variable names it writes or removes and the
 * queries it runs. Camunda's commands keep their arguments in protected fields without getters,
 * nested in builders and modification instructions ({@code ProcessInstantiationBuilderImpl},
 * {@code MessageCorrelationBuilderImpl}, {@code ActivityInstantiationCmd}, …), so they are read by
 * reflection: every field of the command and of the engine's argument holders in the packages
 * {@code org.camunda.bpm.engine.impl} and {@code org.camunda.bpm.engine.impl.cmd}. A command added by
 * a later Camunda version is covered the same way, without being listed.
 *
 * <p>The keys of every {@code Map} are variable names (payload, local, correlation or start
 * variables — all are treated as written); removals are the names of
 * {@link AbstractRemoveVariableCmd} and the deletions of {@link AbstractPatchVariablesCmd}.
 */
final class CommandArguments {

  private static final Set<String> HOLDER_PACKAGES = Set.of("org.camunda.bpm.engine.impl", "org.camunda.bpm.engine.impl.cmd",
      "org.camunda.bpm.engine.impl.migration");
  private static final int MAX_DEPTH = 4;
  private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

  private final Set<String> variableNames = new TreeSet<>();
  private final Set<String> removedNames = new TreeSet<>();
  private final List<AbstractQuery<?, ?>> queries = new ArrayList<>();
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  private CommandArguments() {
  }

  static CommandArguments of(Object command) {
    CommandArguments arguments = new CommandArguments();
    arguments.visit(command, 0);
    if (command instanceof AbstractRemoveVariableCmd) {
      addNames(field(command, "variableNames"), arguments.removedNames);
    }
    if (command instanceof AbstractPatchVariablesCmd) {
      addNames(field(command, "deletions"), arguments.removedNames);
    }
    return arguments;
  }

  /** Names of the variables the command sets (or matches on, for message correlation). */
  Set<String> variableNames() {
    return variableNames;
  }

  /** Names of the variables the command removes. */
  Set<String> removedNames() {
    return removedNames;
  }

  /** The command itself when it is a query, and every query it carries (a filter's extending query, a batch's selection). */
  List<AbstractQuery<?, ?>> queries() {
    return queries;
  }

  /** The value of a field declared by the command's class or a superclass, or null when there is none. */
  static Object field(Object target, String name) {
    for (Field field : fields(target.getClass())) {
      if (field.getName().equals(name)) {
        return read(field, target);
      }
    }
    return null;
  }

  private void visit(Object holder, int depth) {
    if (!seen.add(holder)) {
      return;
    }
    if (holder instanceof AbstractQuery<?, ?> query) {
      queries.add(query);
      return;
    }
    for (Field field : fields(holder.getClass())) {
      Object value = read(field, holder);
      if (value instanceof Map<?, ?> map) {
        addNames(map.keySet(), variableNames);
      } else if (value instanceof Collection<?> values) {
        values.forEach(element -> visitHolder(element, depth));
      } else {
        visitHolder(value, depth);
      }
    }
  }

  private void visitHolder(Object value, int depth) {
    if (value instanceof AbstractQuery<?, ?> || value != null && depth < MAX_DEPTH && HOLDER_PACKAGES.contains(value.getClass().getPackageName())) {
      visit(value, depth + 1);
    }
  }

  private static void addNames(Object names, Set<String> into) {
    if (names instanceof Collection<?> values) {
      values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(into::add);
    }
  }

  private static List<Field> fields(Class<?> type) {
    return FIELDS.computeIfAbsent(type, t -> {
      List<Field> fields = new ArrayList<>();
      for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
            field.setAccessible(true);
            fields.add(field);
          }
        }
      }
      return List.copyOf(fields);
    });
  }

  private static Object read(Field field, Object target) {
    try {
      return field.get(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Camunda command field not readable: " + field, e);
    }
  }
}

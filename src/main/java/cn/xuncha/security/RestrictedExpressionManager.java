package cn.xuncha.security;

import java.beans.FeatureDescriptor;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Iterator;
import java.util.Set;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.springframework.beans.factory.BeanFactory;

/**
 * The engine's expression language as this product allows it, for every expression wherever it
 * comes from (BPMN, DMN with JUEL, stored filters): it replaces the Spring starter's
 * {@code SpringExpressionManager}, whose {@code ApplicationContextElResolver} hands every bean of the
 * application to an expression.
 * <ul>
 * <li>Names resolve first to the allow-listed beans of {@link ModelBeans}, then to variables: a
 * variable named like a bean never shadows it. No other bean is reachable.</li>
 * <li>No reflection: calling {@code getClass}, reading {@code class}, or touching — as base or as
 * result — a {@link Class}, class loader, {@code java.lang.reflect}/{@code java.lang.invoke} object,
 * {@link Runtime}, {@link ProcessBuilder}, {@link Thread}, module, Spring bean factory (the
 * application context), or the engine itself (its services, configuration, command context, data
 * source and connections, which {@code execution.processEngine} would otherwise hand out) is refused
 * with an {@link ELException}, which the engine reports as a failed expression.</li>
 * </ul>
 * Camunda's built-in functions ({@code now()}, {@code dateTime()}, {@code currentUser()},
 * {@code currentUserGroups()}) stay, registered by the engine on this manager.
 */
final class RestrictedExpressionManager extends JuelExpressionManager {

  static final String REFUSED = "表达式不得使用反射或访问系统类：";

  private final BeanFactory beans;

  RestrictedExpressionManager(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolvers = new ReflectionFree();
    resolvers.add(new AllowedBeans(beans, ModelBeans.NAMES));
    resolvers.add(new VariableScopeElResolver());
    resolvers.add(new VariableContextElResolver());
    resolvers.add(new ArrayELResolver(true));
    resolvers.add(new ListELResolver(true));
    resolvers.add(new MapELResolver(true));
    resolvers.add(new BeanELResolver(true));
    return resolvers;
  }

  /** Checks every step of an evaluation: the object a property or method is taken from, its name, and what it returns. */
  private static final class ReflectionFree extends CompositeELResolver {

    private static final Set<String> MEMBERS = Set.of("class", "getClass", "classLoader", "getClassLoader",
        "contextClassLoader", "getContextClassLoader", "forName", "loadClass", "getRuntime", "exec");
    private static final Set<String> PACKAGES = Set.of("java.lang.reflect", "java.lang.invoke");

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      refuse(base, property);
      return checked(super.getValue(context, base, property));
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] params) {
      refuse(base, method);
      return checked(super.invoke(context, base, method, types, params));
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      refuse(base, property);
      super.setValue(context, base, property, value);
    }

    private static void refuse(Object base, Object member) {
      if (member instanceof String name && MEMBERS.contains(name)) {
        throw new ELException(REFUSED + name);
      }
      checked(base);
    }

    private static Object checked(Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof Class<?> || value instanceof ClassLoader || value instanceof Runtime
          || value instanceof ProcessBuilder || value instanceof Process || value instanceof Thread
          || value instanceof ThreadGroup || value instanceof Module || value instanceof ModuleLayer
          || value instanceof BeanFactory || engineInternals(value) || reflective(value.getClass())) {
        throw new ELException(REFUSED + value.getClass().getSimpleName());
      }
      return value;
    }

    /**
     * What {@code execution} and {@code task} lead to besides their own data: the engine and its services, its
     * configuration, the command context, the database. Through those an expression would reach every bean the
     * allow-list keeps out.
     */
    private static boolean engineInternals(Object value) {
      return value instanceof ProcessEngineServices || value instanceof ServiceImpl || value instanceof ProcessEngineConfiguration
          || value instanceof CommandContext || value instanceof DataSource || value instanceof Connection;
    }

    /** Methods, fields, constructors, method handles; not proxies, which merely live in java.lang.reflect. */
    private static boolean reflective(Class<?> type) {
      if (Proxy.isProxyClass(type)) {
        return false;
      }
      for (Class<?> t = type; t != null; t = t.getSuperclass()) {
        if (PACKAGES.contains(t.getPackageName())) {
          return true;
        }
      }
      return false;
    }
  }

  /** Resolves a top-level name to a Spring bean when, and only when, it is on the allow-list. */
  private static final class AllowedBeans extends ELResolver {

    private final BeanFactory beans;
    private final Set<String> names;

    AllowedBeans(BeanFactory beans, Set<String> names) {
      this.beans = beans;
      this.names = names;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base == null && property instanceof String name && names.contains(name)) {
        context.setPropertyResolved(true);
        return beans.getBean(name);
      }
      return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      if (base == null && names.contains(property)) {
        context.setPropertyResolved(true);
        return true;
      }
      return false;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
      if (base == null && names.contains(property)) {
        throw new PropertyNotWritableException("不能给 " + property + " 赋值");
      }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return Object.class;
    }
  }
}

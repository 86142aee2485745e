package cn.xuncha.bench;

import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements and commits an application sends to its database (datasource-proxy
 * wrapping the DataSource bean), by statement text and by the outermost engine command
 * ({@code SubmitTaskFormCmd}, {@code ClaimTaskCmd}, a query…) running on the thread. A batched
 * statement counts once per parameter set, as the database executes it. Benchmark only.
 */
final class SqlCounter {

  static final String OUTSIDE_COMMANDS = "(outside engine commands)";
  private static final ThreadLocal<String> COMMAND = new ThreadLocal<>();

  private static final ThreadLocal<Long> STARTED = new ThreadLocal<>();
  /** A table other than the authorization table, engine's or application's: a statement naming one is a query the grants restrict. */
  private static final java.util.regex.Pattern OTHER_TABLE = java.util.regex.Pattern.compile("\\b(ACT_(?!RU_AUTHORIZATION\\b)[A-Z_]+|XC_[A-Z_]+)");

  private final LongAdder statements = new LongAdder();
  private final LongAdder authorizationStatements = new LongAdder();
  private final LongAdder authorizationNanos = new LongAdder();
  private final LongAdder checkStatements = new LongAdder();
  private final LongAdder checkNanos = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final Map<String, LongAdder> byText = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byCommand = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> commandCalls = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicReference<Slowest> slowest = new java.util.concurrent.atomic.AtomicReference<>();
  private final Map<String, Slowest> checkSamples = new ConcurrentHashMap<>();

  /** A statement as it ran: its text, the parameter setters of its first execution, its time. */
  record Slowest(String sql, List<net.ttddyy.dsproxy.proxy.ParameterSetOperation> parameters, long nanos) {
  }

  /**
   * A copy of the counts at one moment; differences of two snapshots measure what ran between them.
   * {@code authorizationStatements} and {@code authorizationNanos}: the statements that read the
   * engine's authorization table (its checks and the queries it restricts) and their time;
   * {@code checkStatements} and {@code checkNanos}: of those, the checks, which read no other table.
   */
  record Snapshot(long statements, long commits, Map<String, Long> byText, Map<String, Long> byCommand, Map<String, Long> commandCalls,
                  long authorizationStatements, long authorizationNanos, long checkStatements, long checkNanos) {

    Snapshot minus(Snapshot before) {
      return new Snapshot(statements - before.statements, commits - before.commits,
          difference(byText, before.byText), difference(byCommand, before.byCommand), difference(commandCalls, before.commandCalls),
          authorizationStatements - before.authorizationStatements, authorizationNanos - before.authorizationNanos,
          checkStatements - before.checkStatements, checkNanos - before.checkNanos);
    }

    /** What ran in this snapshot's span and in {@code other}'s together (two disjoint spans). */
    Snapshot plus(Snapshot other) {
      return new Snapshot(statements + other.statements, commits + other.commits, sum(byText, other.byText), sum(byCommand, other.byCommand),
          sum(commandCalls, other.commandCalls), authorizationStatements + other.authorizationStatements,
          authorizationNanos + other.authorizationNanos, checkStatements + other.checkStatements, checkNanos + other.checkNanos);
    }

    private static Map<String, Long> sum(Map<String, Long> first, Map<String, Long> second) {
      Map<String, Long> result = new java.util.HashMap<>(first);
      second.forEach((key, value) -> result.merge(key, value, Long::sum));
      return result;
    }

    long commands() {
      return commandCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Statements per call of an engine command (by simple class name), 0 if it did not run. */
    double perCall(String command) {
      long calls = commandCalls.getOrDefault(command, 0L);
      return calls == 0 ? 0 : (double) byCommand.getOrDefault(command, 0L) / calls;
    }

    List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
      return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n).toList();
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
      Map<String, Long> result = new java.util.HashMap<>();
      after.forEach((key, value) -> {
        long delta = value - before.getOrDefault(key, 0L);
        if (delta != 0) {
          result.put(key, delta);
        }
      });
      return result;
    }
  }

  /** Forgets the slowest statement seen so far; {@link #slowest()} then names the slowest one from here on. */
  void resetSlowest() {
    slowest.set(null);
  }

  /** The slowest single statement since {@link #resetSlowest()}, or null. */
  Slowest slowest() {
    return slowest.get();
  }

  /**
   * The authorization checks seen so far (statements reading {@code ACT_RU_AUTHORIZATION} alone), by
   * their text as {@link Snapshot#byText()} keys it: the latest execution of each, with its parameters,
   * to be run again inside the database.
   */
  Map<String, Slowest> checkSamples() {
    return Map.copyOf(checkSamples);
  }

  Snapshot snapshot() {
    return new Snapshot(statements.sum(), commits.sum(), copy(byText), copy(byCommand), copy(commandCalls), authorizationStatements.sum(),
        authorizationNanos.sum(), checkStatements.sum(), checkNanos.sum());
  }

  private static Map<String, Long> copy(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new java.util.HashMap<>();
    counts.forEach((key, value) -> copy.put(key, value.sum()));
    return copy;
  }

  /** Replaces the application's DataSource bean by a counting proxy of it. */
  BeanPostProcessor dataSourceWrapper() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource)) {
          return bean;
        }
        return ProxyDataSourceBuilder.create(beanName, dataSource).listener(statementListener()).methodListener(commitListener()).build();
      }
    };
  }

  /** Names the outermost engine command of each thread, so that statements can be charged to it. */
  AbstractProcessEnginePlugin commandNames() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
          configuration.setCustomPreCommandInterceptorsTxRequired(new java.util.ArrayList<>());
        }
        // First, so that it sees the command itself and not a wrapper the application's own interceptors put around it.
        configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new CommandInterceptor() {
          @Override
          public <T> T execute(Command<T> command) {
            if (COMMAND.get() != null) {
              return next.execute(command);
            }
            String name = command.getClass().getSimpleName();
            COMMAND.set(name);
            commandCalls.computeIfAbsent(name, key -> new LongAdder()).increment();
            try {
              return next.execute(command);
            } finally {
              COMMAND.remove();
            }
          }
        });
      }
    };
  }

  private QueryExecutionListener statementListener() {
    return new QueryExecutionListener() {
      @Override
      public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        STARTED.set(System.nanoTime());
      }

      @Override
      public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        long nanos = System.nanoTime() - STARTED.get();
        String command = COMMAND.get() == null ? OUTSIDE_COMMANDS : COMMAND.get();
        if (queries.stream().anyMatch(query -> query.getQuery().toUpperCase(java.util.Locale.ROOT).contains("ACT_RU_AUTHORIZATION"))) {
          authorizationStatements.increment();
          authorizationNanos.add(nanos);
          if (queries.stream().noneMatch(query -> OTHER_TABLE.matcher(query.getQuery().toUpperCase(java.util.Locale.ROOT)).find())) {
            checkStatements.increment();
            checkNanos.add(nanos);
            if (queries.size() == 1) {
              QueryInfo check = queries.get(0);
              checkSamples.put(normalise(check.getQuery()), new Slowest(check.getQuery(),
                  check.getParametersList().isEmpty() ? List.of() : List.copyOf(check.getParametersList().get(0)), nanos));
            }
          }
        }
        for (QueryInfo query : queries) {
          int executions = Math.max(1, query.getParametersList().size());
          statements.add(executions);
          byText.computeIfAbsent(normalise(query.getQuery()), key -> new LongAdder()).add(executions);
          byCommand.computeIfAbsent(command, key -> new LongAdder()).add(executions);
        }
        if (queries.size() == 1) {
          QueryInfo query = queries.get(0);
          Slowest candidate = new Slowest(query.getQuery(),
              query.getParametersList().isEmpty() ? List.of() : List.copyOf(query.getParametersList().get(0)), nanos);
          slowest.accumulateAndGet(candidate, (old, now) -> old == null || now.nanos() > old.nanos() ? now : old);
        }
      }
    };
  }

  private MethodExecutionListener commitListener() {
    return new MethodExecutionListener() {
      @Override
      public void beforeMethod(MethodExecutionContext context) {
      }

      @Override
      public void afterMethod(MethodExecutionContext context) {
        if (context.getTarget() instanceof Connection && context.getMethod().getName().equals("commit") && context.getThrown() == null) {
          commits.increment();
        }
      }
    };
  }

  private static String normalise(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 110 ? oneLine.substring(0, 110) + "…" : oneLine;
  }
}

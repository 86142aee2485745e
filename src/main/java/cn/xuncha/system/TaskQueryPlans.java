package cn.xuncha.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.VariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, task queries, the filters that run them and the variable query that fetches the
 * listed tasks' variables (Tasklist's lists and counts, the REST API's {@code /task} and
 * {@code /filter/{id}/list|count}, whose {@code application/hal+json} answer embeds the variables the
 * filter names) are planned for their parameters:
 * {@code SET LOCAL plan_cache_mode = force_custom_plan} before the command, back to the
 * connection's default after it. The PostgreSQL JDBC driver turns a statement run five times into a
 * server-side prepared statement, after which PostgreSQL may choose one generic plan for all
 * parameter values; for the engine's task query with an office's authorization conditions that plan
 * took 150–300 ms instead of about 1 ms at 3,000 unit procedures (bench/run, PageScaleBenchmark).
 * Planning every statement of every command that way doubled the engine's CPU per unit procedure,
 * so the rest of the engine's work keeps PostgreSQL's default ({@code auto}).
 *
 * <p>Runs as a post-command interceptor, inside the command's transaction and command context
 * (Camunda places custom post-interceptors after its {@code CommandContextInterceptor}), so the
 * setting reaches the connection the query runs on and ends with the transaction at the latest; it
 * is put back at once so that a task query nested in another command (a delegate's lookup) leaves
 * the rest of that command as it was. Nothing is done on other databases (H2). {@code plan_cache_mode}
 * exists from PostgreSQL 12 on; Camunda 7.24 supports PostgreSQL 13 to 17 only.
 */
@Component
class TaskQueryPlans extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CustomPlans(configuration));
  }

  /** Whether a command is one whose queries are planned for their parameters: a task query, a filter's execution, a variable query. */
  static boolean plannedForParameters(Command<?> command) {
    return command instanceof TaskQueryImpl || command instanceof AbstractExecuteFilterCmd || command instanceof VariableInstanceQueryImpl;
  }

  private static final class CustomPlans extends CommandInterceptor {

    private final ProcessEngineConfigurationImpl configuration;

    CustomPlans(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public <T> T execute(Command<T> command) {
      if (!plannedForParameters(command) || !"postgres".equals(configuration.getDatabaseType())) {
        return next.execute(command);
      }
      Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
      set(connection, "force_custom_plan");
      T result = next.execute(command);
      // Not on failure: PostgreSQL refuses every statement in a failed transaction, and the rollback ends the setting anyway.
      set(connection, "default");
      return result;
    }

    private static void set(Connection connection, String mode) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local plan_cache_mode = " + mode);
      } catch (SQLException e) {
        throw new ProcessEngineException("plan_cache_mode could not be set to " + mode, e);
      }
    }
  }
}

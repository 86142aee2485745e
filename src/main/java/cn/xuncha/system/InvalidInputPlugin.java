package cn.xuncha.system;

import java.util.ArrayList;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refused input as the user and the operator meet it. The engine wraps what a listener throws in
 * its own exception ("ENGINE-03051 ... Exception while invoking TaskListener: ..."); this plugin
 * hands an {@link InvalidInputException} through unwrapped, so the REST API answers 400 with our
 * Chinese message alone. It runs outside the transaction interceptor: by the time it sees the
 * exception, the submission is rolled back. The operator's log gets one INFO line per refusal:
 * Camunda's command context logs every other exception at ERROR with its stack trace
 * (ENGINE-16004), and lowers to DEBUG only those its {@code shouldLogFine} names, to which the
 * refusals are added here; real errors keep ERROR and their stack.
 *
 * <p>A task that no longer exists (completed meanwhile, a stale page, a wrong id) is a refusal too:
 * the engine reports it as a {@link NullValueException} ("Cannot find task with id …: task is null",
 * for a task's variables "task … doesn't exist: task is null"),
 * which the REST API answers 500 and logs twice with its stack. It becomes {@link #TASK_GONE}: for
 * {@code complete} and {@code submit-form} an {@link InvalidInputException} (the only engine exception
 * besides a refused authorization that those REST resources do not turn into a 500), for every other
 * command Camunda's {@link NotFoundException}; {@code RefusalMessageFilter} answers it 404.
 */
@Component
class InvalidInputPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidInputPlugin.class);
  /** What a user reads when the task they act on does not exist (any more). */
  static final String TASK_GONE = "此任务不存在或已办结，请刷新任务列表";
  /** The engine's two wordings: most commands, and those on a task's variables ("task … doesn't exist"). */
  private static final Pattern NO_TASK = Pattern.compile("^(?:Cannot find task with id \\S+|task \\S+ doesn't exist): task is null$");
  /** The commands of the REST resources that answer 500 for any engine exception but a form validation one. */
  private static final Set<String> SUBMISSIONS = Set.of("CompleteTaskCmd", "SubmitTaskFormCmd", "SubmitStartFormCmd");

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    // outermost: it names the user's command, not the wrapper other interceptors hand on (UserCommandGuard)
    configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new Unwrap());
    CommandContextFactory contexts = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new RefusalAwareCommandContext(processEngineConfiguration);
      }
    };
    // The engine hands its configuration only to the factory it creates itself.
    contexts.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(contexts);
  }

  private static InvalidInputException refusal(Throwable exception) {
    return Causes.find(exception, InvalidInputException.class);
  }

  /** The engine's report of a task that does not exist, among the causes of {@code exception}; null if none. */
  private static NullValueException missingTask(Throwable exception) {
    NullValueException missing = Causes.find(exception, NullValueException.class);
    return missing != null && NO_TASK.matcher(String.valueOf(missing.getMessage())).matches() ? missing : null;
  }

  static final class Unwrap extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        NullValueException missing = missingTask(e);
        // the user's command, not one it calls: the caller decides what a missing task means to it
        if (missing != null && Context.getCommandContext() == null) {
          LOG.info("Task not found ({}): {}", command.getClass().getSimpleName(), missing.getMessage());
          throw SUBMISSIONS.contains(command.getClass().getSimpleName()) ? new InvalidInputException(TASK_GONE) : new NotFoundException(TASK_GONE);
        }
        InvalidInputException invalid = refusal(e);
        if (invalid == null) {
          throw e;
        }
        // A nested command passes here too, inside its caller's context: log once, for the outermost.
        if (Context.getCommandContext() == null) {
          LOG.info("Input refused ({}): {}", command.getClass().getSimpleName(), invalid.getMessage());
        }
        throw invalid;
      }
    }
  }

  /** Logs a refusal or a missing task, wrapped or not, at DEBUG like the engine's own {@code BadUserRequestException}. */
  static final class RefusalAwareCommandContext extends CommandContext {

    RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return super.shouldLogFine(exception) || refusal(exception) != null || missingTask(exception) != null;
    }
  }
}

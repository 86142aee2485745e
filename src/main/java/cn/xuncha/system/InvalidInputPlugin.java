package cn.xuncha.system;

import java.util.ArrayList;
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
 */
@Component
class InvalidInputPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidInputPlugin.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Unwrap());
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

  static final class Unwrap extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
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

  /** Logs a refusal, wrapped or not, at DEBUG like the engine's own {@code BadUserRequestException}. */
  static final class RefusalAwareCommandContext extends CommandContext {

    RefusalAwareCommandContext(ProcessEngineConfigurationImpl configuration) {
      super(configuration);
    }

    @Override
    protected boolean shouldLogFine(Throwable exception) {
      return super.shouldLogFine(exception) || refusal(exception) != null;
    }
  }
}

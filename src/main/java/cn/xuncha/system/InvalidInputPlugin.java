package cn.xuncha.system;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps what a listener throws in its own exception ("ENGINE-03051 ... Exception while
 * invoking TaskListener: ..."). This plugin hands an {@link InvalidInputException} through
 * unwrapped, so the REST API answers 400 with our Chinese message alone. It runs outside the
 * transaction interceptor: by the time it sees the exception, the submission is rolled back.
 */
@Component
class InvalidInputPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Unwrap());
  }

  static final class Unwrap extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
          if (cause instanceof InvalidInputException invalid) {
            throw invalid;
          }
        }
        throw e;
      }
    }
  }
}

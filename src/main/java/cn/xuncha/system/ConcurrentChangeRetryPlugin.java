package cn.xuncha.system;

import java.util.ArrayList;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A user's command that meets a concurrent change of the same process instance, typically a task
 * completed while its reminder or escalation timer fires, fails at flush with Camunda's
 * {@link OptimisticLockingException} ("ENGINE-03005 ... was updated by another transaction
 * concurrently") and is rolled back as a whole. This plugin runs such a command again, from the
 * start and in a new transaction, up to {@link #ATTEMPTS} times; when every attempt conflicts, the
 * user gets {@link ConcurrentChangeException}, in Chinese, and nothing of the command is stored.
 *
 * <p>Only outermost commands outside any surrounding transaction are repeated: a nested command or
 * one joined to a caller's transaction would repeat half of someone else's work. Job execution
 * and acquisition are left to the job executor, which already retries a job that lost such a race.
 * Camunda places custom pre-interceptors before its transaction interceptor, so each attempt sees
 * a fresh transaction (ProcessEngineConfigurationImpl#initCommandInterceptorsTxRequired).
 */
@Component
class ConcurrentChangeRetryPlugin extends AbstractProcessEnginePlugin {

  static final int ATTEMPTS = 3;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new Retry());
  }

  static final class Retry extends CommandInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrentChangeRetryPlugin.class);

    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() != null || TransactionSynchronizationManager.isActualTransactionActive()
          || command instanceof ExecuteJobsCmd || command instanceof AcquireJobsCmd) {
        return next.execute(command);
      }
      for (int attempt = 1; ; attempt++) {
        try {
          return next.execute(command);
        } catch (ProcessEngineException e) {
          if (Causes.find(e, OptimisticLockingException.class) == null) {
            throw e;
          }
          if (attempt == ATTEMPTS) {
            throw new ConcurrentChangeException(e);
          }
          LOG.info("{} met a concurrent change (attempt {} of {}), running it again: {}",
              command.getClass().getSimpleName(), attempt, ATTEMPTS, e.getMessage());
        }
      }
    }
  }

  /** Every attempt met a concurrent change; the user is asked to try again, nothing was stored. */
  public static class ConcurrentChangeException extends ProcessEngineException {

    ConcurrentChangeException(Throwable cause) {
      super("该流程正被其他操作（如到期提醒、督办）同时修改，本次提交未保存任何内容，请重试。", cause);
    }
  }
}

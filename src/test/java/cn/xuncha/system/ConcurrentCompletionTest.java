package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A user's command that meets a concurrent change is run again; on H2 here, on PostgreSQL in the IT. */
@XunchaSpringTest
class ConcurrentCompletionTest {

  @Autowired
  ProcessEngine engine;

  @Test
  void aLateTeamPlanSubmittedWhileItsOverdueTimerFiresIsFiled() throws Exception {
    ConcurrentCompletionScenario.run(engine);
  }

  @Test
  void whenEveryAttemptConflictsTheUserIsAskedInChineseToTryAgain() {
    AtomicInteger attempts = new AtomicInteger();
    CommandInterceptor retry = retryOver(attempts, new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE ...' failed"));

    assertThatThrownBy(() -> retry.execute(context -> null))
        .isInstanceOf(ConcurrentChangeRetryPlugin.ConcurrentChangeException.class)
        .hasMessage("该流程正被其他操作（如到期提醒、督办）同时修改，本次提交未保存任何内容，请重试。");
    assertThat(attempts).hasValue(ConcurrentChangeRetryPlugin.ATTEMPTS);
  }

  @Test
  void otherFailuresAreNotRepeated() {
    AtomicInteger attempts = new AtomicInteger();
    CommandInterceptor retry = retryOver(attempts, new ProcessEngineException("something else"));

    assertThatThrownBy(() -> retry.execute(context -> null)).hasMessage("something else");
    assertThat(attempts).hasValue(1);
  }

  private static CommandInterceptor retryOver(AtomicInteger attempts, ProcessEngineException failure) {
    CommandInterceptor retry = new ConcurrentChangeRetryPlugin.Retry();
    retry.setNext(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        attempts.incrementAndGet();
        throw failure;
      }
    });
    return retry;
  }
}

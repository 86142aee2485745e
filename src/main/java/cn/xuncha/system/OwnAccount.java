package cn.xuncha.system;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Engine calls the application makes on its own account inside the command of whoever's work
 * reached it: a start listener granting a new instance to its parties, starting or ending a
 * deadline watch. They run without that user's authorization checks (the user may not create
 * authorizations or start the watch process) and without entries in the engine's user operation
 * log, which would otherwise record the application's grants (six rows each, one per property) and
 * watches as operations of the user who happened to complete the task. The user's own operation —
 * the claim, the completion — is logged as before.
 */
public final class OwnAccount {

  private OwnAccount() {
  }

  /**
   * Runs {@code work} in the current command (one must be active: a listener or delegate) and
   * returns its result; the command's operation log setting is restored afterwards, also on failure.
   */
  public static <T> T run(Callable<T> work) {
    CommandContext context = Context.getCommandContext();
    boolean logging = context.isUserOperationLogEnabled();
    context.disableUserOperationLog();
    try {
      return context.runWithoutAuthorization(work);
    } finally {
      context.setLogUserOperationEnabled(logging);
    }
  }
}

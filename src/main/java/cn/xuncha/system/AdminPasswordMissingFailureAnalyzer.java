package cn.xuncha.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing administrator password into one clear line instead of a stack trace. */
class AdminPasswordMissingFailureAnalyzer extends AbstractFailureAnalyzer<AdminPasswordMissingException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AdminPasswordMissingException cause) {
    return new FailureAnalysis(
        "No administrator password: outside the demo default the application needs one.",
        "Set the environment variable XUNCHA_ADMIN_PASSWORD to the password of the 'admin' account and start again.",
        cause);
  }
}

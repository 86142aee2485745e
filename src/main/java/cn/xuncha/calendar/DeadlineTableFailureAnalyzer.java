package cn.xuncha.calendar;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an invalid deadline table into the table's own Chinese message (file, line, entry, problem)
 * instead of a chain of bean-creation errors: the analyst who edited the file reads the start-up log.
 */
class DeadlineTableFailureAnalyzer extends AbstractFailureAnalyzer<DeadlineTable.InvalidTableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DeadlineTable.InvalidTableException cause) {
    return new FailureAnalysis(cause.getMessage(), "改正期限表（processes/deadlines.yaml）中的这一处后重新启动；文件开头说明了每一项的写法。", cause);
  }
}

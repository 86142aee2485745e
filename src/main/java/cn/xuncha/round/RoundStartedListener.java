package cn.xuncha.round;

import cn.xuncha.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Gives a new round its business key, which links the process to the plan in the application's tables. */
@Component("roundStarted")
class RoundStartedListener implements ExecutionListener {

  static final String SAMPLE = "sample";
  static final String BLANK = "blank";

  @Override
  public void notify(DelegateExecution execution) {
    Object preset = execution.getVariable(RoundVariables.PRESET);
    if (preset != null && !SAMPLE.equals(preset) && !BLANK.equals(preset)) {
      throw new InvalidInputException("方案来源：只能选择“空白方案”或“载入示例轮次”");
    }
    String businessKey = execution.getProcessBusinessKey();
    if (businessKey == null || businessKey.isBlank()) {
      execution.setProcessBusinessKey("round-" + execution.getProcessInstanceId());
    } else if (businessKey.length() > 64) {
      throw new InvalidInputException("业务标识：过长（最多 64 个字符）");
    }
  }
}

package cn.xuncha.round;

import cn.xuncha.system.InvalidInputException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Gives a new round its business key, which links the process to the plan in the application's
 * tables and prefixes every instance of the round. A key the starter chose is refused, in Chinese,
 * when another round has or had it (the new round's plan would overwrite that round's plan, units
 * and records) or when it is not letters, digits and inner hyphens (a "/" would make it look like a
 * unit's key, round/unit).
 */
@Component("roundStarted")
class RoundStartedListener implements ExecutionListener {

  static final String SAMPLE = "sample";
  static final String BLANK = "blank";
  private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

  private final RoundRepository rounds;

  RoundStartedListener(RoundRepository rounds) {
    this.rounds = rounds;
  }

  private static boolean usedByAnotherRound(DelegateExecution execution, String businessKey) {
    // whatever the starter may see: another team's or an older round counts too
    return cn.xuncha.system.Unrestricted.lookup(() -> execution.getProcessEngineServices().getHistoryService()
        .createHistoricProcessInstanceQuery().processDefinitionKey(execution.getProcessDefinitionId().split(":")[0])
        .processInstanceBusinessKey(businessKey).list()).stream()
        .anyMatch(other -> !other.getId().equals(execution.getProcessInstanceId()));
  }

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
    } else if (!KEY.matcher(businessKey).matches()) {
      throw new InvalidInputException("业务标识：只能由字母、数字和中间的连字符组成（可不填，由系统生成）");
    } else if (rounds.find(businessKey).isPresent() || usedByAnotherRound(execution, businessKey)) {
      throw new InvalidInputException("业务标识：“" + businessKey + "”已被其他轮次使用，请换一个或不填（由系统生成）");
    }
  }
}

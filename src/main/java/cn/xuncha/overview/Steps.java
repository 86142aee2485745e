package cn.xuncha.overview;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the ten steps (办法 第十八条) a process belongs to. The spines ({@code inspection-round},
 * {@code unit-inspection}) call one process per step, and each step's process is named after its
 * step: {@code processes/steps/step-07-report.bpmn} holds the process {@code step-07-report}. A
 * task's step is therefore the step of the process it runs in, read from the process key; a clue
 * transfer (办法 第十九条) belongs to step 8. Anything else (a spine, the calendar) has step 0.
 */
final class Steps {

  static final Map<Integer, String> NAMES = Map.of(1, "组织部署", 2, "人员培训", 3, "分析研判", 4, "制定方案", 5, "巡察预告",
      6, "开展巡察", 7, "巡察报告", 8, "巡察反馈", 9, "督促整改", 10, "结果公开");
  private static final Pattern STEP_KEY = Pattern.compile("step-(\\d{2})-.*");
  private static final String CLUE_TRANSFER = "clue-transfer";

  private Steps() {
  }

  /** The step of a process by its key, e.g. 7 for {@code step-07-report}; 0 when the key names no step. */
  static int ofKey(String processDefinitionKey) {
    if (CLUE_TRANSFER.equals(processDefinitionKey)) {
      return 8;
    }
    Matcher matcher = STEP_KEY.matcher(processDefinitionKey == null ? "" : processDefinitionKey);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  /** "第7步 巡察报告". */
  static String label(int step) {
    return "第" + step + "步 " + NAMES.get(step);
  }
}

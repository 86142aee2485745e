package cn.xuncha.review;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The table of the procedure's reviews: which user task each is, and how its form names the two
 * outcomes. One pair of words does not fit all (a team plan is 予以备案, a working paper 确认, a
 * rectification item 予以销号), so each kind has its own labels; the values, the rule that a return
 * needs a comment and the record are the same for all ({@link ReviewTask}).
 */
public enum ReviewKind {

  /** 领导小组审议巡察工作方案, which goes on to the county committee (办法 第十八条(一)). */
  ROUND_PLAN_PROPOSAL("Task_ReviewRoundPlan", "同意，报县委审批", "退回修改"),
  /** 县委审批巡察工作方案 (办法 第十八条(一)): the committee approves (批准), it does not deliberate (审议). */
  ROUND_PLAN_APPROVAL("Task_ApproveRoundPlan", "批准", "退回修改"),
  /** 巡察办备案巡察组工作方案 (方案 四(四)). */
  TEAM_PLAN_FILING("Task_FileTeamPlan", "予以备案", "退回修改"),
  /** 领导小组批准机动巡察的村 (方案 二(二)). */
  MOBILE_VILLAGES("Task_ApproveMobileVillages", "批准并授权", "退回"),
  /** 组长确认问题底稿 (方案 四(五)); nothing routes on it. */
  WORKING_PAPER("Task_ConfirmWorkingPaper", "确认", "不予确认"),
  /** 巡察报告组办会商. */
  REPORT_CONSULTATION("Task_ConsultReport", "通过", "退回修改"),
  /** 领导小组审定巡察报告. */
  REPORT_APPROVAL("Task_ReviewReport", "通过", "退回修改"),
  /** 巡察办审核问题线索移交材料 (办法 第十九条). */
  CLUE_MATERIAL("Task_ReviewClue", "同意移交", "退回"),
  /** 巡察办审核整改方案 (办法 第十八条(九)). */
  RECTIFICATION_PLAN("Task_ReviewRectificationPlan", "通过", "退回修改"),
  /** 巡察办核验整改事项，予以销号. */
  RECTIFICATION_ITEM("Task_VerifyItem", "核验通过，予以销号", "未整改到位，继续整改"),
  /** 立行立改 demand of a 组务会, verified by the team (方案 四(一)2) */
  IMMEDIATE_RECTIFICATION("Task_VerifyImmediateRectification", "核验通过，已整改到位", "未整改到位，继续整改");

  private final String taskDefinitionKey;
  private final Map<ReviewOutcome, String> labels;

  ReviewKind(String taskDefinitionKey, String approveLabel, String returnLabel) {
    this.taskDefinitionKey = taskDefinitionKey;
    this.labels = Map.of(ReviewOutcome.APPROVE, approveLabel, ReviewOutcome.RETURN, returnLabel);
  }

  /** The kind of review a user task is; refuses a task that is no review, as a wiring mistake of the model. */
  public static ReviewKind of(String taskDefinitionKey) {
    return Arrays.stream(values()).filter(kind -> kind.taskDefinitionKey.equals(taskDefinitionKey)).findFirst()
        .orElseThrow(() -> new IllegalStateException(taskDefinitionKey + " is not a review task"));
  }

  public String taskDefinitionKey() {
    return taskDefinitionKey;
  }

  /** The Chinese label of an outcome, as the form offers it. */
  public String label(ReviewOutcome outcome) {
    return labels.get(outcome);
  }

  /** The options of the outcome field, approve first. */
  List<Map<String, String>> options() {
    return Arrays.stream(ReviewOutcome.values())
        .map(outcome -> Map.of("value", outcome.value(), "label", label(outcome))).toList();
  }

}

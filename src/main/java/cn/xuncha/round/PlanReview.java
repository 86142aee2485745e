package cn.xuncha.round;

import java.time.Instant;

/** One decision on the round plan by the leading group or the county committee. */
public record PlanReview(Stage stage, Decision decision, String comment, String actor, Instant decidedAt) {

  public enum Stage {
    /** 领导小组审议 */
    LEADING_GROUP,
    /** 县委审批 */
    COMMITTEE
  }

  public enum Decision {
    APPROVE,
    RETURN
  }
}

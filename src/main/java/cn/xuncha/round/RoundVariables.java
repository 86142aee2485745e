package cn.xuncha.round;

/** Names of the process variables of step 1 that are not plan fields (see {@link RoundPlanForm}). */
final class RoundVariables {

  /** Start form: "sample" loads the sample round into the new plan, "blank" starts empty. */
  static final String PRESET = "preset";
  /** Review forms: "approve" or "return"; the gateways after the reviews route on it. */
  static final String PLAN_DECISION = "planDecision";
  static final String REVIEW_COMMENT = "reviewComment";
  /** Shown on the office's task after a return. */
  static final String RETURN_COMMENT = "returnComment";
  /** The plan as Markdown on the reviewers' form. */
  static final String PLAN_SUMMARY = "planSummary";

  private RoundVariables() {
  }
}

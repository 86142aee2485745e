package cn.xuncha.round;

/** Where a round plan stands in step 1. */
public enum RoundStatus {
  /** submitted by the office, with the leading group */
  SUBMITTED,
  /** proposed by the leading group, with the county committee */
  PROPOSED,
  /** sent back to the office with a comment */
  RETURNED,
  /** approved by the county committee */
  APPROVED
}

package cn.xuncha.review;

import java.util.Arrays;
import java.util.List;

/**
 * The two outcomes of every review: the subject goes on, or goes back to its author with a
 * comment. {@link #value()} is what the review form submits and what the gateways after a review
 * read in {@link ReviewTask#REVIEW_OUTCOME} ({@code ${reviewOutcome == 'return'}}).
 */
public enum ReviewOutcome {

  APPROVE("approve"),
  RETURN("return");

  static final List<String> VALUES = Arrays.stream(values()).map(ReviewOutcome::value).toList();

  private final String value;

  ReviewOutcome(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /** The outcome a form value names; null for null or any other value. */
  static ReviewOutcome of(String value) {
    return Arrays.stream(values()).filter(outcome -> outcome.value.equals(value)).findFirst().orElse(null);
  }
}

package cn.xuncha.review;

import cn.xuncha.round.RoundUnits.UnitRef;
import java.time.Instant;

/**
 * One stored review: its kind, what it decided about, on which task, the outcome, the comment (required
 * for a return), who decided and when.
 */
public record Review(ReviewKind kind, Subject subject, String taskId, ReviewOutcome outcome, String comment,
                     String actor, Instant decidedAt) {

  /**
   * What a review decides about: a round's plan ({@code unitId} and {@code recordId} null), a unit's
   * plan or report ({@code recordId} null), or one record of a unit (a proposal, working paper, clue
   * or rectification item, by its id).
   */
  public record Subject(long roundId, Long unitId, Long recordId) {

    public static Subject round(long roundId) {
      return new Subject(roundId, null, null);
    }

    public static Subject unit(UnitRef unit) {
      return new Subject(unit.roundId(), unit.unitId(), null);
    }

    public static Subject record(UnitRef unit, long recordId) {
      return new Subject(unit.roundId(), unit.unitId(), recordId);
    }
  }
}

package cn.xuncha.review;

import cn.xuncha.review.Review.Subject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored reviews (table {@code xc_review}), written only by {@link ReviewTask}. */
@Repository
public class Reviews {

  /** A null unit or record is stored as null and compared as this id, which no row has. */
  private static final long NONE = -1;

  private final JdbcClient jdbc;
  private final Clock clock;

  Reviews(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a review decided now. */
  Review record(ReviewKind kind, Subject subject, String taskId, ReviewOutcome outcome, String comment, String actor) {
    Review review = new Review(kind, subject, taskId, outcome, comment, actor, clock.instant());
    jdbc.sql("""
            insert into xc_review (round_id, unit_id, record_id, kind, task_id, outcome, comment, actor, decided_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(subject.roundId(), subject.unitId(), subject.recordId(), kind.name(), taskId, outcome.name(), comment, actor,
            Timestamp.from(review.decidedAt()))
        .update();
    return review;
  }

  /** The reviews of one subject by the given kinds, in the order they were decided. */
  public List<Review> history(Subject subject, ReviewKind... kinds) {
    return jdbc.sql("""
            select * from xc_review
            where round_id = :round and coalesce(unit_id, -1) = :unit and coalesce(record_id, -1) = :record
              and kind in (:kinds)
            order by decided_at, id""")
        .param("round", subject.roundId())
        .param("unit", subject.unitId() == null ? NONE : subject.unitId())
        .param("record", subject.recordId() == null ? NONE : subject.recordId())
        .param("kinds", Arrays.stream(kinds).map(ReviewKind::name).toList())
        .query(Reviews::review)
        .list();
  }

  /** The comment of the subject's latest return by the given kinds: what its author is asked to change. */
  public Optional<String> lastReturnComment(Subject subject, ReviewKind... kinds) {
    List<Review> returns = history(subject, kinds).stream().filter(review -> review.outcome() == ReviewOutcome.RETURN).toList();
    return returns.isEmpty() ? Optional.empty() : Optional.ofNullable(returns.get(returns.size() - 1).comment());
  }

  private static Review review(ResultSet rs, int row) throws SQLException {
    Subject subject = new Subject(rs.getLong("round_id"), rs.getObject("unit_id", Long.class), rs.getObject("record_id", Long.class));
    return new Review(ReviewKind.valueOf(rs.getString("kind")), subject, rs.getString("task_id"),
        ReviewOutcome.valueOf(rs.getString("outcome")), rs.getString("comment"), rs.getString("actor"),
        rs.getTimestamp("decided_at").toInstant());
  }
}

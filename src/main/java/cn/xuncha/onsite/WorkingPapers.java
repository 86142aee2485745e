package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * 问题底稿 (方案 四(五)): every problem the team finds, with its facts and evidence, confirmed or
 * rejected by the team leader. Only confirmed papers may later go into the report.
 */
@Repository
public class WorkingPapers {

  /** 六项纪律 and the other kinds of problem of 办法 第十二条. */
  public static final Map<String, String> CATEGORIES = Map.of(
      "political", "政治纪律", "integrity", "廉洁纪律", "organisational", "组织纪律",
      "mass", "群众纪律", "work", "工作纪律", "life", "生活纪律", "other", "其他问题");
  /** The ways of 办法 第十五条 a problem can come to light. */
  static final Map<String, String> SOURCES = Map.of(
      "talk", "个别谈话", "petition", "信访举报", "documents", "调阅资料", "visit", "走访调研",
      "evaluation", "民主测评", "inspection", "专项检查", "other", "其他方式");

  private final JdbcClient jdbc;
  private final Clock clock;

  WorkingPapers(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a paper of the unit; returns its id. */
  long record(UnitRef unit, Paper paper, String actor) {
    var id = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("""
            insert into xc_working_paper (unit_id, place, category, fact, evidence, source, status, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, 'RECORDED', ?, ?)""")
        .params(unit.unitId(), paper.place(), paper.category(), paper.fact(), paper.evidence(), paper.source(), actor,
            Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
  }

  /**
   * Gives a new confirmation task the oldest paper no task has taken yet. Each recorded paper starts
   * exactly one confirmation task, so the two always pair up.
   */
  Paper assignToReview(UnitRef unit, String taskId) {
    jdbc.sql("""
            update xc_working_paper set review_task_id = ? where id = (
              select min(id) from xc_working_paper where unit_id = ? and review_task_id is null)""")
        .params(taskId, unit.unitId()).update();
    return byReviewTask(taskId);
  }

  Paper byReviewTask(String taskId) {
    return jdbc.sql("select * from xc_working_paper where review_task_id = ?").param(taskId)
        .query((rs, row) -> new Paper(rs.getLong("id"), rs.getString("place"), rs.getString("category"),
            rs.getString("fact"), rs.getString("evidence"), rs.getString("source"), rs.getString("status"),
            rs.getString("recorded_by")))
        .single();
  }

  /** Marks the paper of a confirmation task confirmed or rejected; the review itself is stored by {@link WorkingPaperReviewTask}. */
  void review(String taskId, boolean confirm) {
    jdbc.sql("update xc_working_paper set status = ? where review_task_id = ?")
        .params(confirm ? "CONFIRMED" : "REJECTED", taskId).update();
  }

  public List<Paper> confirmed(UnitRef unit) {
    return jdbc.sql("select * from xc_working_paper where unit_id = ? and status = 'CONFIRMED' order by id")
        .param(unit.unitId())
        .query((rs, row) -> new Paper(rs.getLong("id"), rs.getString("place"), rs.getString("category"),
            rs.getString("fact"), rs.getString("evidence"), rs.getString("source"), rs.getString("status"),
            rs.getString("recorded_by")))
        .list();
  }

  public record Paper(Long id, String place, String category, String fact, String evidence, String source,
                      String status, String recordedBy) {
  }
}

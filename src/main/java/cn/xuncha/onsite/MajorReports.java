package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Major problems the team reports to the leading group during the stay (办法 第十七条), and the answers. */
@Repository
class MajorReports {

  private final JdbcClient jdbc;
  private final Clock clock;

  MajorReports(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void report(UnitRef unit, String subject, String content, String actor) {
    jdbc.sql("insert into xc_major_report (unit_id, subject, content, reported_by, reported_at) values (?, ?, ?, ?, ?)")
        .params(unit.unitId(), subject, content, actor, Timestamp.from(clock.instant())).update();
  }

  /** Gives a new answer task the oldest report no task has taken yet (one answer task per report). */
  Report assignToAnswer(UnitRef unit, String taskId) {
    jdbc.sql("""
            update xc_major_report set answer_task_id = ? where id = (
              select min(id) from xc_major_report where unit_id = ? and answer_task_id is null)""")
        .params(taskId, unit.unitId()).update();
    return jdbc.sql("select subject, content, reported_by from xc_major_report where answer_task_id = ?").param(taskId)
        .query((rs, row) -> new Report(rs.getString("subject"), rs.getString("content"), rs.getString("reported_by")))
        .single();
  }

  void answer(String taskId, String answer, String actor) {
    jdbc.sql("update xc_major_report set answer = ?, answered_by = ?, answered_at = ? where answer_task_id = ?")
        .params(answer, actor, Timestamp.from(clock.instant()), taskId).update();
  }

  record Report(String subject, String content, String reportedBy) {
  }
}

package cn.xuncha.report;

import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seeds what steps 6 and 7 leave for the later steps, without running them: working papers the
 * team leader confirmed (step 6: status and the confirmation in {@code xc_review}) and a report
 * listing them as its problems (step 7, stored through {@link ReportService}).
 */
public final class ReportSeed {

  private final ReportService reports;
  private final JdbcClient jdbc;

  public ReportSeed(ReportService reports, JdbcClient jdbc) {
    this.reports = reports;
    this.jdbc = jdbc;
  }

  /** A working paper of the unit as the leader's confirmation leaves it; returns its id. */
  public long confirmedPaper(UnitRef unit, String fact) {
    String leader = unit.team().groupId() + "-leader";
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("""
            insert into xc_working_paper (unit_id, place, category, fact, evidence, source, status, recorded_by, recorded_at)
            values (?, ?, 'work', ?, '党委会议记录', 'documents', 'CONFIRMED', ?, ?)""")
        .params(unit.unitId(), unit.unit().name(), fact, leader, now)
        .update();
    long paper = jdbc.sql("select max(id) from xc_working_paper where unit_id = ?").param(unit.unitId()).query(Long.class).single();
    jdbc.sql("""
            insert into xc_review (round_id, unit_id, record_id, kind, outcome, actor, decided_at)
            values (?, ?, ?, 'WORKING_PAPER', 'APPROVE', ?, ?)""")
        .params(unit.roundId(), unit.unitId(), paper, leader, now)
        .update();
    return paper;
  }

  /** An approved report of the unit whose problem list holds one confirmed paper per fact; returns the papers' ids. */
  public List<Long> reportWithProblems(UnitRef unit, String... facts) {
    List<Long> papers = new ArrayList<>();
    for (String fact : facts) {
      papers.add(confirmedPaper(unit, fact));
    }
    reports.save(unit, new Report("巡察情况总体报告", "个别谈话 86 人次", "无", "建议督促落实三重一大制度"), papers, List.of(), unit.team().groupId() + "-leader");
    return papers;
  }
}

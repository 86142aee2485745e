package cn.xuncha.report;

import cn.xuncha.onsite.WorkingPapers;
import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Step 7 (巡察报告): the team's 三报告四清单, every problem in it resting on a confirmed working
 * paper; the office's consultation (组办会商) and the leading group's review (审定).
 */
@Service
public class ReportService {

  private final WorkingPapers papers;
  private final UnitRecords records;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Reviews reviews;

  ReportService(WorkingPapers papers, UnitRecords records, JdbcClient jdbc, Clock clock, Reviews reviews) {
    this.reviews = reviews;
    this.papers = papers;
    this.records = records;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores the report and its problems; the problems replace those of an earlier submission. */
  void save(UnitRef unit, Report report, List<Long> problems, List<Long> common, String actor) {
    records.save(unit.unitId(), report, actor, clock.instant());
    jdbc.sql("delete from xc_report_problem where unit_id = ?").param(unit.unitId()).update();
    for (Long paper : problems) {
      jdbc.sql("insert into xc_report_problem (unit_id, paper_id, common) values (?, ?, ?)")
          .params(unit.unitId(), paper, common.contains(paper)).update();
    }
  }

  /** The problems of the report (发现问题清单), in the order they were found. */
  public List<Paper> problems(UnitRef unit) {
    List<Long> ids = jdbc.sql("select paper_id from xc_report_problem where unit_id = ? order by paper_id")
        .param(unit.unitId()).query(Long.class).list();
    return papers.confirmed(unit).stream().filter(paper -> ids.contains(paper.id())).toList();
  }

  public List<Long> commonProblems(UnitRef unit) {
    return jdbc.sql("select paper_id from xc_report_problem where unit_id = ? and common order by paper_id")
        .param(unit.unitId()).query(Long.class).list();
  }

  public Optional<Report> report(UnitRef unit) {
    return records.find(unit.unitId(), Report.class);
  }

  /** The comment of the latest return by the office or the leading group, shown on the team's draft. */
  Optional<String> lastReturnComment(UnitRef unit) {
    return reviews.lastReturnComment(Subject.unit(unit), ReviewKind.REPORT_CONSULTATION, ReviewKind.REPORT_APPROVAL);
  }
}

package cn.xuncha.report;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.ChinaTime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * 组办会商 (the office with the team) and 审定 (the leading group): both read the whole report and
 * pass it on or return it with comments. The leading group's hearing starts the 10 days to the
 * secretary's meeting ({@code reportHeardOn}).
 */
@Component("reportReview")
class ReportReviewTask extends ReviewTask {

  private final ReportService reports;
  private final RoundUnits rounds;
  private final Clock clock;

  ReportReviewTask(ReportService reports, RoundUnits rounds, Clock clock, Reviews reviews) {
    super(reviews);
    this.reports = reports;
    this.rounds = rounds;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> present(DelegateTask task) {
    return Map.of("report", markdown(rounds.unitOf(task)));
  }

  @Override
  protected Subject subject(DelegateTask task) {
    return Subject.unit(rounds.unitOf(task));
  }

  @Override
  protected void apply(DelegateTask task, Review review) {
    if (review.outcome() == ReviewOutcome.APPROVE && review.kind() == ReviewKind.REPORT_APPROVAL) {
      task.getExecution().setVariable(RoundVariables.REPORT_HEARD_ON, ChinaTime.today(clock).toString());
    }
  }

  /**
   * 三报告四清单 as the reviewers read it; the village lists are the problems grouped by place, for a
   * unit that inspects villages (a department or a village unit has none).
   */
  private String markdown(UnitRef unit) {
    Report report = reports.report(unit).orElseThrow();
    List<Paper> problems = reports.problems(unit);
    List<Long> common = reports.commonProblems(unit);
    StringBuilder md = new StringBuilder("**").append(escape(unit.team().name())).append(" · ")
        .append(escape(unit.unit().name())).append("**\n\n");
    md.append("### 巡察情况报告\n\n").append(escape(report.situationReport())).append("\n\n");
    md.append("**发现问题清单**\n\n");
    problems.forEach(paper -> md.append("- ").append(escape(paper.place())).append("：").append(escape(paper.fact())).append("\n"));
    md.append("\n### 谈话情况报告\n\n").append(escape(report.talkReport())).append("\n\n");
    md.append("### 问题线索报告\n\n").append(escape(report.clueReport())).append("\n\n");
    if (unit.unit().coverage() != Coverage.NONE) {
      md.append("### 各村（社区）问题清单\n\n");
      problems.stream().collect(Collectors.groupingBy(Paper::place, LinkedHashMap::new, Collectors.toList()))
          .forEach((place, list) -> md.append("- ").append(escape(place)).append("：").append(list.size()).append(" 个问题\n"));
    }
    md.append("\n### 共性问题清单\n\n");
    problems.stream().filter(paper -> common.contains(paper.id()))
        .forEach(paper -> md.append("- ").append(escape(paper.fact())).append("\n"));
    md.append("\n### 书记专题会点人点事点问题建议清单\n\n").append(escape(report.secretarySuggestions())).append("\n");
    return md.toString();
  }
}

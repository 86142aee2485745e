package cn.xuncha.rectification;

import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.report.ReportService;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The unit files its rectification plan and ledger within 10 working days of receiving the
 * feedback: one item for every problem of the report, each with a measure, a deadline and the
 * person responsible.
 */
@Component("rectificationPlan")
class RectificationPlanTask extends FormTask {

  private final RectificationService rectification;
  private final ReportService reports;
  private final UnitRecords records;
  private final RoundUnits rounds;
  private final Clock clock;
  private final Reviews reviews;

  RectificationPlanTask(RectificationService rectification, ReportService reports, UnitRecords records, RoundUnits rounds, Clock clock,
                        Reviews reviews) {
    this.reviews = reviews;
    this.rectification = rectification;
    this.reports = reports;
    this.records = records;
    this.rounds = rounds;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<Long, RectificationService.Item> filed = new LinkedHashMap<>();
    rectification.ledger(unit).forEach(item -> filed.put(item.paperId(), item));
    List<Map<String, Object>> items = new ArrayList<>();
    for (Paper problem : reports.problems(unit)) {
      RectificationService.Item item = filed.get(problem.id());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("paperId", String.valueOf(problem.id()));
      row.put("problem", problem.place() + "：" + problem.fact());
      row.put("measure", item == null ? null : item.measure());
      row.put("deadline", item == null ? null : item.deadline().toString());
      row.put("responsible", item == null ? null : item.responsible());
      items.add(row);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.putAll(FormValues.of(RectificationPlan.class, records.find(unit.unitId(), RectificationPlan.class).orElse(null)));
    values.put(RectificationPlan.ITEMS, FormValues.json(items));
    values.put("returnComment", reviews.lastReturnComment(Subject.unit(unit), ReviewKind.RECTIFICATION_PLAN).orElse(null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    RectificationPlan plan = form.read(RectificationPlan.class);
    List<Long> problems = reports.problems(unit).stream().map(Paper::id).toList();
    LocalDate today = ChinaTime.today(clock);
    List<RectificationService.Item> items = new ArrayList<>();
    Set<Long> covered = new HashSet<>();
    int row = 0;
    for (JsonNode node : form.list(RectificationPlan.ITEMS, "整改台账")) {
      row++;
      String label = "整改台账第 " + row + " 项";
      String paper = FormValues.text(node.path("paperId"));
      Long paperId = paper != null && paper.matches("\\d{1,18}") ? Long.valueOf(paper) : null;
      if (paperId == null || !problems.contains(paperId)) {
        form.problem(label + "：不是巡察报告发现问题清单中的问题");
        continue;
      }
      if (!covered.add(paperId)) {
        form.problem(label + "：同一问题列了两次");
      }
      String measure = FormValues.text(node.path("measure"));
      String responsible = FormValues.text(node.path("responsible"));
      List<String> dateProblems = new ArrayList<>();
      LocalDate deadline = FormValues.date(node.path("deadline"), label + "：完成时限", dateProblems);
      dateProblems.forEach(form::problem);
      form.requireThat(measure != null && measure.length() <= 2000, label + "：整改措施不能为空（最多 2000 字）");
      form.requireThat(responsible != null && responsible.length() <= 100, label + "：责任人不能为空");
      if (deadline == null && dateProblems.isEmpty()) {
        form.problem(label + "：请填写完成时限");
      } else if (deadline != null && deadline.isBefore(today)) {
        form.problem(label + "：完成时限不能早于今天");
      }
      items.add(new RectificationService.Item(null, paperId, null, measure, deadline, responsible, "OPEN", null, 0));
    }
    List<Long> missing = problems.stream().filter(id -> !covered.contains(id)).toList();
    form.requireThat(missing.isEmpty(), "整改台账：每个发现问题都须有整改项，还缺 " + missing.size() + " 项");
    form.check();
    records.save(unit.unitId(), plan, Actors.of(task), clock.instant());
    rectification.replaceLedger(unit, items);
  }
}

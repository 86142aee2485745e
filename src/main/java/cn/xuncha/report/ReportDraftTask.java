package cn.xuncha.report;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.clue.ClueService;
import cn.xuncha.clue.ClueService.Clue;
import cn.xuncha.onsite.WorkingPapers;
import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.registers.TalkRegister;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.Departments;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The team writes 三报告四清单 (方案 二(三)) within 10 working days of the end of the inspection:
 * the three reports as text, the problem list chosen from the leader's confirmed working papers (a
 * problem without one cannot go in), the common problems among them, the suggestions for the
 * secretary's meeting, and the problem clues to transfer. The village lists follow from the places
 * of the problems. The 谈话情况报告 is written beside the numbers and issues assembled from the
 * team's talk register ({@link TalkRegister#summary}), shown read-only.
 */
@Component("reportDraft")
class ReportDraftTask extends FormTask {

  /** The form's read-only text of the talk register's numbers and issues, shown above the 谈话情况报告 it supports. */
  static final String TALK_REGISTER = "talkRegister";

  private final Deadlines deadlines;
  private final ReportService reports;
  private final WorkingPapers papers;
  private final ClueService clues;
  private final Departments departments;
  private final RoundUnits rounds;
  private final TalkRegister talks;

  ReportDraftTask(ReportService reports, WorkingPapers papers, ClueService clues, Departments departments, RoundUnits rounds,
                  Deadlines deadlines, TalkRegister talks) {
    this.talks = talks;
    this.deadlines = deadlines;
    this.reports = reports;
    this.papers = papers;
    this.clues = clues;
    this.departments = departments;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.put("returnComment", reports.lastReturnComment(unit).orElse(null));
    values.put(TALK_REGISTER, talks.summary(unit));
    values.put("paperOptions", FormValues.json(papers.confirmed(unit).stream()
        .map(paper -> Map.of("value", String.valueOf(paper.id()), "label", label(paper))).toList()));
    values.put("kindOptions", FormValues.json(ClueService.KINDS.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(kind -> Map.of("value", kind.getKey(), "label", kind.getValue())).toList()));
    values.put("departmentOptions", FormValues.json(departments.options()));
    values.putAll(FormValues.of(Report.class, reports.report(unit).orElse(null)));
    values.put(Report.PROBLEMS, FormValues.json(reports.problems(unit).stream().map(paper -> String.valueOf(paper.id())).toList()));
    values.put(Report.COMMON_PROBLEMS, FormValues.json(reports.commonProblems(unit).stream().map(String::valueOf).toList()));
    values.put(Report.CLUES, FormValues.json(List.of()));
    values.putAll(deadlines.withinValues("D2"));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    Report report = form.read(Report.class);
    List<Long> confirmed = papers.confirmed(unit).stream().map(Paper::id).toList();
    List<Long> problems = paperIds(form, Report.PROBLEMS, "发现问题清单", confirmed);
    List<Long> common = paperIds(form, Report.COMMON_PROBLEMS, "共性问题清单", problems);
    form.requireThat(!problems.isEmpty(), "发现问题清单：至少列入一个经组长确认的问题底稿");
    List<Clue> clueList = clues(form);
    form.check();
    reports.save(unit, report, problems, common, Actors.of(task));
    clues.replaceDrafts(unit, clueList);
  }

  /** Paper ids chosen in a checklist, each of which must be among {@code allowed}. */
  private static List<Long> paperIds(FormSubmission form, String key, String label, List<Long> allowed) {
    List<Long> ids = new ArrayList<>();
    for (String value : form.selection(key, label)) {
      Long id = value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
      if (id == null || !allowed.contains(id)) {
        form.problem(label + "：问题 " + value + " 没有经组长确认的问题底稿" + (Report.COMMON_PROBLEMS.equals(key) ? "，或未列入发现问题清单" : ""));
      } else {
        ids.add(id);
      }
    }
    return ids;
  }

  private List<Clue> clues(FormSubmission form) {
    List<Clue> list = new ArrayList<>();
    JsonNode rows = form.list(Report.CLUES, "问题线索");
    int row = 0;
    for (JsonNode clue : rows) {
      row++;
      String label = "问题线索第 " + row + " 条";
      String summary = FormValues.text(clue.path("summary"));
      String kind = FormValues.text(clue.path("kind"));
      String department = FormValues.text(clue.path("department"));
      form.requireThat(summary != null && summary.length() <= 2000, label + "：线索内容不能为空（最多 2000 字）");
      form.requireThat(kind != null && ClueService.KINDS.containsKey(kind), label + "：请选择问题类别");
      if ("other".equals(kind)) {
        form.requireThat(department != null && departments.exists(department), label + "：其他问题须选择移交的部门");
      }
      list.add(Clue.draft(kind, "other".equals(kind) ? department : null, summary));
    }
    return list;
  }

  private static String label(Paper paper) {
    String fact = paper.fact().length() > 40 ? paper.fact().substring(0, 40) + "…" : paper.fact();
    return "#" + paper.id() + " " + paper.place() + "：" + fact;
  }
}

package cn.xuncha.onsite;

import cn.xuncha.registers.RegisterCitations;
import cn.xuncha.registers.RegisterEntryRecorded;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A team member records one problem as a working paper, citing the register entries of the unit it
 * rests on (petitions, talks, file requests, assessments; an entry of another unit is refused). The
 * task stands open for the whole stay: each completion records one paper, sends it to the leader
 * and opens the task again.
 */
@Component("workingPaperRecord")
class WorkingPaperTask extends FormTask {

  /** The register entries the paper rests on (issue 17 item 6): values of {@link RegisterCitations#citable}. */
  static final String CITATIONS = "citations";
  private static final String CITATION_OPTIONS = "citationOptions";
  private static final String TASK = "Task_RecordWorkingPaper";

  private final WorkingPapers papers;
  private final OnSiteService onSite;
  private final RoundUnits rounds;
  private final RegisterCitations citations;
  private final TaskService taskService;

  WorkingPaperTask(WorkingPapers papers, OnSiteService onSite, RoundUnits rounds, RegisterCitations citations, @Lazy TaskService taskService) {
    this.taskService = taskService;
    this.papers = papers;
    this.onSite = onSite;
    this.rounds = rounds;
    this.citations = citations;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("placeOptions", FormValues.options(places(unit)));
    values.put("categoryOptions", FormValues.json(options(WorkingPapers.CATEGORIES)));
    values.put("sourceOptions", FormValues.json(options(WorkingPapers.SOURCES)));
    values.put(CITATION_OPTIONS, citationOptions(unit));
    for (String field : List.of("place", "category", "fact", "evidence", "source")) {
      values.put(field, null);
    }
    values.put(CITATIONS, FormValues.json(List.of()));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    List<String> places = places(unit);
    String place = form.text("place", "问题所在单位", true, 200);
    if (place != null && !places.contains(place)) {
      form.problem("问题所在单位：" + place + " 不在本组巡察范围内（" + String.join("、", places) + "）");
    }
    String category = form.choice("category", "问题类别", WorkingPapers.CATEGORIES.keySet());
    String fact = form.requiredText("fact", "问题事实", 4000);
    String evidence = form.requiredText("evidence", "证据材料", 4000);
    String source = form.choice("source", "问题来源", WorkingPapers.SOURCES.keySet());
    List<String> cited = citations.read(form, CITATIONS, "依据的现场登记", unit);
    form.check();
    long paper = papers.record(unit, new WorkingPapers.Paper(null, place, category, fact, evidence, source, null, null), Actors.of(task));
    citations.cite(paper, cited);
  }

  /** Offers a new register entry in the unit's open working-paper tasks at once. */
  @EventListener
  void offer(RegisterEntryRecorded recorded) {
    UnitRef unit = recorded.unit();
    TypedValue options = citationOptions(unit);
    taskService.createTaskQuery().taskDefinitionKey(TASK).processVariableValueEquals(RoundVariables.ROUND_KEY, unit.roundKey())
        .processVariableValueEquals(RoundVariables.UNIT_GROUP, unit.unit().groupId()).list()
        .forEach(task -> taskService.setVariableLocal(task.getId(), CITATION_OPTIONS, options));
  }

  private TypedValue citationOptions(UnitRef unit) {
    return FormValues.json(citations.citable(unit).entrySet().stream()
        .map(entry -> Map.of("value", entry.getKey(), "label", entry.getValue())).toList());
  }

  /** The township itself and the villages inspected so far. */
  private List<String> places(UnitRef unit) {
    List<String> places = new ArrayList<>();
    places.add(unit.unit().name());
    places.addAll(onSite.inspectedVillages(unit));
    return places;
  }

  static List<Map<String, String>> options(Map<String, String> labels) {
    return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(entry -> Map.of("value", entry.getKey(), "label", entry.getValue())).toList();
  }
}

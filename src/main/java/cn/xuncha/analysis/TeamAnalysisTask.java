package cn.xuncha.analysis;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The team's own analysis before entry (方案 四(二)2–4): the leader's individual talks and the key
 * persons, matters and problems (重点人、重点事、重点问题) the inspection will look into.
 */
@Component("teamAnalysis")
class TeamAnalysisTask extends FormTask {

  private static final Map<String, String> FIELDS = fields();

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  TeamAnalysisTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    FIELDS.keySet().forEach(field -> values.put(field, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    Map<String, Object> content = new LinkedHashMap<>();
    FIELDS.forEach((field, label) -> content.put(field, form.requiredText(field, label, 8000)));
    form.check();
    records.save(rounds.unitOf(task).unitId(), UnitRecords.Kind.TEAM_ANALYSIS, content, Actors.of(task), clock.instant());
  }

  private static Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (List<String> field : List.of(
        List.of("talks", "个别谈话情况"),
        List.of("keyPersons", "重点人"),
        List.of("keyMatters", "重点事"),
        List.of("keyProblems", "重点问题"))) {
      fields.put(field.get(0), field.get(1));
    }
    return fields;
  }
}

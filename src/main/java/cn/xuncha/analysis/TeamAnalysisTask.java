package cn.xuncha.analysis;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The team's own analysis before entry (方案 四(二)2–4): the leader's individual talks and the key
 * persons, matters and problems (重点人、重点事、重点问题) the inspection will look into.
 */
@Component("teamAnalysis")
class TeamAnalysisTask extends FormTask {

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
    values.putAll(FormValues.of(TeamAnalysis.class, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    TeamAnalysis analysis = form.read(TeamAnalysis.class);
    form.check();
    records.save(rounds.unitOf(task).unitId(), analysis, Actors.of(task), clock.instant());
  }
}

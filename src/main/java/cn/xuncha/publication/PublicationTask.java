package cn.xuncha.publication;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Step 10 (结果公开): the office reports the results and the rectification to the county committee
 * and records where, when and what was published (办法 第十八条(十)).
 */
@Component("publication")
class PublicationTask extends FormTask {

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  PublicationTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", rounds.unitOf(task).unit().name());
    values.putAll(FormValues.of(Publication.class, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    Publication publication = form.read(Publication.class);
    LocalDate reported = publication.reportedOn();
    LocalDate published = publication.publishedOn();
    LocalDate today = ChinaTime.today(clock);
    if (reported != null && published != null) {
      form.requireThat(!reported.isAfter(today) && !published.isAfter(today), "报县委日期、公开日期：不能晚于今天");
      form.requireThat(!published.isBefore(reported), "公开日期：须在报县委之后");
    }
    form.check();
    records.save(unit.unitId(), publication, Actors.of(task), clock.instant());
  }
}

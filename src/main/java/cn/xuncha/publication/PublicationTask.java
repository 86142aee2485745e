package cn.xuncha.publication;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Step 10 (结果公开): the office reports the results and the rectification to the county committee
 * and records where, when and what was published (办法 第十八条(十)).
 */
@Component("publication")
class PublicationTask extends FormTask {

  private static final List<String> FIELDS = List.of("reportedOn", "publishedOn", "channel", "content");

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
    FIELDS.forEach(field -> values.put(field, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    LocalDate reported = form.date("reportedOn", "报县委日期");
    LocalDate published = form.date("publishedOn", "公开日期");
    String channel = form.requiredText("channel", "公开方式和范围", 200);
    String content = form.requiredText("content", "公开内容", 20000);
    LocalDate today = ChinaTime.today(clock);
    if (reported != null && published != null) {
      form.requireThat(!reported.isAfter(today) && !published.isAfter(today), "报县委日期、公开日期：不能晚于今天");
      form.requireThat(!published.isBefore(reported), "公开日期：须在报县委之后");
    }
    form.check();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("reportedOn", reported.toString());
    record.put("publishedOn", published.toString());
    record.put("channel", channel);
    record.put("content", content);
    records.save(unit.unitId(), UnitRecords.Kind.PUBLICATION, record, Actors.of(task), clock.instant());
  }
}

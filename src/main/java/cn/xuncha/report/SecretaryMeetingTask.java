package cn.xuncha.report;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
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

/** The county secretary's special meeting hears the report (方案 四(五)) and records its decisions. */
@Component("secretaryMeeting")
class SecretaryMeetingTask extends FormTask {

  private final Deadlines deadlines;
  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  SecretaryMeetingTask(RoundUnits rounds, UnitRecords records, Clock clock, Deadlines deadlines) {
    this.deadlines = deadlines;
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", rounds.unitOf(task).unit().name());
    values.put("heardOn", task.getVariable(RoundVariables.REPORT_HEARD_ON));
    values.putAll(FormValues.of(SecretaryMeeting.class, null));
    values.putAll(deadlines.withinValues("D3"));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    LocalDate heard = LocalDate.parse((String) task.getVariable(RoundVariables.REPORT_HEARD_ON));
    SecretaryMeeting meeting = form.read(SecretaryMeeting.class);
    form.requireBetween(meeting.meetingOn(), "会议日期", heard, ChinaTime.today(clock), "领导小组审定（" + heard + "）之后、今天之前");
    form.check();
    records.save(rounds.unitOf(task).unitId(), meeting, Actors.of(task), clock.instant());
  }
}

package cn.xuncha.onsite;

import cn.xuncha.round.RoundPlan;
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
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The team records the entry meeting (进驻动员会, 办法 第十八条(六)) once it has been held. */
@Component("entryMeeting")
class EntryMeetingTask extends FormTask {

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  EntryMeetingTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> announcement = records.find(unit.unitId(), UnitRecords.Kind.ANNOUNCEMENT).orElseGet(Map::of);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.put("meetingOn", announcement.get("entryMeetingOn"));
    values.put("meetingPlace", announcement.get("entryMeetingPlace"));
    values.put("attendees", null);
    values.put("meetingSummary", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    RoundPlan plan = unit.plan();
    LocalDate held = form.date("meetingOn", "会议日期");
    String place = form.requiredText("meetingPlace", "会议地点", 200);
    String attendees = form.requiredText("attendees", "参会人员", 2000);
    String summary = form.requiredText("meetingSummary", "会议情况", 8000);
    if (held != null) {
      form.requireThat(!held.isBefore(plan.entryDate()) && !held.isAfter(plan.withdrawalDate()),
          "会议日期：须在进驻期间（" + plan.entryDate() + " 至 " + plan.withdrawalDate() + "）");
      form.requireThat(!held.isAfter(ChinaTime.today(clock)), "会议日期：会议召开后才能登记，不能晚于今天");
    }
    form.check();
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("meetingOn", held.toString());
    content.put("meetingPlace", place);
    content.put("attendees", attendees);
    content.put("meetingSummary", summary);
    records.save(unit.unitId(), UnitRecords.Kind.ENTRY_MEETING, content, Actors.of(task), clock.instant());
  }
}

package cn.xuncha.onsite;

import cn.xuncha.announcement.Announcement;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.Round;
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
    // The meeting as the announcement planned it, for the team to confirm or correct.
    EntryMeeting planned = records.find(unit.unitId(), Announcement.class)
        .map(announcement -> new EntryMeeting(announcement.entryMeetingOn(), announcement.entryMeetingPlace(), null, null))
        .orElse(null);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.putAll(FormValues.of(EntryMeeting.class, planned));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    Round round = unit.round();
    EntryMeeting meeting = form.read(EntryMeeting.class);
    LocalDate held = meeting.meetingOn();
    if (held != null) {
      form.requireThat(!held.isBefore(round.entryDate()) && !held.isAfter(round.withdrawalDate()),
          "会议日期：须在进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate() + "）");
      form.requireThat(!held.isAfter(ChinaTime.today(clock)), "会议日期：会议召开后才能登记，不能晚于今天");
    }
    form.check();
    records.save(unit.unitId(), meeting, Actors.of(task), clock.instant());
  }
}

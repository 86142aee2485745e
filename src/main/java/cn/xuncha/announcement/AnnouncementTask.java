package cn.xuncha.announcement;

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
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Step 5 (巡察预告): the office publishes the announcement (巡察公告), sends the written notice
 * (巡察通知) to the unit before entry, and records the entry arrangements and the petition channels
 * (办法 第十八条(五), 方案 四(三)). Refuses dates out of order, a petition closing date outside the
 * stay and a channel whose contact does not fit its kind ({@link PetitionChannel#problems}).
 */
@Component("announcement")
class AnnouncementTask extends FormTask {

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  AnnouncementTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("unitName", unit.unit().name());
    values.put("teamName", unit.team().name());
    values.put("entryDate", unit.round().entryDate().toString());
    values.putAll(FormValues.of(Announcement.class, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    Round round = unit.round();
    Announcement announcement = form.read(Announcement.class);
    LocalDate announced = announcement.announcedOn();
    LocalDate noticeSent = announcement.noticeSentOn();
    LocalDate meeting = announcement.entryMeetingOn();
    LocalDate petitionsClose = announcement.petitionsCloseOn();
    if (announced != null) {
      form.requireThat(!announced.isAfter(round.entryDate()), "公告发布日期：须在进驻日期（" + round.entryDate() + "）之前或当天");
    }
    if (noticeSent != null) {
      form.requireThat(noticeSent.isBefore(round.entryDate()), "书面通知印发日期：须提前通知，早于进驻日期（" + round.entryDate() + "）");
      // The unit's acknowledgement task opens as soon as this one is completed and is dated between
      // the notice and its own today: a notice dated later could never be signed.
      LocalDate today = ChinaTime.today(clock);
      form.requireThat(!noticeSent.isAfter(today),
          "书面通知印发日期：不能晚于今天（" + today + "）；被巡察单位随即签收，请在通知印发后再提交本任务");
    }
    if (meeting != null) {
      form.requireThat(!meeting.isBefore(round.entryDate()) && !meeting.isAfter(round.withdrawalDate()),
          "进驻动员会日期：须在进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate() + "）");
    }
    if (petitionsClose != null) {
      form.requireThat(!petitionsClose.isBefore(round.entryDate()) && !petitionsClose.isAfter(round.withdrawalDate()),
          "信访受理截止日期：须在进驻期间（" + round.entryDate() + " 至 " + round.withdrawalDate() + "）");
    }
    List<PetitionChannel> channels = announcement.channels() == null ? List.of() : announcement.channels();
    for (int i = 0; i < channels.size(); i++) {
      channels.get(i).problems(Announcement.CHANNELS + "第 " + (i + 1) + " 项·").forEach(form::problem);
    }
    form.check();
    records.save(unit.unitId(), announcement, Actors.of(task), clock.instant());
  }
}

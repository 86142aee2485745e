package cn.xuncha.announcement;

import static cn.xuncha.system.Markdown.escape;

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

/** The inspected unit acknowledges the written notice and names its liaison group (巡察工作联络组). */
@Component("noticeAck")
class NoticeAcknowledgementTask extends FormTask {

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final Clock clock;

  NoticeAcknowledgementTask(RoundUnits rounds, UnitRecords records, Clock clock) {
    this.rounds = rounds;
    this.records = records;
    this.clock = clock;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    UnitRef unit = rounds.unitOf(task);
    Announcement announcement = records.find(unit.unitId(), Announcement.class).orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("notice", "**" + escape(unit.unit().name()) + "：**\n\n根据县委统一部署，" + escape(rounds.teamBody(unit))
        + "将于 " + unit.round().entryDate() + " 进驻开展巡察，至 " + unit.round().withdrawalDate() + " 撤回。进驻动员会于 "
        + announcement.entryMeetingOn() + " 在" + escape(announcement.entryMeetingPlace())
        + "召开。请成立巡察工作联络组，做好汇报材料和会议准备。\n\n书面通知印发日期：" + announcement.noticeSentOn()
        + "。签收日期填写实际收到通知的日期，须在印发日期与今天之间。");
    values.putAll(FormValues.of(NoticeAcknowledgement.class, null));
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    UnitRef unit = rounds.unitOf(task);
    LocalDate sent = records.find(unit.unitId(), Announcement.class).orElseThrow().noticeSentOn();
    LocalDate today = ChinaTime.today(clock);
    NoticeAcknowledgement ack = form.read(NoticeAcknowledgement.class);
    form.requireBetween(ack.receivedOn(), "签收日期", sent, today, "通知印发日期（" + sent + "）与今天（" + today + "）之间");
    form.check();
    records.save(unit.unitId(), ack, Actors.of(task), clock.instant());
  }
}

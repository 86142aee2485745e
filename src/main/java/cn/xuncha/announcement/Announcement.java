package cn.xuncha.announcement;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * 巡察预告 of one unit (办法 第十八条(五)): the announcement, the written notice, the entry
 * arrangements, the petition channels (zero or more, of the kinds in {@link PetitionChannel#KINDS})
 * and when petitions stop being received (a day, optionally a time of day, Beijing time) — often
 * days before withdrawal — as the form announcement records them.
 */
@UnitRecords.Stored(value = Kind.ANNOUNCEMENT, version = 2)
public record Announcement(
    @FormField("公告发布日期") LocalDate announcedOn,
    @FormField(value = "发布媒体", maxLength = 200) String announcementMedia,
    @FormField("书面通知印发日期") LocalDate noticeSentOn,
    @FormField(value = "驻地地址", maxLength = 200) String residence,
    @FormField("进驻动员会日期") LocalDate entryMeetingOn,
    @FormField(value = "进驻动员会地点", maxLength = 200) String entryMeetingPlace,
    @FormField(value = "信访渠道", required = false) List<PetitionChannel> channels,
    @FormField("信访受理截止日期") LocalDate petitionsCloseOn,
    @FormField(value = "信访受理截止时间", required = false) LocalTime petitionsCloseAt) {

  /** The channels' list label: rows are named “信访渠道第 2 项·…” in messages. */
  static final String CHANNELS = "信访渠道";
}

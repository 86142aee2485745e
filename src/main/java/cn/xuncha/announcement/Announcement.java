package cn.xuncha.announcement;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/**
 * 巡察预告 of one unit (办法 第十八条(五)): the announcement, the written notice, the entry
 * arrangements and the petition channels, as the form announcement records them.
 */
@UnitRecords.Stored(value = Kind.ANNOUNCEMENT, version = 1)
public record Announcement(
    @FormField("公告发布日期") LocalDate announcedOn,
    @FormField(value = "发布媒体", maxLength = 200) String announcementMedia,
    @FormField("书面通知印发日期") LocalDate noticeSentOn,
    @FormField(value = "驻地地址", maxLength = 200) String residence,
    @FormField("进驻动员会日期") LocalDate entryMeetingOn,
    @FormField(value = "进驻动员会地点", maxLength = 200) String entryMeetingPlace,
    @FormField(value = "邮政信箱", maxLength = 100) String mailbox,
    @FormField(value = "电子邮箱", maxLength = 100) String email,
    @FormField(value = "举报电话", maxLength = 30) String phone,
    @FormField(value = "意见箱设置地点", maxLength = 200) String suggestionBox) {
}

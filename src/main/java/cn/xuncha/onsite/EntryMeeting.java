package cn.xuncha.onsite;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** The entry meeting (进驻动员会, 办法 第十八条(六)) as held, as the form entry-meeting records it. */
@UnitRecords.Stored(value = Kind.ENTRY_MEETING, version = 1)
public record EntryMeeting(
    @FormField("会议日期") LocalDate meetingOn,
    @FormField(value = "会议地点", maxLength = 200) String meetingPlace,
    @FormField(value = "参会人员", maxLength = 2000) String attendees,
    @FormField(value = "会议情况", maxLength = 8000) String meetingSummary) {
}

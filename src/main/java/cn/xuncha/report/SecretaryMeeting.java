package cn.xuncha.report;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** The county secretary's special meeting on the report (方案 四(五)), as the form secretary-meeting records it. */
@UnitRecords.Stored(value = Kind.SECRETARY_MEETING, version = 1)
public record SecretaryMeeting(
    @FormField("会议日期") LocalDate meetingOn,
    @FormField(value = "会议决定", maxLength = 8000) String decisions) {
}

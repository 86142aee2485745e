package cn.xuncha.feedback;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** 巡察反馈 (办法 第十八条(八)): the feedback meeting and the rectification demands, as the form feedback records them. */
@UnitRecords.Stored(value = Kind.FEEDBACK, version = 1)
public record Feedback(
    @FormField("反馈日期") LocalDate feedbackOn,
    @FormField(value = "参加人员", maxLength = 2000) String attendees,
    @FormField(value = "反馈意见和整改要求", maxLength = 20000) String demands) {
}

package cn.xuncha.feedback;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** The unit's receipt of the feedback, as the form feedback-receipt records it; {@code receivedOn} starts D4 and D5. */
@UnitRecords.Stored(value = Kind.FEEDBACK_ACK, version = 1)
public record FeedbackReceipt(
    @FormField("收到日期") LocalDate receivedOn,
    @FormField(value = "签收人", maxLength = 100) String receivedBy) {
}

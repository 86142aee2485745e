package cn.xuncha.announcement;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** The unit's receipt of the written notice and its liaison group (巡察工作联络组), as the form notice-ack records it. */
@UnitRecords.Stored(value = Kind.NOTICE_ACK, version = 1)
public record NoticeAcknowledgement(
    @FormField("签收日期") LocalDate receivedOn,
    @FormField(value = "签收人", maxLength = 100) String receivedBy,
    @FormField(value = "巡察工作联络组成员", maxLength = 2000) String liaisonGroup) {
}

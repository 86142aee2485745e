package cn.xuncha.publication;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.time.LocalDate;

/** 结果公开 (办法 第十八条(十)): when the results went to the county committee and what was published where. */
@UnitRecords.Stored(value = Kind.PUBLICATION, version = 1)
public record Publication(
    @FormField("报县委日期") LocalDate reportedOn,
    @FormField("公开日期") LocalDate publishedOn,
    @FormField(value = "公开方式和范围", maxLength = 200) String channel,
    @FormField(value = "公开内容", maxLength = 20000) String content) {
}

package cn.xuncha.rectification;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;

/** The unit's written report on its rectification (整改落实情况报告), as the form rectification-report records it. */
@UnitRecords.Stored(value = Kind.RECTIFICATION_REPORT, version = 1)
public record RectificationReport(@FormField(value = "整改落实情况报告", maxLength = 20000) String rectificationReport) {
}

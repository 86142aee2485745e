package cn.xuncha.analysis;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;

/** The team's analysis before entry (方案 四(二)2–4), as the form team-analysis records it. */
@UnitRecords.Stored(value = Kind.TEAM_ANALYSIS, version = 1)
public record TeamAnalysis(
    @FormField(value = "个别谈话情况", maxLength = 8000) String talks,
    @FormField(value = "重点人", maxLength = 8000) String keyPersons,
    @FormField(value = "重点事", maxLength = 8000) String keyMatters,
    @FormField(value = "重点问题", maxLength = 8000) String keyProblems) {
}

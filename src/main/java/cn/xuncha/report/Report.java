package cn.xuncha.report;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;

/**
 * The texts of 三报告四清单 (方案 二(三)) as the form report-draft records them; the problem lists
 * and the clues of the same form are kept in their own tables (xc_report_problem, xc_clue).
 */
@UnitRecords.Stored(value = Kind.REPORT, version = 1)
public record Report(
    @FormField(value = "巡察情况报告", maxLength = 20000) String situationReport,
    @FormField(value = "谈话情况报告", maxLength = 20000) String talkReport,
    @FormField(value = "问题线索报告", maxLength = 20000) String clueReport,
    @FormField(value = "书记专题会点人点事点问题建议清单", maxLength = 20000) String secretarySuggestions) {

  /** Fields of the form report-draft kept in their own tables, not in this record: the chosen working papers and clues. */
  public static final String PROBLEMS = "problems";
  public static final String COMMON_PROBLEMS = "commonProblems";
  public static final String CLUES = "clues";
}

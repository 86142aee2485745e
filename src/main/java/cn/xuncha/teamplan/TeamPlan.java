package cn.xuncha.teamplan;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import java.util.List;

/**
 * A team's work plan for its unit: the ten sections 方案 四(四) asks for, in its order, and for a
 * unit whose villages are partly covered the villages inspected first. {@code late} is not a form
 * field: it records whether the plan was submitted after the filing date.
 */
@UnitRecords.Stored(value = Kind.TEAM_PLAN, version = 1)
public record TeamPlan(
    @FormField(value = "工作任务", maxLength = 8000) String tasks,
    @FormField(value = "监督重点", maxLength = 8000) String focus,
    @FormField(value = "方法步骤", maxLength = 8000) String methods,
    @FormField(value = "时间安排", maxLength = 8000) String schedule,
    @FormField(value = "人员分工", maxLength = 8000) String staffing,
    @FormField(value = "纪律要求", maxLength = 8000) String discipline,
    @FormField(value = "临时党支部工作计划", maxLength = 8000) String branchPlan,
    @FormField(value = "信访应急预案", maxLength = 8000) String petitionContingency,
    @FormField(value = "个别谈话预案", maxLength = 8000) String talkContingency,
    @FormField(value = "深入了解预案", maxLength = 8000) String inquiryContingency,
    @FormField(value = "先行巡察的村（社区）", required = false) List<String> initialVillages,
    boolean late) {

  public TeamPlan {
    initialVillages = initialVillages == null ? List.of() : List.copyOf(initialVillages);
  }

  /** The same plan, marked as submitted after the filing date or not. */
  TeamPlan submitted(boolean afterFilingDate) {
    return new TeamPlan(tasks, focus, methods, schedule, staffing, discipline, branchPlan, petitionContingency,
        talkContingency, inquiryContingency, initialVillages, afterFilingDate);
  }
}

package cn.xuncha.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlanValidationReport;
import org.junit.jupiter.api.Test;

/** Camunda's English validation sentences read out in Chinese, counted per instance, without a Spring context. */
class MigrationProblemsTest {

  private static final Map<String, String> NAMES = Map.of("Task_HandleClue", "办理并书面反馈", "Timer_HandleClueOverdue", "移交满1个月");

  @Test
  void instancesWaitingWhereTheNewVersionHasNoActivityAreCountedOnOneLine() {
    MigrationProblems problems = new MigrationProblems(id -> NAMES.getOrDefault(id, id));
    for (String instance : List.of("pi-1", "pi-2")) {
      problems.add(instanceReport(instance, "Task_HandleClue", "There is no migration instruction for this instance's activity"));
    }

    assertThat(problems.lines()).containsExactly(
        "“办理并书面反馈”（Task_HandleClue）：实例正停在这一环节，新版本中没有相同 id 的同类环节（被删除、改了 id 或改了类型），不能迁移（涉及 2 个在办实例）");
  }

  @Test
  void aPlanFailureAndAnUnknownSentenceReadInChinese() {
    MigrationProblems problems = new MigrationProblems(id -> NAMES.getOrDefault(id, id));
    MigrationInstruction instruction = mock(MigrationInstruction.class);
    when(instruction.getSourceActivityId()).thenReturn("Timer_HandleClueOverdue");
    MigrationInstructionValidationReport failed = mock(MigrationInstructionValidationReport.class);
    when(failed.getMigrationInstruction()).thenReturn(instruction);
    when(failed.getFailures()).thenReturn(List.of("The source activity's event scope (Task_HandleClue) must be mapped to the target activity's event scope (Task_AnswerClue)"));
    MigrationPlanValidationReport plan = mock(MigrationPlanValidationReport.class);
    when(plan.getInstructionReports()).thenReturn(List.of(failed));
    problems.add(plan);
    problems.add(instanceReport("pi-1", "Task_HandleClue", "A failure a later Camunda version may add"));

    assertThat(problems.lines()).containsExactly(
        "“移交满1个月”（Timer_HandleClueOverdue）：新版本中这一边界事件附着在别的环节上",
        "“办理并书面反馈”（Task_HandleClue）：新版本对这一环节的改动不支持迁移（涉及 1 个在办实例）");
  }

  private static MigratingProcessInstanceValidationReport instanceReport(String instance, String activity, String failure) {
    MigratingActivityInstanceValidationReport activityReport = mock(MigratingActivityInstanceValidationReport.class);
    when(activityReport.getSourceScopeId()).thenReturn(activity);
    when(activityReport.getFailures()).thenReturn(List.of(failure));
    MigratingProcessInstanceValidationReport report = mock(MigratingProcessInstanceValidationReport.class);
    when(report.getProcessInstanceId()).thenReturn(instance);
    when(report.getFailures()).thenReturn(List.of());
    when(report.getActivityInstanceReports()).thenReturn(List.of(activityReport));
    when(report.getTransitionInstanceReports()).thenReturn(List.of());
    return report;
  }
}

package cn.xuncha.round;

import cn.xuncha.county.Counties;
import cn.xuncha.round.RoundPlanSheet.Rows;
import cn.xuncha.people.InspectorPoolService;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormValues;
import cn.xuncha.system.InvalidInputException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;

/**
 * Teams and units of a round plan taken from the office's spreadsheet ({@link RoundPlanSheet}) into
 * an open 编制巡察工作方案 task: they replace the task's form values {@code teams} and {@code units},
 * so that the plan form shows the imported rows when it is opened, to be checked and submitted as
 * usual (the submission is validated as any other, {@link RoundPlanValidator}). A sheet with any
 * problem, or a task that is no open draft, changes nothing. A team's people may be written as pool
 * accounts or as names that exactly one pool entry has; such names become that entry's account
 * ({@link TeamPeople}), others stay as written for the validator to refuse.
 */
@Service
public class RoundPlanImport {

  static final String DRAFT_TASK = "Task_DraftRoundPlan";

  private final TaskService tasks;
  private final InspectorPoolService pool;
  private final Counties counties;

  RoundPlanImport(TaskService tasks, InspectorPoolService pool, Counties counties) {
    this.tasks = tasks;
    this.pool = pool;
    this.counties = counties;
  }

  /** An open draft of a plan, named as the office knows it. */
  public record Draft(String taskId, String label) {
  }

  /** The open 编制巡察工作方案 tasks of the counties the user sees, newest first, each named by the round's name on its form. */
  public List<Draft> openDrafts() {
    return drafts().orderByTaskCreateTime().desc().list().stream().map(task -> new Draft(task.getId(), label(task))).toList();
  }

  /**
   * The open drafts of the counties the user sees ({@link Counties#visible()}): the page runs the query
   * without the user's engine authentication, so the engine's tenant check does not apply to it.
   */
  private TaskQuery drafts() {
    return tasks.createTaskQuery().taskDefinitionKey(DRAFT_TASK).active().tenantIdIn(counties.visible().toArray(String[]::new));
  }

  private String label(Task task) {
    Object name = tasks.getVariableLocal(task.getId(), RoundPlanForm.NAME);
    return (name instanceof String text && !text.isBlank() ? text : "尚未填写轮次名称的方案")
        + "（" + task.getCreateTime().toInstant().atZone(ChinaTime.ZONE).toLocalDate() + " 发起）";
  }

  /**
   * Reads the sheet and puts its rows into the draft task {@code taskId}; returns them. Refuses, in
   * Chinese and changing nothing, a task that is no open draft of a county the user sees and every
   * problem of the sheet.
   */
  public Rows importInto(String taskId, InputStream sheet) {
    Task draft = taskId == null ? null : drafts().taskId(taskId).singleResult();
    if (draft == null) {
      throw new InvalidInputException("请选择一个正在编制的巡察工作方案（“编制巡察工作方案”任务），未导入任何内容");
    }
    Rows read = RoundPlanSheet.read(sheet);
    TeamPeople people = new TeamPeople(pool.all());
    Rows rows = new Rows(read.teams().stream().map(people::resolve).toList(), read.units());
    tasks.setVariablesLocal(draft.getId(), Map.of(
        RoundPlanForm.TEAMS, FormValues.json(rows.teams().stream().map(RoundPlanForm::teamFields).toList()),
        RoundPlanForm.UNITS, FormValues.json(rows.units().stream().map(RoundPlanForm::unitFields).toList())));
    return rows;
  }
}

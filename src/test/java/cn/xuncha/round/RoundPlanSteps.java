package cn.xuncha.round;

import cn.xuncha.ProcedureSteps;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Drives step 1 through the engine's API as the users who work it in Tasklist. */
public final class RoundPlanSteps {

  private final ProcessEngine engine;

  public RoundPlanSteps(ProcessEngine engine) {
    this.engine = engine;
  }

  public ProcessInstance startWithSample() {
    return start(RoundStartedListener.SAMPLE);
  }

  public ProcessInstance startBlank() {
    return start("blank");
  }

  private ProcessInstance start(String preset) {
    return as("office1", () -> engine.getFormService().submitStartForm(
        engine.getRepositoryService().createProcessDefinitionQuery()
            .processDefinitionKey("inspection-round").latestVersion().singleResult().getId(),
        Map.of(RoundVariables.PRESET, preset)));
  }

  /** The office submits the plan its task shows, with {@code changes} typed over it. */
  public void submitPlan(ProcessInstance round, Map<String, Object> changes) {
    complete("office1", round, "Task_DraftRoundPlan", changes);
  }

  public void review(ProcessInstance round, String user, String outcome, String comment) {
    String taskKey = "committee1".equals(user) ? "Task_ApproveRoundPlan" : "Task_ReviewRoundPlan";
    complete(user, round, taskKey, ProcedureSteps.review(outcome, comment));
  }

  /** Step 1 on the happy path: sample plan submitted, proposed and approved. */
  public ProcessInstance approvedSampleRound() {
    ProcessInstance round = startWithSample();
    submitPlan(round, Map.of());
    review(round, "leader1", "approve", null);
    review(round, "committee1", "approve", null);
    return round;
  }

  public Task task(ProcessInstance round, String taskKey) {
    return engine.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(round.getBusinessKey()).taskDefinitionKey(taskKey).singleResult();
  }

  public void complete(String user, ProcessInstance round, String taskKey, Map<String, Object> variables) {
    Task task = task(round, taskKey);
    as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getFormService().submitTaskForm(task.getId(), variables);
      return null;
    });
  }

  public <T> T as(String user, java.util.function.Supplier<T> action) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}

package cn.xuncha.round;

import cn.xuncha.ProcedureSteps;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  /**
   * A round at its units' step without driving steps 1–3: the page benchmark's fast path to
   * thousands of unit procedures (issue 16). The sample plan is stored and approved as step 1 stores
   * it, and the round's process is started at its units' call activity (the engine's process
   * instance modification) with the variables step 1 hands on, so each unit's procedure, its
   * step-3 instance, tasks, deadline watches and grants are the engine's own rows; steps 1–3 leave
   * no history.
   */
  public ProcessInstance atUnitsStep(Instant now) {
    return atUnitsStep(now, "county");
  }

  /** As {@link #atUnitsStep(Instant)}, the round stored as one of {@code county} (issue 16 item 2), whose instances then carry its tenant. */
  public ProcessInstance atUnitsStep(Instant now, String county) {
    return atUnitsStep(now, county, SampleRound.plan());
  }

  /**
   * As {@link #atUnitsStep(Instant, String)} with {@code plan} instead of the sample's (the page
   * benchmark's ten-unit rounds): one unit procedure per unit of the plan, each unit's tasks offered
   * to its {@code groupId}, which need not exist as a Camunda group.
   */
  public ProcessInstance atUnitsStep(Instant now, String county, RoundPlan plan) {
    String key = "round-" + UUID.randomUUID();
    RoundRepository rounds = new RoundRepository(JdbcClient.create(
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource()));
    rounds.saveSubmitted(key, county, plan, "office1", now);
    rounds.markApproved(key, now);
    return engine.getRuntimeService().createProcessInstanceByKey("inspection-round").businessKey(key)
        .setVariables(Map.of(RoundVariables.ROUND_KEY, key, RoundVariables.ENTRY_DATE, plan.entryDate().toString(),
            RoundVariables.WITHDRAWAL_DATE, plan.withdrawalDate().toString(), RoundVariables.PLAN_FILING_DATE, plan.planFilingDate().toString()))
        .startBeforeActivity("CallActivity_InspectUnits#multiInstanceBody").execute();
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

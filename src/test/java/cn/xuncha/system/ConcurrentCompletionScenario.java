package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * A late team plan submitted while its overdue timer fires, as two real transactions: the
 * submission reads the instance and is held inside its transaction (a complete listener waits)
 * while the timer's job runs and commits in another thread; then the submission goes on, and its
 * flush meets the changed rows. The engine must run the submission again, not answer
 * ENGINE-03005.
 */
final class ConcurrentCompletionScenario {

  static final String KEY = "concurrent-completion";

  private ConcurrentCompletionScenario() {
  }

  static void run(ProcessEngine engine) throws Exception {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY)
          .camundaHistoryTimeToLive(1)
          .startEvent()
          .userTask("Task_DraftTeamPlan").name("制定巡察组工作方案").camundaDueDate("${planFilingDate}")
          .camundaTaskListenerClass(TaskListener.EVENTNAME_COMPLETE, HeldSubmission.class)
          .boundaryEvent("Timer_TeamPlanOverdue").cancelActivity(false).timerWithDate("${planFilingDate}")
          .userTask("Task_TeamPlanOverdue").name("督办：巡察组工作方案逾期").endEvent("End_Escalated")
          .moveToActivity("Task_DraftTeamPlan").endEvent("End_Filed")
          .done()).deploy();
    }
    Date filingDate = Date.from(OffsetDateTime.parse("2022-04-15T23:59:59.999+08:00").toInstant());
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2022-04-18T09:00:00+08:00").toInstant()));
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(KEY, Map.of("planFilingDate", filingDate));
    String plan = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    Job overdue = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    HeldSubmission.reset();

    ExecutorService user = Executors.newSingleThreadExecutor();
    try {
      Future<?> submission = user.submit(() -> engine.getTaskService().complete(plan));
      assertThat(HeldSubmission.reached.await(2, TimeUnit.MINUTES)).as("the submission is inside its transaction").isTrue();
      engine.getManagementService().executeJob(overdue.getId());
      HeldSubmission.release.countDown();
      submission.get(2, TimeUnit.MINUTES);
    } finally {
      HeldSubmission.release.countDown();
      user.shutdownNow();
    }

    assertThat(HeldSubmission.attempts).as("the first attempt met the timer's change and was run again").hasValue(2);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(plan).finished().count())
        .as("the plan is filed").isOne();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Task_TeamPlanOverdue").count())
        .as("the escalation the timer raised stays").isOne();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test clean-up");
    ClockUtil.reset();
  }

  /** Holds the first completion attempt until the timer has fired; later attempts pass. */
  public static class HeldSubmission implements TaskListener {

    static CountDownLatch reached;
    static CountDownLatch release;
    static AtomicInteger attempts;

    static void reset() {
      reached = new CountDownLatch(1);
      release = new CountDownLatch(1);
      attempts = new AtomicInteger();
    }

    @Override
    public void notify(DelegateTask task) {
      if (attempts.incrementAndGet() == 1) {
        reached.countDown();
        try {
          release.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}

package cn.xuncha.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.InstanceNames;
import cn.xuncha.round.SampleRound;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deadline mechanism on a test model ({@code deadline-watch-test.bpmn}): the property
 * {@code deadline} on a user task (D2, 10 working days after withdrawal), on a sub-process of two
 * tasks (D1, 7 days after entry, reminded on day 5) and on a task whose deadline has no reminder
 * (D8-withdrawal). Each marked activity gets its due date and one {@code deadline-watch} instance,
 * granted to the office alone, that reminds, escalates, and ends quietly when the work is done in time.
 */
@XunchaSpringTest
class DeadlineWatchTest {

  private static final String TEST_PROCESS = "deadline-watch-test";

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void deploy() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(TEST_PROCESS).count() == 0) {
      engine.getRepositoryService().createDeployment().name(TEST_PROCESS)
          .addClasspathResource("cn/xuncha/escalation/deadline-watch-test.bpmn").deploy();
    }
  }

  static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }

  private ProcessInstance start(String roundKey) {
    ClockUtil.setCurrentTime(at("2022-06-10T17:00:00+08:00"));
    return engine.getRuntimeService().startProcessInstanceByKey(TEST_PROCESS, "test-" + roundKey,
        Map.of("entryDate", "2022-06-02", "withdrawalDate", "2022-06-10", "roundKey", roundKey));
  }

  private Task task(ProcessInstance instance, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  private ProcessInstance watch(ProcessInstance watched, String activityId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(DeadlineWatch.PROCESS)
        .variableValueEquals(DeadlineWatch.WATCHED_INSTANCE, watched.getId())
        .variableValueEquals(DeadlineWatch.WATCHED_ACTIVITY, activityId).singleResult();
  }

  private List<Job> timers(ProcessInstance watch) {
    return engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).timers().list();
  }

  private void fireDueTimers(ProcessInstance watch) {
    engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).timers().executable().list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));
  }

  @Test
  void aMarkedTaskGetsItsDueDateAndOneWatchThatOnlyTheOverseersRead() {
    ProcessInstance instance = start("no-round");

    assertThat(task(instance, "Task_DeliverReport").getDueDate()).as("D2: 10 working days after withdrawal")
        .isEqualTo(at("2022-06-24T23:59:59.999+08:00"));
    ProcessInstance watch = watch(instance, "Task_DeliverReport");
    assertThat(watch).isWaitingAt("Timer_RemindTime");
    assertThat(watch.getBusinessKey()).as("not the watched instance's: instances are looked up by it").isEqualTo(instance.getBusinessKey() + "#D2");
    assertThat(engine.getRuntimeService().getVariables(watch.getId())).containsOnlyKeys(DeadlineWatch.DEADLINE_ID, DeadlineWatch.FROM,
        DeadlineWatch.SUBJECT, DeadlineWatch.WATCHED_INSTANCE, DeadlineWatch.WATCHED_ACTIVITY, DeadlineWatch.WATCHED_ACTIVITY_INSTANCE,
        "roundKey");
    assertThat(engine.getRuntimeService().getVariable(watch.getId(), DeadlineWatch.FROM)).isEqualTo(at("2022-06-10T00:00:00+08:00"));
    assertThat(timers(watch)).singleElement().satisfies(timer -> assertThat(timer.getDuedate()).as("2 working days before")
        .isEqualTo(at("2022-06-22T00:00:00+08:00")));
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceId(watch.getId()).list())
        .as("no rows of its own: the overseers read every instance").isEmpty();
    assertThat(visibleTo("office1", "office", watch)).isTrue();
    assertThat(visibleTo("team1-leader", "team1", watch)).isFalse();
  }

  private boolean visibleTo(String user, String group, ProcessInstance watch) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
    try {
      return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(watch.getId()).count() == 1
          && engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(watch.getId()).count() == 1;
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void theReminderThenTheEscalationFireAndTheEscalationSurvivesTheTasksCompletion() {
    ProcessInstance round = new ProcedureSteps(engine).approvedRound();
    ProcessInstance instance = start(round.getBusinessKey());
    ProcessInstance watch = watch(instance, "Task_DeliverReport");

    ClockUtil.setCurrentTime(at("2022-06-21T23:59:00+08:00"));
    fireDueTimers(watch);
    assertThat(watch).isWaitingAt("Timer_RemindTime");
    ClockUtil.setCurrentTime(at("2022-06-22T00:00:00+08:00"));
    fireDueTimers(watch);
    assertThat(watch).hasPassed("Task_Remind").isWaitingAt("Timer_Due");
    assertThat(engine.getRuntimeService().getVariables(watch.getId(), InstanceNames.VARIABLES.keySet()))
        .as("a watch shows no card before its escalation, so it carries no names").isEmpty();
    Task report = task(instance, "Task_DeliverReport");
    assertThat(report.getPriority()).isEqualTo(RemindDelegate.REMINDED_PRIORITY);
    assertThat(engine.getTaskService().getTaskComments(report.getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).contains("撰写巡察报告", "2022-06-24 23:59"));
    assertThat(task(instance, "Task_RecordPapers").getPriority()).as("another deadline's task").isLessThan(RemindDelegate.REMINDED_PRIORITY);

    ClockUtil.setCurrentTime(at("2022-06-25T00:00:00+08:00"));
    fireDueTimers(watch);
    assertThat(watch).isWaitingAt("Task_Overdue");
    Task escalation = task(watch, "Task_Overdue");
    assertThat(escalation.getName()).isEqualTo("逾期督办：撰写巡察报告");
    assertThat(engine.getRuntimeService().getVariables(watch.getId(), InstanceNames.VARIABLES.keySet()))
        .as("the escalation's card names its round").containsEntry(InstanceNames.ROUND, SampleRound.plan().name());
    assertThat(engine.getTaskService().getIdentityLinksForTask(escalation.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("office");
    assertThat((String) engine.getTaskService().getVariable(escalation.getId(), "overdue"))
        .contains("撰写巡察报告", "2022-06-24 23:59", "尚未认领");

    engine.getTaskService().complete(report.getId());
    assertThat(task(watch, "Task_Overdue")).as("nothing is cancelled silently").isNotNull();
    new ProcedureSteps(engine).complete("office1", watch, "Task_Overdue", "office", Map.of("actionTaken", "约谈巡察组组长"));
    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated").hasNotPassed("EndEvent_DoneInTime");
    assertThat(jdbc.sql("select subject from xc_escalation where action_taken = '约谈巡察组组长'").query(String.class).list())
        .containsExactly("撰写巡察报告");
  }

  @Test
  void aWatchEndsQuietlyWhenTheTaskIsDoneInTime() {
    ProcessInstance instance = start("no-round");
    ProcessInstance watch = watch(instance, "Task_DeliverReport");

    ClockUtil.setCurrentTime(at("2022-06-24T16:00:00+08:00"));
    engine.getTaskService().complete(task(instance, "Task_DeliverReport").getId());

    assertThat(watch).isEnded().hasPassed("Event_WatchedActivityEnded", "EndEvent_DoneInTime").hasNotPassed("Task_Overdue");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(watch.getId()).count()).isZero();
    assertThat(watch(instance, "SubProcess_MobileVillages")).as("other deadlines keep their watches").isNotNull();
  }

  @Test
  void aMarkedSubProcessGivesEveryTaskInsideItsDueDateAndIsWatchedUntilItEnds() {
    ProcessInstance instance = start("no-round");
    ProcessInstance watch = watch(instance, "SubProcess_MobileVillages");
    Date day7 = at("2022-06-09T23:59:59.999+08:00");
    assertThat(task(instance, "Task_NameVillages").getDueDate()).as("D1: 7 days after entry").isEqualTo(day7);
    assertThat(timers(watch)).singleElement().satisfies(timer -> assertThat(timer.getDuedate()).as("day 5")
        .isEqualTo(at("2022-06-07T23:59:59.999+08:00")));

    engine.getTaskService().complete(task(instance, "Task_NameVillages").getId());
    assertThat(task(instance, "Task_ApproveVillages").getDueDate()).isEqualTo(day7);
    assertThat(watch).as("the sub-process is still open").isWaitingAt("Timer_RemindTime");

    fireDueTimers(watch);
    fireDueTimers(watch);
    assertThat(watch).as("started late: reminded and escalated at once").hasPassed("Task_Remind").isWaitingAt("Task_Overdue");
    assertThat(task(instance, "Task_ApproveVillages").getPriority()).isEqualTo(RemindDelegate.REMINDED_PRIORITY);
    assertThat((String) engine.getTaskService().getVariable(task(watch, "Task_Overdue").getId(), "overdue"))
        .contains("确定机动巡察村", "领导小组批准机动巡察村").doesNotContain("提出机动巡察村名单");
  }

  @Test
  void aDeadlineWithoutReminderWaitsOnlyForItsDueTime() {
    ProcessInstance instance = start("no-round");
    ProcessInstance watch = watch(instance, "Task_RecordPapers");
    assertThat(task(instance, "Task_RecordPapers").getDueDate()).isEqualTo(at("2022-06-10T23:59:59.999+08:00"));
    assertThat(watch).hasPassed("Gateway_Reminds").hasNotPassed("Timer_RemindTime").isWaitingAt("Timer_Due");
    assertThat(timers(watch)).singleElement().satisfies(timer -> assertThat(timer.getDuedate())
        .isEqualTo(at("2022-06-10T23:59:59.999+08:00")));
  }

  @Test
  void deletingTheWatchedInstanceEndsItsWaitingWatchesEvenWithCustomListenersSkipped() {
    ProcessInstance instance = start("no-round");
    ProcessInstance watch = watch(instance, "Task_DeliverReport");
    engine.getRuntimeService().deleteProcessInstance(instance.getId(), "test", true);
    assertThat(watch).isEnded().hasPassed("EndEvent_DoneInTime");
  }

  @Test
  void aModelNamingAnUnknownDeadlineOrAlsoStatingADueDateIsRefused() {
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().addModelInstance("unknown.bpmn", marked("D9", null)).deploy())
        .hasMessageContaining("“报送巡察报告”（Task_Report）的期限“D9”不在期限表 processes/deadlines.yaml 中");
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().addModelInstance("twice.bpmn", marked("D2", "${now()}")).deploy())
        .hasMessageContaining("“报送巡察报告”（Task_Report）的到期时间由期限“D2”决定，请删去它自己的到期时间");
  }

  @Test
  void aDeadlineNamedByAVariableIsTheOneEachInstanceCarries() {
    org.camunda.bpm.engine.repository.Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("chosen.bpmn", marked("${replyDeadline}", null)).deploy();
    try {
      Map<String, Object> dates = Map.of("transferredOn", at("2022-06-21T09:00:00+08:00"), "withdrawalDate", at("2022-06-10T00:00:00+08:00"));
      ProcessInstance month = startRefused(dates, "D6");
      ProcessInstance report = startRefused(dates, "D2");

      assertThat(task(month, "Task_Report").getDueDate()).as("D6: one month from the transfer").isEqualTo(at("2022-07-21T23:59:59.999+08:00"));
      assertThat(task(report, "Task_Report").getDueDate()).as("D2: ten working days from withdrawal")
          .isEqualTo(at("2022-06-24T23:59:59.999+08:00"));
      assertThat(engine.getRuntimeService().getVariable(watch(month, "Task_Report").getId(), DeadlineWatch.DEADLINE_ID)).isEqualTo("D6");
      assertThat(engine.getRuntimeService().getVariable(watch(report, "Task_Report").getId(), DeadlineWatch.DEADLINE_ID)).isEqualTo("D2");
      assertThatThrownBy(() -> startRefused(dates, "D99"))
          .hasMessageContaining("“报送巡察报告”（Task_Report）的期限由变量 replyDeadline 指定，其值“D99”不在期限表 processes/deadlines.yaml 中");
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  private ProcessInstance startRefused(Map<String, Object> dates, String deadline) {
    Map<String, Object> variables = new java.util.HashMap<>(dates);
    variables.put("replyDeadline", deadline);
    return engine.getRuntimeService().startProcessInstanceByKey("deadline-refused", variables);
  }

  private static BpmnModelInstance marked(String deadline, String dueDate) {
    var task = Bpmn.createExecutableProcess("deadline-refused").camundaHistoryTimeToLive(1).startEvent()
        .userTask("Task_Report").name("报送巡察报告");
    BpmnModelInstance model = (dueDate == null ? task : task.camundaDueDate(dueDate)).endEvent().done();
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName(DeadlineWatch.PROPERTY);
    property.setCamundaValue(deadline);
    CamundaProperties properties = model.newInstance(CamundaProperties.class);
    properties.getCamundaProperties().add(property);
    ((UserTask) model.getModelElementById("Task_Report")).builder().addExtensionElement(properties);
    return model;
  }
}

package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.registers.FileRequestRegister.FileRequest;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3: a file request is the unit's task due at the end of the day the team set,
 * reminded on that day and escalated to the office after it (deadline {@code file-request}), ended
 * by the unit providing the files or by the team recording them received.
 */
@XunchaSpringTest
class FileRequestTaskTest extends RegisterTestSupport {

  @Test
  void anUnansweredRequestRemindsTheUnitOnItsDueDayThenGoesToTheOfficeAndTheUnitsAnswerIsRecorded() {
    ProcedureSteps.at("2022-05-10T09:00");
    long id = recorded(rest.post("team1-leader", api + "/files", json(Map.of("category", "会议记录",
        "description", "2021年以来党委会会议记录", "requestedOn", "2022-05-10", "dueOn", "2022-05-13"))));
    ProcessInstance request = request(id);
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(request.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ProvideFiles");
    assertThat(task.getDueDate()).isEqualTo(ProcedureSteps.beijing("2022-05-13T23:59:59.999"));
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId).containsExactly("unit1");
    assertThat((String) engine.getTaskService().getVariable(task.getId(), "request")).contains("会议记录", "2021年以来党委会会议记录");
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(request.getId()).list()).extracting(Authorization::getGroupId).containsOnly("unit1");

    ProcessInstance watch = watchOf(request, "Task_ProvideFiles");
    ProcedureSteps.at("2022-05-12T23:59");
    fireDueTimers(watch.getId());
    assertThat(watch).isWaitingAt("Timer_RemindTime");
    ProcedureSteps.at("2022-05-13T00:00");
    fireDueTimers(watch.getId());
    assertThat(watch).hasPassed("Task_Remind").isWaitingAt("Timer_Due");
    assertThat(engine.getTaskService().getTaskComments(task.getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).contains("提供调阅的文件资料", "2022-05-13 23:59"));

    ProcedureSteps.at("2022-05-14T00:00");
    fireDueTimers(watch.getId());
    Task overdue = engine.getTaskService().createTaskQuery().processInstanceId(watch.getId()).taskDefinitionKey("Task_Overdue").singleResult();
    assertThat(overdue.getName()).isEqualTo("逾期督办：提供调阅的文件资料");
    assertThat(engine.getTaskService().getIdentityLinksForTask(overdue.getId())).extracting(IdentityLink::getGroupId).containsExactly("office");
    assertThat(files.list(unit)).singleElement().extracting(FileRequest::overdue).isEqualTo(true);

    ProcedureSteps.at("2022-05-16T10:00");
    assertThatThrownBy(() -> steps.complete("unit1", request, "Task_ProvideFiles", "unit1", Map.of("providedOn", "2022-05-17")))
        .hasMessageContaining("提供日期：不能晚于今天（2022-05-16）");
    assertThat(request).isWaitingAt("Task_ProvideFiles");
    steps.complete("unit1", request, "Task_ProvideFiles", "unit1", Map.of("providedOn", "2022-05-16", "note", "会议记录共 3 本"));
    assertThat(request).isEnded().hasPassed("EndEvent_FilesProvided");
    assertThat(files.list(unit)).singleElement().extracting(FileRequest::receivedOn, FileRequest::overdue)
        .containsExactly(LocalDate.parse("2022-05-16"), false);
  }

  @Test
  void theTeamRecordingTheFilesReceivedEndsTheUnitsTaskAndItsWatchQuietly() {
    ProcedureSteps.at("2022-05-10T09:00");
    long id = recorded(rest.post("team1-leader", api + "/files", json(Map.of("category", "财务账目",
        "description", "2021年度财务凭证", "requestedOn", "2022-05-10", "dueOn", "2022-05-12"))));
    ProcessInstance request = request(id);
    ProcessInstance watch = watchOf(request, "Task_ProvideFiles");
    recorded(rest.post("team1-member1", api + "/files/" + id + "/progress", json(Map.of("findings", "尚在查阅"))));
    assertThat(request).isWaitingAt("Task_ProvideFiles");
    recorded(rest.post("team1-member1", api + "/files/" + id + "/progress", json(Map.of("receivedOn", "2022-05-10"))));
    assertThat(request).isEnded().hasPassed("EndEvent_FilesReceived");
    assertThat(watch).isEnded().hasPassed("EndEvent_DoneInTime");
  }

  private ProcessInstance request(long id) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(FileRequestRegister.PROCESS)
        .processInstanceBusinessKey(round + "/unit1/file-" + id).singleResult();
  }
}

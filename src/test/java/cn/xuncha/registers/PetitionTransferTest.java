package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.registers.PetitionRegister.Petition;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 1: a petition the team transfers to a department becomes that department's task,
 * due at the end of the reply day the team set (deadline {@code petition-reply}), reminded before
 * it and escalated to the office after it; the department's reply is recorded on the register row.
 */
@cn.xuncha.XunchaSpringTest
class PetitionTransferTest extends RegisterTestSupport {

  @Test
  void aTransferredPetitionIsTheDepartmentsTaskRemindedEscalatedAndItsReplyRecorded() {
    ProcedureSteps.at("2022-05-10T09:00");
    long id = recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09",
        "petitioner", "王某", "content", "反映河南村党支部书记侵占集体土地补偿款", "village", "河南村"))));
    recorded(rest.post("team1-leader", api + "/petitions/" + id + "/distribution", json(Map.of("outcome", "TRANSFER",
        "department", "dept-discipline", "replyDue", "2022-05-20"))));

    ProcessInstance transfer = transfer(id);
    assertThat(transfer).isWaitingAt("Task_HandlePetition");
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(transfer.getId()).singleResult();
    assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId())).extracting(IdentityLink::getGroupId)
        .containsExactly("dept-discipline");
    assertThat(task.getDueDate()).isEqualTo(ProcedureSteps.beijing("2022-05-20T23:59:59.999"));
    assertThat((String) engine.getTaskService().getVariable(task.getId(), "petition"))
        .contains("河南村", "反映河南村党支部书记侵占集体土地补偿款", "邮政信箱").as("the petitioner stays with the team").doesNotContain("王某");
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(transfer.getId()).list()).extracting(Authorization::getGroupId).containsOnly("dept-discipline");
    assertThat(rest.post("team1-leader", api + "/petitions/" + id + "/distribution", json(Map.of("outcome", "KEEP"))).body())
        .contains("这件信访件已移交县纪委监委，不能再分办");

    ProcessInstance watch = watchOf(transfer, "Task_HandlePetition");
    ProcedureSteps.at("2022-05-17T23:59");
    fireDueTimers(watch.getId());
    assertThat(watch).isWaitingAt("Timer_RemindTime");
    ProcedureSteps.at("2022-05-18T00:00");
    fireDueTimers(watch.getId());
    assertThat(watch).hasPassed("Task_Remind").isWaitingAt("Timer_Due");
    assertThat(engine.getTaskService().getTaskComments(task.getId())).singleElement()
        .satisfies(comment -> assertThat(comment.getFullMessage()).contains("办理移交的信访件并回复巡察组", "2022-05-20 23:59"));

    ProcedureSteps.at("2022-05-21T00:00");
    fireDueTimers(watch.getId());
    Task overdue = engine.getTaskService().createTaskQuery().processInstanceId(watch.getId()).taskDefinitionKey("Task_Overdue").singleResult();
    assertThat(overdue.getName()).isEqualTo("逾期督办：办理移交的信访件并回复巡察组（县纪委监委）");
    assertThat(engine.getTaskService().getIdentityLinksForTask(overdue.getId())).extracting(IdentityLink::getGroupId).containsExactly("office");

    steps.complete("dept-discipline1", transfer, "Task_HandlePetition", "dept-discipline", Map.of("reply", "已立案调查，结果另行告知"));
    assertThat(transfer).isEnded();
    assertThat(petitions.list(unit)).singleElement().extracting(Petition::reply).isEqualTo("已立案调查，结果另行告知");
    RestCaller.Answer page = rest.get("team1-leader", RegistersController.PAGE + "/" + round + "/unit1");
    assertThat(page.body()).contains("部门回复：已立案调查，结果另行告知");
    assertThat(rest.get("office1", RegistersController.PAGE + "/" + round + "/unit1").body()).doesNotContain("已立案调查");
  }

  @Test
  void aReplyInTimeEndsTheWatchQuietly() {
    ProcedureSteps.at("2022-05-10T09:00");
    long id = recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", PHONE, "receivedOn", "2022-05-10",
        "content", "反映村集体鱼塘低价出租"))));
    recorded(rest.post("team1-leader", api + "/petitions/" + id + "/distribution", json(Map.of("outcome", "TRANSFER",
        "department", "dept-petition", "replyDue", "2022-05-31"))));
    ProcessInstance transfer = transfer(id);
    ProcessInstance watch = watchOf(transfer, "Task_HandlePetition");
    steps.complete("dept-petition1", transfer, "Task_HandlePetition", "dept-petition", Map.of("reply", "已转镇政府处理"));
    assertThat(watch).isEnded().hasPassed("EndEvent_DoneInTime");
    assertThat(petitions.list(unit)).singleElement().extracting(Petition::reply).isEqualTo("已转镇政府处理");
  }

  private ProcessInstance transfer(long petitionId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(PetitionRegister.PROCESS)
        .processInstanceBusinessKey(round + "/unit1/petition-" + petitionId).singleResult();
  }
}

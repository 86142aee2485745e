package cn.xuncha.announcement;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import static cn.xuncha.ProcedureSteps.beijing;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 5 (巡察预告, step-05-announcement) started from an approved plan: the office announces and
 * sends the written notice, then the unit acknowledges it in its own instance (step-05-notice-ack).
 */
@XunchaSpringTest
class AnnouncementStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  String roundKey;
  ProcessInstance announcement;

  @BeforeEach
  void startStep() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    announcement = fixture.startForUnit("step-05-announcement", roundKey, "unit1", Map.of());
  }

  @Test
  void officeAnnouncesAndTheUnitAcknowledgesInAnInstanceGrantedOnlyToIt() {
    assertThat(announcement).isWaitingAt("Task_PrepareAnnouncement").task().hasCandidateGroup("office")
        .hasDueDate(beijing("2022-04-21T00:00"));

    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(announcement, Map.of());

    assertThat(announcement).isWaitingAt("CallActivity_AcknowledgeNotice");
    assertThat(RecordFields.find(records, unitId(), cn.xuncha.announcement.Announcement.class)).get()
        .satisfies(record -> assertThat(record).containsEntry("noticeSentOn", "2022-04-18").containsEntry("petitionsCloseOn", "2022-06-03"));
    ProcessInstance acknowledgement = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(announcement.getId()).singleResult();
    assertThat(acknowledgement.getProcessDefinitionKey()).isEqualTo("step-05-notice-ack");
    assertThat(acknowledgement.getBusinessKey()).isEqualTo(announcement.getBusinessKey());
    assertThat(new ProcedureSteps(engine).readers(acknowledgement)).containsExactlyInAnyOrder("unit1");
    assertThat(new ProcedureSteps(engine).readers(announcement)).containsExactlyInAnyOrder(steps.teamGroup(announcement, 1));
    assertThat(engine.getRuntimeService().getVariables(acknowledgement.getId()))
        .as("the team's group does not travel into the unit's instance").doesNotContainKey("teamGroup");
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeNotice").task().hasCandidateGroup("unit1");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(announcement.getId()).count()).isZero();

    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(announcement, "unit1");

    assertThat(acknowledgement).isEnded();
    assertThat(announcement).hasPassedInOrder("Task_PrepareAnnouncement", "CallActivity_AcknowledgeNotice")
        .isEnded();
    assertThat(RecordFields.find(records, unitId(), cn.xuncha.announcement.NoticeAcknowledgement.class)).get()
        .satisfies(record -> assertThat(record).containsEntry("receivedOn", "2022-04-19"));
  }

  @Test
  void announcementWithWrongDatesOrContactsIsRefusedInChineseAndNothingIsRecorded() {
    assertThatThrownBy(() -> steps.announce(announcement, Map.of("noticeSentOn", "2022-04-21", "entryMeetingOn", "2022-06-11",
        "petitionsCloseOn", "2022-06-11", "petitionsCloseAt", "25:00", "channels", """
            [{"kind":"电话","contact":"1234"},{"kind":"电子邮箱","contact":"xcz@"},{"kind":"接待窗口","contact":"镇政府一楼"},
             {"kind":"网络平台","contact":"ftp://xc.example.cn"},{"kind":"传真","contact":"0375-1234567"},{"kind":"电话"}]""")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("书面通知印发日期：须提前通知，早于进驻日期（2022-04-21）")
        .hasMessageContaining("进驻动员会日期：须在进驻期间（2022-04-21 至 2022-06-10）")
        .hasMessageContaining("信访受理截止日期：须在进驻期间（2022-04-21 至 2022-06-10）")
        .hasMessageContaining("信访受理截止时间：时间格式应为 时:分")
        .hasMessageContaining("信访渠道第 1 项·号码、地址或链接：电话请填写固定电话")
        .hasMessageContaining("信访渠道第 2 项·号码、地址或链接：电子邮箱格式不正确")
        .hasMessageContaining("信访渠道第 3 项·接待时间：接待窗口须写明接待时间")
        .hasMessageContaining("信访渠道第 4 项·号码、地址或链接：网址须以 http:// 或 https:// 开头")
        .hasMessageContaining("信访渠道第 5 项·渠道类别：“传真”不是可选项")
        .hasMessageContaining("信访渠道第 6 项·号码、地址或链接：不能为空");
    assertThatThrownBy(() -> steps.announce(announcement, Map.of()))
        .as("a notice dated later than today could never be signed by the unit")
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("书面通知印发日期：不能晚于今天（2022-04-01）；被巡察单位随即签收，请在通知印发后再提交本任务");

    assertThat(announcement).isWaitingAt("Task_PrepareAnnouncement");
    assertThat(RecordFields.find(records, unitId(), cn.xuncha.announcement.Announcement.class)).isEmpty();
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(announcement.getId()).count()).isZero();
  }

  @Test
  void anAnnouncementMayNameNoChannelAndItsRowsAreKeptAsEntered() {
    ProcedureSteps.at("2022-04-18T09:00");
    steps.announce(announcement, Map.of("channels", "[{}]", "petitionsCloseAt", ""));

    assertThat(records.find(unitId(), Announcement.class)).get().satisfies(record -> {
      assertThat(record.channels()).as("a row left empty is no channel").isEmpty();
      assertThat(record.petitionsCloseAt()).isNull();
    });
  }

  private long unitId() {
    return units.unitIdOf(roundKey, "unit1");
  }

}

package cn.xuncha.announcement;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The unit's acknowledgement of the written notice (step-05-notice-ack), started as the
 * announcement step calls it, from an announcement record of a notice sent on 2022-04-18.
 */
@XunchaSpringTest
class NoticeAckStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  long unitId;
  ProcessInstance acknowledgement;

  @BeforeEach
  void startStep() {
    String roundKey = fixture.sampleRoundAt("2022-04-18T09:00");
    unitId = units.unitIdOf(roundKey, "unit1");
    records.save(unitId, new Announcement(LocalDate.of(2022, 4, 18), "县融媒体中心", LocalDate.of(2022, 4, 18), "乡政府院内",
        LocalDate.of(2022, 4, 21), "乡政府会议室", java.util.List.of(new PetitionChannel("电话", "12388", null, null)),
        LocalDate.of(2022, 6, 3), null),
        "office1", Instant.now());
    acknowledgement = fixture.startForUnit("step-05-notice-ack", roundKey, "unit1", Map.of());
  }

  @Test
  void unitSignsTheNoticeOnTheDayItIsSentButNotBefore() {
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeNotice").task().hasCandidateGroup("unit1");
    assertThat(new ProcedureSteps(engine).readers(acknowledgement)).containsExactlyInAnyOrder("unit1");
    assertThat((String) engine.getTaskService().getVariable(steps.task(acknowledgement, "Task_AcknowledgeNotice", null).getId(), "notice"))
        .contains("2022-04-21", "乡政府会议室", "书面通知印发日期：2022-04-18");

    assertThatThrownBy(() -> sign("2022-04-17"))
        .isInstanceOf(InvalidInputException.class).hasMessage("签收日期：须在通知印发日期（2022-04-18）与今天（2022-04-18）之间");
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeNotice");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.announcement.NoticeAcknowledgement.class)).isEmpty();

    sign("2022-04-18");

    assertThat(acknowledgement).hasPassed("EndEvent_NoticeAckStep").isEnded();
    assertThat(RecordFields.find(records, unitId, cn.xuncha.announcement.NoticeAcknowledgement.class)).get()
        .satisfies(record -> assertThat(record).containsEntry("receivedOn", "2022-04-18").containsEntry("receivedBy", "党政办主任"));
  }

  @Test
  void receiptCannotBeDatedAfterToday() {
    assertThatThrownBy(() -> steps.acknowledge(acknowledgement, "unit1"))
        .isInstanceOf(InvalidInputException.class).hasMessage("签收日期：须在通知印发日期（2022-04-18）与今天（2022-04-18）之间");
    assertThat(acknowledgement).isWaitingAt("Task_AcknowledgeNotice");

    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(acknowledgement, "unit1");

    assertThat(acknowledgement).isEnded();
    assertThat(RecordFields.find(records, unitId, cn.xuncha.announcement.NoticeAcknowledgement.class)).get()
        .satisfies(record -> assertThat(record).containsEntry("receivedOn", "2022-04-19"));
  }

  private void sign(String receivedOn) {
    steps.complete("unit1", acknowledgement, "Task_AcknowledgeNotice", null, Map.of(
        "receivedOn", receivedOn, "receivedBy", "党政办主任", "liaisonGroup", "党委副书记"));
  }
}

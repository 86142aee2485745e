package cn.xuncha.publication;

import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.RecordFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Step 10, {@code step-10-publication}: the office reports the results to the county committee and
 * records their publication, neither dated in the future and published only after reporting.
 */
@XunchaSpringTest
class PublicationStepTest extends StepTestSupport {

  @Autowired
  UnitRecords records;
  long unitId;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    String round = fixture.sampleRoundAt("2022-08-01T09:00");
    unitId = units.unitIdOf(round, "unit1");
    step = fixture.startForUnit("step-10-publication", round, "unit1", Map.of());
  }

  @Test
  void officePublishesTheResultsAfterReportingThemToTheCommittee() {
    assertThat(step).isWaitingAt("Task_PublishResults").task().hasCandidateGroup("office");
    assertThatThrownBy(() -> publish(Map.of("publishedOn", "2022-07-27")))
        .isInstanceOf(InvalidInputException.class).hasMessage("公开日期：须在报县委之后");
    assertThatThrownBy(() -> publish(Map.of("publishedOn", "2022-08-02")))
        .isInstanceOf(InvalidInputException.class).hasMessage("报县委日期、公开日期：不能晚于今天");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.publication.Publication.class)).isEmpty();
    assertThat(step).isWaitingAt("Task_PublishResults");

    steps.publish(step);
    assertThat(step).isEnded().hasPassed("EndEvent_PublicationStep");
    assertThat(RecordFields.find(records, unitId, cn.xuncha.publication.Publication.class).orElseThrow())
        .containsEntry("reportedOn", "2022-07-28").containsEntry("publishedOn", "2022-08-01").containsEntry("channel", "县融媒体中心");
  }

  private void publish(Map<String, Object> changes) {
    Map<String, Object> values = new HashMap<>(Map.of("reportedOn", "2022-07-28", "publishedOn", "2022-08-01",
        "channel", "县融媒体中心", "content", "巡察整改情况通报"));
    values.putAll(changes);
    steps.complete("office1", step, "Task_PublishResults", null, values);
  }
}

package cn.xuncha.onsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sample round run from plan to publication, and what must then be true, on whichever database the caller gives. */
final class SampleRoundScenario {

  private SampleRoundScenario() {
  }

  static ProcessInstance runAndCheck(ProcessEngine engine, JdbcClient jdbc) {
    AbstractAssertions.init(engine);
    try {
      ProcessInstance round = new ProcedureSteps(engine).runSampleRoundToPublication();
      assertThat(round).isEnded().hasPassed("CallActivity_InspectUnits");
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(round.getId())
          .processDefinitionKey("unit-inspection").finished().count()).isEqualTo(7);
      long roundId = jdbc.sql("select id from xc_round where business_key = ?").param(round.getBusinessKey()).query(Long.class).single();
      assertThat(jdbc.sql("select count(*) from xc_unit where round_id = ? and withdrawn_at is not null").param(roundId)
          .query(Long.class).single()).isEqualTo(7);
      assertThat(jdbc.sql("""
              select count(*) from xc_inspected_village i join xc_unit u on u.id = i.unit_id where u.round_id = ?""")
          .param(roundId).query(Long.class).single()).isEqualTo(12 + 16 + 12 + 12 + 12 + 11 + 12);
      assertThat(jdbc.sql("""
              select count(*) from xc_working_paper p join xc_unit u on u.id = p.unit_id
              where u.round_id = ? and p.status = 'CONFIRMED'""").param(roundId).query(Long.class).single()).isEqualTo(7);
      assertThat(jdbc.sql("select count(*) from xc_escalation where round_id = ?").param(roundId).query(Long.class).single()).isZero();
      assertThat(jdbc.sql("""
              select count(*) from xc_unit_record r join xc_unit u on u.id = r.unit_id
              where u.round_id = ? and r.kind = 'PUBLICATION'""").param(roundId).query(Long.class).single()).isEqualTo(7);
      assertThat(jdbc.sql("""
              select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id join xc_clue_transfer t on t.clue_id = c.id
              where u.round_id = ? and c.status = 'ANSWERED' and t.receiver = 'dept-discipline' and t.replied_at is not null""")
          .param(roundId).query(Long.class).single()).isEqualTo(7);
      assertThat(jdbc.sql("""
              select count(*) from xc_rectification_item i join xc_unit u on u.id = i.unit_id
              where u.round_id = ? and i.status = 'CLOSED'""").param(roundId).query(Long.class).single()).isEqualTo(7);
      return round;
    } finally {
      AbstractAssertions.reset();
    }
  }
}

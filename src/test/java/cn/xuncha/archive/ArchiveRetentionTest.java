package cn.xuncha.archive;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.StepTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The office's retention rule (xuncha.archive.retention-years, 30 here) reaches every definition as
 * its history time-to-live, the cleanup runs at night Beijing time, and the application's records of
 * a round go only when the engine's history of its round instance is gone and the rule allows.
 */
@XunchaSpringTest
class ArchiveRetentionTest extends StepTestSupport {

  @Autowired
  ArchiveRetention retention;
  @Autowired
  JdbcClient jdbc;

  @Test
  void everyDeployedDefinitionKeepsItsHistoryThirtyYearsAndCleansUpAtNightBeijingTime() {
    int days = ArchiveRetention.ttlDays(30);
    assertThat(days).as("at least 30 years whatever the leap years").isGreaterThanOrEqualTo(30 * 365 + 8);
    // the models of processes/ (other tests deploy models of their own into the shared engine)
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().list()).filteredOn(d -> d.getResourceName().contains("processes/"))
        .hasSizeGreaterThan(20).allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isEqualTo(days));
    assertThat(engine.getRepositoryService().createDecisionDefinitionQuery().list()).filteredOn(d -> d.getResourceName().contains("processes/"))
        .isNotEmpty().allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isEqualTo(days));
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.isEnforceHistoryTimeToLive()).isTrue();
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
    ZonedDateTime start = ZonedDateTime.now().withHour(Integer.parseInt(configuration.getHistoryCleanupBatchWindowStartTime().substring(0, 2)))
        .withMinute(Integer.parseInt(configuration.getHistoryCleanupBatchWindowStartTime().substring(3)));
    assertThat(start.withZoneSameInstant(cn.xuncha.system.ChinaTime.ZONE).getHour()).as("the window opens at 01:00 Beijing time").isEqualTo(1);
    assertThat(ArchiveRetention.ttlDays(0)).as("0 years: kept for good").isNull();
  }

  @Test
  void aRoundsRecordsGoOnlyOnceItsHistoryIsGoneAndTheRuleAllows() {
    ProcedureSteps.at("2022-04-01T09:00");
    String cleaned = fixture.sampleRound();
    String withHistory = fixture.sampleRound();
    String recent = fixture.sampleRound();
    Timestamp longAgo = Timestamp.from(Instant.parse("1990-01-01T00:00:00Z"));
    jdbc.sql("update xc_round set created_at = ? where business_key in (?, ?)").params(longAgo, cleaned, withHistory).update();
    jdbc.sql("""
            insert into act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, proc_def_id_, start_time_, state_)
            values ('archive-test', 'archive-test', ?, 'inspection-round', 'inspection-round:1:x', ?, 'COMPLETED')""")
        .params(withHistory, longAgo).update();
    long units = unitsOf(cleaned);
    assertThat(units).isPositive();

    assertThat(retention.removeRoundsWithoutHistory()).containsExactly(cleaned);

    assertThat(jdbc.sql("select count(*) from xc_round where business_key = ?").param(cleaned).query(Long.class).single()).isZero();
    assertThat(unitsOf(cleaned)).as("its units and everything under them go with it").isZero();
    assertThat(jdbc.sql("select count(*) from xc_round where business_key in (?, ?)").params(withHistory, recent).query(Long.class).single())
        .as("a round whose history the engine still keeps, and a round younger than the rule, stay").isEqualTo(2);
    jdbc.sql("delete from act_hi_procinst where id_ = 'archive-test'").update();
  }

  private long unitsOf(String roundKey) {
    return jdbc.sql("select count(*) from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ?").param(roundKey)
        .query(Long.class).single();
  }
}

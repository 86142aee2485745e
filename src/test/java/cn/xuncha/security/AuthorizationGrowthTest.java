package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine's authorization table grows with parties and instances, not with tasks (issue 16, item
 * 5): a round run to publication leaves one history row per instance and party that works in it
 * (its read access to its finished work), none for its tasks, none for the instances that ended,
 * none for the overseers (who read every instance), and a second round as many rows as the first.
 */
@XunchaSpringTest
class AuthorizationGrowthTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;

  @Test
  void aRoundLeavesOneHistoryRowPerInstanceAndPartyAndASecondRoundAsMany() {
    long before = rows();
    ProcessInstance first = new ProcedureSteps(engine).runSampleRoundToPublication();
    long afterOne = rows();
    ProcessInstance second = new ProcedureSteps(engine).runSampleRoundToPublication();
    long afterTwo = rows();

    String firstKey = first.getBusinessKey();
    System.out.printf("Authorization rows: %d before, +%d after a round run to publication (7 units, %d instances, %d of them deadline"
            + " watches, which no longer get rows), +%d after a second%n", before, afterOne - before, instancesOf(firstKey),
        jdbc.sql("select count(*) from act_hi_procinst where business_key_ like ?").param(firstKey + "%#%").query(Long.class).single(),
        afterTwo - afterOne);
    assertThat(afterOne - before).as("rows a round leaves: one history row per instance and party (README)").isEqualTo(192);
    assertThat(afterTwo - afterOne).as("the second round, the same work: as many rows").isEqualTo(afterOne - before);
    assertThat(count("resource_type_ in (?, ?) and resource_id_ <> '*' and resource_id_ not in (select id_ from act_ru_task)",
        Resources.TASK.resourceType(), Resources.HISTORIC_TASK.resourceType())).as("rows for finished tasks").isZero();
    assertThat(count("resource_type_ = ? and resource_id_ <> '*' and resource_id_ not in (select id_ from act_ru_execution)",
        Resources.PROCESS_INSTANCE.resourceType())).as("runtime rows of ended instances").isZero();
    assertThat(count("resource_type_ in (?, ?) and resource_id_ <> '*' and group_id_ in ('office', 'leading-group', 'committee')",
        Resources.PROCESS_INSTANCE.resourceType(), Resources.HISTORIC_PROCESS_INSTANCE.resourceType())).as("overseers' own instance rows").isZero();

    String key = second.getBusinessKey();
    long historyRows = count("resource_type_ = ? and resource_id_ in (" + INSTANCES + ")", Resources.HISTORIC_PROCESS_INSTANCE.resourceType(),
        key, key + "/%", key + "#%");
    long pairs = jdbc.sql("select count(*) from (select distinct resource_id_, group_id_ from act_ru_authorization where resource_type_ = ?"
            + " and resource_id_ in (" + INSTANCES + ")) pairs")
        .params(Resources.HISTORIC_PROCESS_INSTANCE.resourceType(), key, key + "/%", key + "#%").query(Long.class).single();
    assertThat(historyRows).as("one per instance and party").isEqualTo(pairs).isLessThanOrEqualTo(2 * instancesOf(key));
  }

  private static final String INSTANCES = "select id_ from act_hi_procinst where business_key_ = ? or business_key_ like ? or business_key_ like ?";

  private long rows() {
    return jdbc.sql("select count(*) from act_ru_authorization").query(Long.class).single();
  }

  private long instancesOf(String roundKey) {
    return jdbc.sql("select count(*) from (" + INSTANCES + ") i").params(roundKey, roundKey + "/%", roundKey + "#%").query(Long.class).single();
  }

  private long count(String where, Object... params) {
    return jdbc.sql("select count(*) from act_ru_authorization where " + where).params(params).query(Long.class).single();
  }
}

package cn.xuncha.overview;

import cn.xuncha.county.HomeCounty;
import java.util.ArrayList;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The overview's read model (table {@code xc_running_instance}, issue 16): the round and unit each
 * running process instance works on, so that a page of units finds its open tasks, and the colour
 * filter its units, through an index — whatever the number of rounds kept — instead of matching
 * business-key prefixes over every instance. Every process gets a start listener that adds the
 * instance's row — and a start event with listeners of its own an end listener that adds it if it is
 * still missing, since such a listener may give the instance its key (RoundStartedListener) — and an
 * end listener that removes it (BPMN parse listeners after the models' own, no BPMN change; all run
 * in the command's transaction, so the table changes with the engine's own rows or not at all). The
 * round and unit are read from the business key ({@link #roundAndUnit}), which every instance of a
 * round has: the round's processes {@code 2022-2}, a unit's {@code 2022-2/unit1}, a clue transfer
 * {@code 2022-2/unit1/17}, a deadline watch the watched key with {@code #D4}. An instance without one
 * (the calendar) gets no row. Instances running when this was installed get theirs at start-up, and
 * rows of instances that ended without their listener (deleted with custom listeners skipped) are
 * removed then; readers join the engine's runtime tables, so such a row shows nothing meanwhile.
 */
@Component
class RunningInstances extends AbstractProcessEnginePlugin {

  private final ObjectProvider<JdbcClient> jdbc;
  private final HomeCounty home;

  RunningInstances(ObjectProvider<JdbcClient> jdbc, HomeCounty home) {
    this.jdbc = jdbc;
    this.home = home;
  }

  /** A round's business key and, for a unit's instance, the unit's group (null for the round's own). */
  record RoundAndUnit(String roundKey, String unitGroup) {
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) RunningInstances.this::started);
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) RunningInstances.this::ended);
      }

      @Override
      public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEvent) {
        // A start event's own listener may give the instance its key (RoundStartedListener): look again once it has run.
        if (scope instanceof ProcessDefinitionEntity && startEvent.getListeners(ExecutionListener.EVENTNAME_START).size()
            > startEvent.getBuiltInListeners(ExecutionListener.EVENTNAME_START).size()) {
          startEvent.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) RunningInstances.this::keyedAtStart);
        }
      }
    });
  }

  private void started(DelegateExecution execution) {
    roundAndUnit(execution.getProcessBusinessKey()).ifPresent(found -> add(execution.getProcessInstanceId(), execution.getTenantId(), found));
  }

  private void keyedAtStart(DelegateExecution execution) {
    String instanceId = execution.getProcessInstanceId();
    roundAndUnit(execution.getProcessBusinessKey()).ifPresent(found -> {
      if (jdbc.getObject().sql("select count(*) from xc_running_instance where proc_inst_id = ?").param(instanceId).query(Long.class).single() == 0) {
        add(instanceId, execution.getTenantId(), found);
      }
    });
  }

  private void ended(DelegateExecution execution) {
    jdbc.getObject().sql("delete from xc_running_instance where proc_inst_id = ?").param(execution.getProcessInstanceId()).update();
  }

  /** Adds the instance's row; its county is the instance's tenant ({@code CountyTenants}), the home county for one without. */
  private void add(String instanceId, String tenantId, RoundAndUnit found) {
    jdbc.getObject().sql("insert into xc_running_instance (proc_inst_id, round_key, unit_group, county) values (?, ?, ?, ?)")
        .params(instanceId, found.roundKey(), found.unitGroup(), tenantId == null ? home.code() : tenantId).update();
  }

  /**
   * Brings the table in line with the engine's running instances (an upgraded database, or an instance
   * deleted without listeners): two statements over running instances only, so start-up does not grow
   * with history.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void catchUp() {
    JdbcClient client = jdbc.getObject();
    client.sql("delete from xc_running_instance where not exists (select 1 from act_ru_execution e where e.id_ = proc_inst_id)").update();
    record Missing(String id, String businessKey, String tenantId) {
    }
    client.sql("""
            select e.id_, e.business_key_, e.tenant_id_ from act_ru_execution e where e.id_ = e.proc_inst_id_ and e.business_key_ is not null
            and not exists (select 1 from xc_running_instance x where x.proc_inst_id = e.id_)""")
        .query((rs, row) -> new Missing(rs.getString(1), rs.getString(2), rs.getString(3))).list()
        .forEach(missing -> roundAndUnit(missing.businessKey()).ifPresent(found -> add(missing.id(), missing.tenantId(), found)));
  }

  /**
   * The round and unit a business key names: what precedes {@code #} (a deadline watch's suffix),
   * split at {@code /} into the round's key, the unit's group and (a clue transfer) the clue; empty
   * for no key.
   */
  static Optional<RoundAndUnit> roundAndUnit(String businessKey) {
    if (businessKey == null || businessKey.isBlank()) {
      return Optional.empty();
    }
    int watch = businessKey.indexOf('#');
    String[] parts = (watch < 0 ? businessKey : businessKey.substring(0, watch)).split("/");
    return Optional.of(new RoundAndUnit(parts[0], parts.length > 1 ? parts[1] : null));
  }
}

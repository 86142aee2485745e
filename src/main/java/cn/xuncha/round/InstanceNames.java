package cn.xuncha.round;

import cn.xuncha.system.Departments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names of the round, unit, team and department an instance works on, as process variables
 * ({@link #VARIABLES}) that Tasklist's filters show on every task card, so that six cards
 * “分析研判：谈话与重点问题” read 赵村镇党委 · 第一巡察组 · 十五届县委第二轮巡察 instead of being
 * identical. Every user task gets a create listener (a BPMN parse listener, no BPMN change) that,
 * when its process instance has no names yet, looks them up from the instance's {@code roundKey},
 * {@code unitGroup}, {@code teamGroup} and {@code department} or {@code receiver} — by one statement
 * and, for a department, one identity query — and stores them on the process instance, where
 * Tasklist's filters read a task's variables. So only instances that show a card carry names: a
 * deadline watch gets them with its escalation task, most never (issue 16: four statements less
 * per variable not written); an instance without a round (the calendar) gets none, and step 1 gets
 * them once its plan has a name. Instances with open tasks that have none (an upgraded database)
 * get theirs once at start-up ({@link #nameEarlierInstances}). Only the application writes them
 * (cn.xuncha.security.ProtectedVariables).
 */
@Component
public class InstanceNames extends AbstractProcessEnginePlugin {

  public static final String ROUND = "roundLabel";
  public static final String UNIT = "unitLabel";
  public static final String TEAM = "teamLabel";
  public static final String DEPARTMENT = "departmentLabel";
  /** Name and Chinese label of each variable, in the order the cards show them. */
  public static final Map<String, String> VARIABLES = labels();
  /** The variables the names are looked up by. */
  private static final List<String> KEYS = List.of(RoundVariables.ROUND_KEY, RoundVariables.UNIT_GROUP, RoundVariables.TEAM_GROUP,
      "department", "receiver");

  private final ObjectProvider<RoundRepository> rounds;
  private final ObjectProvider<Departments> departments;
  private final ObjectProvider<RuntimeService> runtimeService;
  private final ObjectProvider<ManagementService> managementService;
  private final ObjectProvider<JdbcClient> jdbc;

  InstanceNames(ObjectProvider<RoundRepository> rounds, ObjectProvider<Departments> departments,
      ObjectProvider<RuntimeService> runtimeService, ObjectProvider<ManagementService> managementService, ObjectProvider<JdbcClient> jdbc) {
    this.rounds = rounds;
    this.departments = departments;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.jdbc = jdbc;
  }

  private static Map<String, String> labels() {
    Map<String, String> labels = new LinkedHashMap<>();
    // Tasklist shows the first two on the card and the others when it is expanded.
    labels.put(UNIT, "被巡察党组织");
    labels.put(DEPARTMENT, "部门");
    labels.put(ROUND, "轮次");
    labels.put(TEAM, "巡察组");
    return Collections.unmodifiableMap(labels);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element taskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) InstanceNames.this::name);
      }
    });
  }

  /** Names the process instance of a task being created, unless it has its names already. */
  private void name(DelegateTask task) {
    DelegateExecution instance = task.getExecution().getProcessInstance();
    if (!instance.hasVariableLocal(ROUND)) {
      instance.setVariablesLocal(namesOf(instance::getVariableLocal));
    }
  }

  /**
   * Names the running instances whose open tasks were created before the names existed (an upgraded
   * database). One statement on the engine's runtime tables (named by {@link ManagementService#getTableName};
   * the engine's queries cannot ask for a variable's absence) finds the process instances that have
   * an open task and a {@code roundKey} but no {@code roundLabel} on their own scope, where the task
   * listener puts it. So start-up reads no finished instance, no instance that shows no card (a
   * deadline watch before its escalation), and nothing more once every such instance is named.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void nameEarlierInstances() {
    RuntimeService runtime = runtimeService.getObject();
    ManagementService management = managementService.getObject();
    String onOwnScope = "select 1 from " + management.getTableName(VariableInstanceEntity.class) + " V where V.EXECUTION_ID_ = E.ID_ and V.NAME_ = ";
    List<String> unnamed = jdbc.getObject()
        .sql("select E.ID_ from " + management.getTableName(ExecutionEntity.class) + " E where E.ID_ = E.PROC_INST_ID_"
            + " and exists (" + onOwnScope + "?) and not exists (" + onOwnScope + "?)"
            + " and exists (select 1 from " + management.getTableName(TaskEntity.class) + " T where T.PROC_INST_ID_ = E.ID_)")
        .params(RoundVariables.ROUND_KEY, ROUND).query(String.class).list();
    for (String instanceId : unnamed) {
      Map<String, Object> scope = runtime.getVariables(instanceId, KEYS);
      runtime.setVariables(instanceId, namesOf(scope::get));
    }
  }

  /**
   * The names for an instance whose variables {@code scope} gives: the round's, unit's and team's by
   * one statement ({@link RoundRepository#labels}), the department's from the identity service. The
   * round plan is not loaded: this runs at the start of every process instance.
   */
  Map<String, Object> namesOf(Function<String, Object> scope) {
    Map<String, Object> names = new LinkedHashMap<>();
    String roundKey = text(scope, RoundVariables.ROUND_KEY);
    String unitGroup = text(scope, RoundVariables.UNIT_GROUP);
    String teamGroup = text(scope, RoundVariables.TEAM_GROUP);
    Optional<RoundRepository.Labels> labels = roundKey == null ? Optional.empty() : rounds.getObject().labels(roundKey, unitGroup, teamGroup);
    labels.ifPresent(found -> {
      putIfNamed(names, ROUND, found.round());
      if (found.unit() != null) {
        names.put(UNIT, found.unit());
        if (teamGroup == null) {
          putIfNamed(names, TEAM, found.unitTeam());
        }
      }
      putIfNamed(names, TEAM, found.team());
    });
    String department = Optional.ofNullable(text(scope, "department")).orElse(text(scope, "receiver"));
    if (department != null && !department.equals(unitGroup)) {
      departments.getObject().name(department).ifPresent(name -> names.put(DEPARTMENT, name));
    }
    return names;
  }

  private static void putIfNamed(Map<String, Object> names, String variable, String name) {
    if (name != null) {
      names.put(variable, name);
    }
  }

  private static String text(Function<String, Object> scope, String name) {
    return scope.apply(name) instanceof String value ? value : null;
  }
}

package cn.xuncha.round;

import cn.xuncha.system.Departments;
import cn.xuncha.system.ExtensionProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names of the round, unit, team and department an instance works on, as process variables
 * ({@link #VARIABLES}) that Tasklist's filters show on every task card, so that six cards
 * “分析研判：谈话与重点问题” read 赵村镇党委 · 第一巡察组 · 十五届县委第二轮巡察 instead of being
 * identical, and Cockpit's instance lists (static/js/xuncha-cockpit.js) show them beside each
 * instance. Every process gets a start listener (a BPMN parse listener, no BPMN change) that looks
 * the names up from the instance's {@code roundKey}, {@code unitGroup}, {@code teamGroup} and
 * {@code department} or {@code receiver} — by one statement and, for a department, one identity
 * query — and stores them on the instance; an instance without them (step 1 before the plan has a
 * name, the calendar) gets none. A process whose instances mostly end unseen declares
 * {@code <camunda:property name="instanceNames" value="withFirstTask"/>} (the deadline watch: 64
 * instances a round, of which few escalate) and gets its names with its first task instead, four
 * statements fewer per name for every instance that never shows a card (issue 16). Instances started
 * before this existed get theirs once at start-up ({@link #nameEarlierInstances}). Only the
 * application writes them (cn.xuncha.security.ProtectedVariables).
 */
@Component
public class InstanceNames extends AbstractProcessEnginePlugin {

  public static final String ROUND = "roundLabel";
  public static final String UNIT = "unitLabel";
  public static final String TEAM = "teamLabel";
  public static final String DEPARTMENT = "departmentLabel";
  /** Name and Chinese label of each variable, in the order the cards show them. */
  public static final Map<String, String> VARIABLES = labels();
  /** The process extension property that defers the names to the first task, and its value. */
  static final String PROPERTY = "instanceNames";
  static final String WITH_FIRST_TASK = "withFirstTask";
  private static final Logger LOG = LoggerFactory.getLogger(InstanceNames.class);
  /** The variables the names are looked up by. */
  private static final List<String> KEYS = List.of(RoundVariables.ROUND_KEY, RoundVariables.UNIT_GROUP, RoundVariables.TEAM_GROUP,
      "department", "receiver");

  private final ObjectProvider<RoundRepository> rounds;
  private final ObjectProvider<Departments> departments;
  private final ObjectProvider<RuntimeService> runtimeService;
  private final ObjectProvider<ManagementService> managementService;
  private final ObjectProvider<JdbcClient> jdbc;
  /** Keys of the processes named with their first task, as their deployments are parsed. */
  private final Set<String> namedWithFirstTask = ConcurrentHashMap.newKeySet();

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
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        if (WITH_FIRST_TASK.equals(ExtensionProperties.of(processElement, PROPERTY))) {
          namedWithFirstTask.add(processDefinition.getKey());
        } else {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) InstanceNames.this::name);
        }
      }

      @Override
      public void parseUserTask(Element taskElement, ScopeImpl scope, ActivityImpl activity) {
        ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
            .addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) InstanceNames.this::nameWithFirstTask);
      }
    });
  }

  private void name(DelegateExecution execution) {
    execution.setVariables(namesOf(execution::getVariable));
  }

  /** Names the process instance of a task being created when its process is named with its first task and it has no names yet. */
  private void nameWithFirstTask(DelegateTask task) {
    DelegateExecution instance = task.getExecution().getProcessInstance();
    if (namedWithFirstTask.contains(((ExecutionEntity) instance).getProcessDefinition().getKey()) && !instance.hasVariableLocal(ROUND)) {
      instance.setVariablesLocal(namesOf(instance::getVariableLocal));
    }
  }

  /**
   * Names the running instances started before the names existed (an upgraded database). One
   * statement on the engine's runtime tables (named by {@link ManagementService#getTableName}; the
   * engine's queries cannot ask for a variable's absence) finds the process instances that have a
   * {@code roundKey} but no {@code roundLabel} on their own scope, where the listeners put both, with
   * their process's key and whether they have an open task; an instance of a process named with its
   * first task is named only when it has one. So start-up reads no finished instance, and nothing
   * more once every such instance is named. An instance named meanwhile by its own listener (a
   * unique variable name) is left as it is.
   */
  @EventListener(ApplicationStartedEvent.class)
  public void nameEarlierInstances() {
    RuntimeService runtime = runtimeService.getObject();
    ManagementService management = managementService.getObject();
    String onOwnScope = "select 1 from " + management.getTableName(VariableInstanceEntity.class) + " V where V.EXECUTION_ID_ = E.ID_ and V.NAME_ = ";
    List<Unnamed> unnamed = jdbc.getObject()
        .sql("select E.ID_, D.KEY_, case when exists (select 1 from " + management.getTableName(TaskEntity.class)
            + " T where T.PROC_INST_ID_ = E.ID_) then 1 else 0 end from " + management.getTableName(ExecutionEntity.class) + " E"
            + " join " + management.getTableName(ProcessDefinitionEntity.class) + " D on D.ID_ = E.PROC_DEF_ID_"
            + " where E.ID_ = E.PROC_INST_ID_ and exists (" + onOwnScope + "?) and not exists (" + onOwnScope + "?)")
        .params(RoundVariables.ROUND_KEY, ROUND)
        .query((row, n) -> new Unnamed(row.getString(1), row.getString(2), row.getInt(3) == 1)).list();
    for (Unnamed instance : unnamed) {
      if (instance.hasTask() || !namedWithFirstTask.contains(instance.processKey())) {
        try {
          Map<String, Object> scope = runtime.getVariables(instance.id(), KEYS);
          runtime.setVariables(instance.id(), namesOf(scope::get));
        } catch (ProcessEngineException namedMeanwhile) {
          LOG.info("Instance {} not named at start-up: {}", instance.id(), namedMeanwhile.getMessage());
        }
      }
    }
  }

  private record Unnamed(String id, String processKey, boolean hasTask) {
  }

  /**
   * The names for an instance whose variables {@code scope} gives: the round's, unit's and team's by
   * one statement ({@link RoundRepository#labels}), the department's from the identity service. The
   * round plan is not loaded: this runs at the start of almost every process instance.
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

package cn.xuncha.round;

import cn.xuncha.round.RoundPlan.Team;
import cn.xuncha.system.Departments;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The names of the round, unit, team and department an instance works on, as process variables
 * ({@link #VARIABLES}) that Tasklist's filters show on every task card, so that six cards
 * “分析研判：谈话与重点问题” read 赵村镇党委 · 第一巡察组 · 十五届县委第二轮巡察 instead of being
 * identical. Every process gets a start listener (a BPMN parse listener, no BPMN change) that looks
 * the names up from the instance's {@code roundKey}, {@code unitGroup}, {@code teamGroup} and
 * {@code department} or {@code receiver}; an instance without them (step 1 before the plan has a
 * name, the calendar) gets none. Instances started before this existed get theirs once at start-up.
 * Only the application writes them (cn.xuncha.security.ProtectedVariables).
 */
@Component
public class InstanceNames extends AbstractProcessEnginePlugin {

  public static final String ROUND = "roundLabel";
  public static final String UNIT = "unitLabel";
  public static final String TEAM = "teamLabel";
  public static final String DEPARTMENT = "departmentLabel";
  /** Name and Chinese label of each variable, in the order the cards show them. */
  public static final Map<String, String> VARIABLES = labels();

  private final ObjectProvider<RoundRepository> rounds;
  private final ObjectProvider<Departments> departments;
  private final ObjectProvider<RuntimeService> runtimeService;

  InstanceNames(ObjectProvider<RoundRepository> rounds, ObjectProvider<Departments> departments,
      ObjectProvider<RuntimeService> runtimeService) {
    this.rounds = rounds;
    this.departments = departments;
    this.runtimeService = runtimeService;
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
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) InstanceNames.this::name);
      }
    });
  }

  private void name(DelegateExecution execution) {
    execution.setVariables(namesOf(execution::getVariable));
  }

  /** Names the running instances started before the names existed (an upgraded database). */
  @EventListener(ApplicationStartedEvent.class)
  public void nameEarlierInstances() {
    RuntimeService runtime = runtimeService.getObject();
    Set<String> named = instancesWith(runtime, ROUND);
    for (String instanceId : instancesWith(runtime, RoundVariables.ROUND_KEY)) {
      if (!named.contains(instanceId)) {
        runtime.setVariables(instanceId, namesOf(name -> runtime.getVariable(instanceId, name)));
      }
    }
  }

  /** The running instances that have the variable on their own scope (where the start listener puts it). */
  private static Set<String> instancesWith(RuntimeService runtime, String variable) {
    return runtime.createVariableInstanceQuery().variableName(variable).list().stream()
        .filter(value -> value.getExecutionId().equals(value.getProcessInstanceId()))
        .map(VariableInstance::getProcessInstanceId).collect(Collectors.toSet());
  }

  private Map<String, Object> namesOf(Function<String, Object> scope) {
    Map<String, Object> names = new LinkedHashMap<>();
    String roundKey = text(scope, RoundVariables.ROUND_KEY);
    Optional<RoundPlan> plan = roundKey == null ? Optional.empty() : rounds.getObject().findPlan(roundKey);
    plan.map(RoundPlan::name).ifPresent(name -> names.put(ROUND, name));
    String unitGroup = text(scope, RoundVariables.UNIT_GROUP);
    String teamGroup = text(scope, RoundVariables.TEAM_GROUP);
    plan.flatMap(p -> p.units().stream().filter(unit -> unit.groupId().equals(unitGroup)).findFirst()).ifPresent(unit -> {
      names.put(UNIT, unit.name());
      if (teamGroup == null) {
        names.put(TEAM, plan.get().teamOf(unit).name());
      }
    });
    plan.flatMap(p -> p.teams().stream().filter(team -> team.groupId().equals(teamGroup)).findFirst())
        .map(Team::name).ifPresent(name -> names.put(TEAM, name));
    String department = Optional.ofNullable(text(scope, "department")).orElse(text(scope, "receiver"));
    if (department != null && !department.equals(unitGroup)) {
      departments.getObject().name(department).ifPresent(name -> names.put(DEPARTMENT, name));
    }
    return names;
  }

  private static String text(Function<String, Object> scope, String name) {
    return scope.apply(name) instanceof String value ? value : null;
  }
}

package cn.xuncha.round;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/**
 * Starts one step's process directly from seeded records, without replaying the steps before it:
 * the round plan is stored as approved (as step 1 leaves it), and the step's process gets exactly
 * the variables its caller's call activity maps in ({@code camunda:in} of the spine), so a test
 * also proves the contract between the spine and the step.
 */
public final class StepFixture {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}");

  private final ProcessEngine engine;
  private final RoundRepository rounds;
  private final RoundUnits units;
  private final TeamGroups teamGroups;

  public StepFixture(ProcessEngine engine, RoundRepository rounds, RoundUnits units, TeamGroups teamGroups) {
    this.engine = engine;
    this.rounds = rounds;
    this.units = units;
    this.teamGroups = teamGroups;
  }

  /**
   * Stores {@code plan} as an approved round under {@code roundKey} (unique per test), with its teams'
   * groups formed as approval forms them ({@link TeamGroups#form}), and returns the key.
   */
  public String approvedRound(String roundKey, RoundPlan plan) {
    rounds.saveSubmitted(roundKey, "county", plan, "office1", Instant.now());
    rounds.markApproved(roundKey, Instant.now());
    teamGroups.form(units.plan(roundKey));
    return roundKey;
  }

  /** The group of the round's team {@code teamNo} (第N巡察组 of this round only). */
  public String teamGroup(String roundKey, int teamNo) {
    return units.plan(roundKey).teams().stream().filter(team -> team.teamNo() == teamNo).findFirst().orElseThrow().groupId();
  }

  /** The sample round ({@link SampleRound#plan()}) stored as approved under a fresh key; returns the key. */
  public String sampleRound() {
    return approvedRound("round-" + java.util.UUID.randomUUID(), SampleRound.plan());
  }

  /** Moves the clock to {@code beijingDateTime} and stores the sample round there ({@link #sampleRound()}); returns its key. */
  public String sampleRoundAt(String beijingDateTime) {
    ProcedureSteps.at(beijingDateTime);
    return sampleRound();
  }

  /**
   * Starts a step the round's spine calls (business key: the round's), from the round's key and the
   * plan's dates plus {@code extra} (e.g. the department of an inquiry reply); see {@link #start}.
   */
  public ProcessInstance startForRound(String processKey, String roundKey, Map<String, Object> extra) {
    RoundPlan plan = units.plan(roundKey);
    Map<String, Object> variables = new HashMap<>(Map.of(RoundVariables.ROUND_KEY, roundKey,
        RoundVariables.ENTRY_DATE, plan.entryDate().toString(), RoundVariables.WITHDRAWAL_DATE, plan.withdrawalDate().toString(),
        RoundVariables.PLAN_FILING_DATE, plan.planFilingDate().toString()));
    variables.putAll(extra);
    return start(processKey, roundKey, variables);
  }

  /**
   * Starts a step a unit's spine calls for the unit whose group is {@code unitGroup} (business key
   * {@code round/unit}), from the unit's variables ({@link #unitVariables}) plus {@code extra}; see {@link #start}.
   */
  public ProcessInstance startForUnit(String processKey, String roundKey, String unitGroup, Map<String, Object> extra) {
    return start(processKey, roundKey + "/" + unitGroup, unitVariables(roundKey, unitGroup, extra));
  }

  /**
   * The variables a spine has for one unit of the round (round key, the unit and its team, the
   * unit's dates, the coverage and kind of inspection), plus {@code extra} (e.g. {@code reportHeardOn} set by an earlier step).
   */
  public Map<String, Object> unitVariables(String roundKey, String unitGroup, Map<String, Object> extra) {
    RoundPlan plan = units.plan(roundKey);
    InspectedUnit unit = plan.units().stream().filter(u -> u.groupId().equals(unitGroup)).findFirst().orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(RoundVariables.ROUND_KEY, roundKey);
    variables.put("unitId", units.unitIdOf(roundKey, unitGroup));
    variables.put(RoundVariables.UNIT_GROUP, unitGroup);
    variables.put(RoundVariables.TEAM_GROUP, plan.teamOf(unit).groupId());
    variables.put(RoundVariables.ENTRY_DATE, plan.entryDateOf(unit).toString());
    variables.put(RoundVariables.WITHDRAWAL_DATE, plan.withdrawalDateOf(unit).toString());
    variables.put(RoundVariables.PLAN_FILING_DATE, plan.planFilingDate().toString());
    variables.put("coverage", unit.coverage().name());
    variables.put("inspectionKind", plan.kindOf(unit).name());
    variables.putAll(extra);
    return variables;
  }

  /**
   * Starts the step process {@code processKey} with business key {@code businessKey}, passing from
   * {@code available} only what the deployed call activity that calls it maps in; fails when no
   * model calls the step or a mapped variable is missing from {@code available}.
   */
  public ProcessInstance start(String processKey, String businessKey, Map<String, Object> available) {
    Map<String, Object> variables = new HashMap<>();
    for (CamundaIn in : caller(processKey).getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list()) {
      if (in.getCamundaTarget() == null) {
        continue;
      }
      if (in.getCamundaSource() != null) {
        variables.put(in.getCamundaTarget(), required(available, in.getCamundaSource(), processKey));
      } else {
        variables.put(in.getCamundaTarget(), substitute(in.getCamundaSourceExpression(), in.getCamundaTarget(), available, processKey));
      }
    }
    return engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey, variables);
  }

  private CallActivity caller(String processKey) {
    for (ProcessDefinition definition : engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()) {
      for (CallActivity call : engine.getRepositoryService().getBpmnModelInstance(definition.getId()).getModelElementsByType(CallActivity.class)) {
        if (processKey.equals(call.getCalledElement())) {
          return call;
        }
      }
    }
    throw new AssertionError("No deployed process calls " + processKey);
  }

  /** The plain forms the spines use: ${name} or a comma-separated list of them; anything else is taken from {@code available} by target. */
  private static Object substitute(String expression, String target, Map<String, Object> available, String processKey) {
    Matcher single = VARIABLE.matcher(expression);
    if (single.matches()) {
      return required(available, single.group(1), processKey);
    }
    if (expression.matches("(\\$\\{\\w+},?)+")) {
      List<String> parts = VARIABLE.matcher(expression).results().map(match -> String.valueOf(required(available, match.group(1), processKey))).toList();
      return String.join(",", parts);
    }
    return required(available, target, processKey);
  }

  private static Object required(Map<String, Object> available, String name, String processKey) {
    if (!available.containsKey(name)) {
      throw new AssertionError(processKey + " needs " + name + ", which the test did not provide");
    }
    return available.get(name);
  }
}

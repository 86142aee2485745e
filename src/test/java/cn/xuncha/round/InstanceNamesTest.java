package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.TaskFilters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every instance of a round names its round, unit, team and department, and every Tasklist filter shows those names. */
@XunchaSpringTest
class InstanceNamesTest {

  private static final String ROUND = SampleRound.plan().name();

  @Autowired
  ProcessEngine engine;
  @Autowired
  TaskFilters taskFilters;
  @Autowired
  InstanceNames names;

  @Test
  void tasksOfTheRoundOfATeamAndOfAUnitNameWhatTheyBelongTo() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    assertThat(namesAt(round, "Task_RecordTraining", null)).containsExactlyEntriesOf(Map.of(InstanceNames.ROUND, ROUND));
    assertThat(namesAt(round, "Task_RecordPartyBranch", steps.teamGroup(round, 2)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(InstanceNames.ROUND, ROUND, InstanceNames.TEAM, "第二巡察组"));
    assertThat(namesAt(round, "Task_AnswerInquiry", "dept-discipline"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(InstanceNames.ROUND, ROUND, InstanceNames.DEPARTMENT, "县纪委监委"));

    ProcessInstance zhaocun = steps.startUnit(round, 1);
    assertThat(namesAt(zhaocun, "Task_RecordTeamAnalysis", steps.teamGroup(round, 1))).containsExactlyInAnyOrderEntriesOf(
        Map.of(InstanceNames.ROUND, ROUND, InstanceNames.UNIT, "赵村镇党委", InstanceNames.TEAM, "第一巡察组"));
  }

  @Test
  void instancesStartedBeforeTheNamesExistedGetThemAtStart() {
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = new ProcedureSteps(engine).approvedRound();
    String training = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey())
        .taskDefinitionKey("Task_RecordTraining").singleResult().getProcessInstanceId();
    engine.getRuntimeService().removeVariables(training, InstanceNames.VARIABLES.keySet());
    String branch = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey())
        .taskDefinitionKey("Task_RecordPartyBranch").taskCandidateGroup(new ProcedureSteps(engine).teamGroup(round, 2)).singleResult().getProcessInstanceId();
    engine.getRuntimeService().setVariable(branch, InstanceNames.ROUND, "已有的名称");

    names.nameEarlierInstances();

    assertThat(engine.getRuntimeService().getVariables(training, InstanceNames.VARIABLES.keySet()))
        .containsExactlyEntriesOf(Map.of(InstanceNames.ROUND, ROUND));
    assertThat(engine.getRuntimeService().getVariable(branch, InstanceNames.ROUND)).as("a named instance is not read again")
        .isEqualTo("已有的名称");
    List<ProcessInstance> watches = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("deadline-watch")
        .variableValueEquals(RoundVariables.ROUND_KEY, round.getBusinessKey()).list();
    assertThat(watches).as("deadline watches of steps 2 and 3").isNotEmpty().allSatisfy(watch -> assertThat(
        engine.getRuntimeService().getVariables(watch.getId(), InstanceNames.VARIABLES.keySet()))
        .as("a watch is named with its escalation task, not before").isEmpty());
  }

  @Test
  void usersCannotWriteTheNames() {
    ProcessInstance round = new ProcedureSteps(engine).approvedRound();
    engine.getIdentityService().setAuthentication("office1", List.of("office"));
    try {
      assertThatThrownBy(() -> engine.getRuntimeService().setVariable(round.getId(), InstanceNames.UNIT, "别的单位"))
          .isInstanceOf(AuthorizationException.class);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void everyFilterShowsTheNamesOnItsCardsAndGetsThemBackAtStart() {
    List<Map<String, String>> shown = List.of(Map.of("name", InstanceNames.UNIT, "label", "被巡察党组织"),
        Map.of("name", InstanceNames.DEPARTMENT, "label", "部门"), Map.of("name", InstanceNames.ROUND, "label", "轮次"),
        Map.of("name", InstanceNames.TEAM, "label", "巡察组"));
    List<Filter> filters = engine.getFilterService().createTaskFilterQuery().list();
    assertThat(filters).hasSizeGreaterThanOrEqualTo(5).allSatisfy(filter -> assertThat(filter.getProperties().get("variables"))
        .as(filter.getName()).isEqualTo(shown));

    Filter mine = engine.getFilterService().createTaskFilterQuery().filterName("我的待办").singleResult();
    Map<String, Object> earlier = new HashMap<>(mine.getProperties());
    earlier.remove("variables");
    engine.getFilterService().saveFilter(mine.setProperties(earlier));
    taskFilters.ensureFilters();
    assertThat(engine.getFilterService().getFilter(mine.getId()).getProperties().get("variables")).isEqualTo(shown);
  }

  /** The names on the instance of the task with this definition key (and candidate group) under the given instance's business key. */
  private Map<String, Object> namesAt(ProcessInstance parent, String taskKey, String group) {
    var query = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(parent.getBusinessKey()).taskDefinitionKey(taskKey);
    Task task = (group == null ? query : query.taskCandidateGroup(group).includeAssignedTasks()).list().get(0);
    return engine.getRuntimeService().getVariables(task.getProcessInstanceId(), InstanceNames.VARIABLES.keySet());
  }
}

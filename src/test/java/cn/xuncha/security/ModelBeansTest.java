package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The allow-list of beans and the list of protected variables are the ones the models need: every
 * name an expression in {@code processes/} or in a stored Tasklist filter starts with is either an
 * allow-listed bean or a protected variable, and every allow-listed bean is used. And the models still run on the restricted
 * expression language, as do the stored filters.
 */
@XunchaSpringTest
class ModelBeansTest {

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern STRING = Pattern.compile("'[^']*'|\"[^\"]*\"|&quot;.*?&quot;");
  private static final Pattern NAME = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*+)(?!\\s*\\()");
  private static final Set<String> EL_KEYWORDS = Set.of("eq", "ne", "lt", "gt", "le", "ge", "and", "or", "not",
      "empty", "null", "true", "false", "div", "mod", "instanceof");
  /** Camunda's own name for the current execution: the spines pass its business key on to the steps. */
  private static final String EXECUTION = "execution";

  @Autowired
  ApplicationContext context;
  @Autowired
  ProcessEngine engine;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void everyNameInTheModelsIsAnAllowedBeanOrAProtectedVariable() throws IOException {
    Set<String> beans = new TreeSet<>();
    Set<String> variables = new TreeSet<>();
    Set<String> names = namesInModels();
    names.addAll(namesInStoredFilters());
    for (String name : names) {
      (context.containsBean(name) ? beans : variables).add(name);
    }
    assertThat(beans).as("beans the models name").isEqualTo(new TreeSet<>(ModelBeans.NAMES));
    assertThat(variables).as("variables the models read").isSubsetOf(ProtectedVariables.ROUTING_AND_RECORDS);
  }

  @Test
  void theModelsTimersDelegatesAndStoredFiltersStillWork() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit = steps.startUnit(round, 1);
    steps.analyseForTeam(unit, 1);

    Task draft = steps.task(unit, "Task_DraftTeamPlan", "team1");
    assertThat(draft).as("candidate group from ${teamGroup}").isNotNull();
    assertThat(draft.getDueDate()).as("${deadlineTable.due('D7', execution)}").isNotNull();
    String watch = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("deadline-watch")
        .processInstanceBusinessKey(unit.getBusinessKey() + "#D7").singleResult().getId();
    List<Job> timers = engine.getManagementService().createJobQuery().processInstanceId(watch).timers().list();
    assertThat(timers).isNotEmpty().allSatisfy(timer -> assertThat(timer.getDuedate()).isNotNull());
    steps.draftTeamPlan(unit, 1, java.util.Map.of());
    assertThat(steps.task(unit, "Task_FileTeamPlan", null)).as("listeners ran and routed on").isNotNull();

    steps.plan().as("team1-leader", () -> {
      String myGroups = engine.getFilterService().createTaskFilterQuery().filterName(TaskFilters.MY_GROUPS).singleResult().getId();
      assertThat(engine.getFilterService().count(myGroups)).isPositive();
      String dueSoon = engine.getFilterService().createTaskFilterQuery().filterName(TaskFilters.DUE_SOON).singleResult().getId();
      assertThat(engine.getFilterService().count(dueSoon)).isNotNull();
      return null;
    });
  }

  private static Set<String> namesInModels() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> models = Files.walk(Path.of("processes"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn") || p.toString().endsWith(".yaml")).toList()) {
        addNames(Files.readString(model), names);
      }
    }
    return names;
  }

  /** The names the expressions of the stored Tasklist filters (TaskFilters) start with, their or-branches included. */
  private Set<String> namesInStoredFilters() {
    Set<String> names = new TreeSet<>();
    for (Filter filter : engine.getFilterService().createTaskFilterQuery().list()) {
      TaskQueryImpl query = filter.getQuery();
      for (TaskQueryImpl branch : query.getQueries()) {
        branch.getExpressions().values().forEach(expression -> addNames(expression, names));
      }
    }
    return names;
  }

  private static void addNames(String text, Set<String> names) {
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      Matcher name = NAME.matcher(STRING.matcher(expression.group(1)).replaceAll("''"));
      while (name.find()) {
        if (!EL_KEYWORDS.contains(name.group(1)) && !EXECUTION.equals(name.group(1))) {
          names.add(name.group(1));
        }
      }
    }
  }
}

package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.security.EngineApi.Prefix;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 10.1: no expression from a request is evaluated, under every prefix and for every query
 * kind; and expressions that are evaluated (models, stored filters) reach only the allow-listed
 * beans and no reflection.
 */
@XunchaSpringTest
class ExpressionGuardTest {

  static final Path MARKER = Path.of("target", "expression-guard-marker").toAbsolutePath();
  static final String RCE = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
      + ".exec('touch " + MARKER + "')}";
  static final String JDBC = "${jdbcTemplate.queryForList('select ID_ from ACT_ID_USER')}";

  /** A query that can carry an expression: how it is sent, with {@code FILTER} standing for a stored filter's id. */
  enum Attack {
    TASK_LIST_GET("GET", "/task?maxResults=10&candidateGroupExpression=", false),
    TASK_LIST_POST("POST", "/task?maxResults=10", true),
    TASK_COUNT_GET("GET", "/task/count?assigneeExpression=", false),
    TASK_COUNT_POST("POST", "/task/count", true),
    FILTER_LIST("POST", "/filter/FILTER/list?maxResults=10", true),
    FILTER_COUNT("POST", "/filter/FILTER/count", true),
    FILTER_SINGLE_RESULT("POST", "/filter/FILTER/singleResult", true);

    final String method;
    final String resource;
    final boolean orQueryBody;

    Attack(String method, String resource, boolean orQueryBody) {
      this.method = method;
      this.resource = resource;
      this.orQueryBody = orQueryBody;
    }
  }

  @Autowired
  ProcessEngine engine;
  @Autowired
  org.springframework.context.ApplicationContext beans;
  @LocalServerPort
  int port;
  EngineApi api;

  @BeforeEach
  void api() throws Exception {
    api = new EngineApi(port);
    Files.deleteIfExists(MARKER);
  }

  @AfterEach
  void noCommandRan() {
    assertThat(MARKER).doesNotExist();
  }

  static Stream<Arguments> attacks() {
    return Arrays.stream(Prefix.values()).flatMap(prefix -> Arrays.stream(Attack.values())
        .flatMap(attack -> Stream.of(RCE, JDBC).map(payload -> Arguments.of(prefix, attack, payload))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("attacks")
  void anExpressionInARequestIsRefusedWhereverItIsSent(Prefix prefix, Attack attack, String payload) throws Exception {
    String resource = attack.resource.replace("FILTER", sharedFilterId());
    String body = null;
    if (attack.orQueryBody) {
      body = "{\"orQueries\":[{\"candidateGroupExpression\":\"" + payload.replace("'", "\\u0027") + "\"}]}";
    } else {
      resource += URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }
    HttpResponse<String> response = api.call(prefix, "team1-leader", attack.method, resource, body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    // Camunda's REST resource for a filter's single result replaces every engine message by its own English one,
    // which the user reads as the general Chinese sentence for a refused request (RefusalMessageFilter).
    assertThat(response.body()).contains(attack == Attack.FILTER_SINGLE_RESULT
        ? "提交的内容格式不正确" : UserCommandGuard.EXPRESSION_REFUSED);
  }

  @ParameterizedTest
  @MethodSource("prefixes")
  void plainQueriesAndStoredFiltersStillWork(Prefix prefix) throws Exception {
    String plainOr = "{\"orQueries\":[{\"candidateGroup\":\"team1\",\"assignee\":\"team1-leader\"}]}";
    assertThat(api.call(prefix, "team1-leader", "POST", "/task?maxResults=10", plainOr).statusCode()).isEqualTo(200);
    assertThat(api.call(prefix, "team1-leader", "POST", "/task/count", plainOr).statusCode()).isEqualTo(200);
    assertThat(api.call(prefix, "team1-leader", "GET", "/task?maxResults=10&candidateGroup=team1", null).statusCode()).isEqualTo(200);
    for (String filter : new String[] {TaskFilters.MINE, TaskFilters.MY_GROUPS, TaskFilters.DUE_SOON, TaskFilters.OVERDUE}) {
      assertThat(api.call(prefix, "team1-leader", "POST", "/filter/" + filterId(filter) + "/list?maxResults=10", plainOr).statusCode())
          .as(filter).isEqualTo(200);
      assertThat(api.call(prefix, "team1-leader", "GET", "/filter/" + filterId(filter) + "/count", null).statusCode())
          .as(filter).isEqualTo(200);
    }
  }

  static Stream<Prefix> prefixes() {
    return Arrays.stream(Prefix.values());
  }

  @Test
  void anyQueryKindCarryingAnExpressionIsRefusedEvenWithoutAUser() {
    HistoricTaskInstanceQueryImpl history = (HistoricTaskInstanceQueryImpl) engine.getHistoryService().createHistoricTaskInstanceQuery();
    history.addExpression("taskAssignee", RCE);
    new RoundPlanSteps(engine).as("team1-leader", () -> {
      assertThatThrownBy(history::count).isInstanceOf(BadUserRequestException.class).hasMessage(UserCommandGuard.EXPRESSION_REFUSED);
      return null;
    });
    assertThatThrownBy(history::count).isInstanceOf(BadUserRequestException.class).hasMessage(UserCommandGuard.EXPRESSION_REFUSED);
  }

  @Test
  void aStoredExpressionReachesNeitherReflectionNorUnlistedBeans() {
    Map<String, String> refusals = Map.of(
        RCE, RestrictedExpressionManager.REFUSED + "getClass",
        "${deadlines.class.classLoader}", RestrictedExpressionManager.REFUSED + "class",
        "${deadlines.getClass()}", RestrictedExpressionManager.REFUSED + "getClass",
        JDBC, "Cannot resolve identifier 'jdbcTemplate'",
        "${applicationContext.getBean('dataSource')}", "Cannot resolve identifier 'applicationContext'");
    refusals.forEach((payload, reason) -> {
      Filter filter = engine.getFilterService().newTaskFilter("probe")
          .setQuery(engine.getTaskService().createTaskQuery().taskAssigneeExpression(payload));
      engine.getFilterService().saveFilter(filter);
      try {
        assertThatThrownBy(() -> engine.getFilterService().count(filter.getId())).as(payload)
            .isInstanceOf(ProcessEngineException.class)
            .satisfies(e -> assertThat(messages(e)).contains(reason));
      } finally {
        engine.getFilterService().deleteFilter(filter.getId());
      }
    });
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      all.append(cause.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void aVariableNamedLikeABeanDoesNotShadowIt() {
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "线索");
    engine.getRuntimeService().setVariables(instance.getId(), Map.of("deadlines", "forged", "execution", "forged"));
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    Object[] resolved = configuration.getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
      return new Object[] {
          configuration.getExpressionManager().createExpression("${deadlines}").getValue(execution),
          configuration.getExpressionManager().createExpression("${secret}").getValue(execution)};
    });
    assertThat(resolved[0]).isSameAs(beans.getBean("deadlines"));
    assertThat(resolved[1]).isEqualTo("线索");
  }

  /** A model's expression sees its execution, but not through it the engine, its services, its configuration or the database. */
  @Test
  void anExpressionDoesNotReachTheEngineThroughItsExecution() {
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "线索");
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    for (String payload : List.of("${execution.processEngine.name}", "${execution.processEngineServices.runtimeService}",
        "${execution.processEngine.processEngineConfiguration.dataSource.connection}",
        "${execution.processInstance.processEngineServices.identityService}")) {
      assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
        ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
        return configuration.getExpressionManager().createExpression(payload).getValue(execution);
      })).as(payload).satisfies(e -> assertThat(messages(e)).contains(RestrictedExpressionManager.REFUSED));
    }
    Object id = configuration.getCommandExecutorTxRequired().execute(context -> configuration.getExpressionManager()
        .createExpression("${execution.processInstanceId}").getValue(context.getExecutionManager().findExecutionById(instance.getId())));
    assertThat(id).isEqualTo(instance.getId());
  }

  private String sharedFilterId() {
    return filterId(TaskFilters.MY_GROUPS);
  }

  private String filterId(String name) {
    return engine.getFilterService().createTaskFilterQuery().filterName(name).singleResult().getId();
  }
}

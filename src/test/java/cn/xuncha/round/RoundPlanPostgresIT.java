package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Step 1 on real PostgreSQL, with the application stopped and started again in between. */
class RoundPlanPostgresIT {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void approvedPlanAndHistorySurviveARestart() {
    String url = PostgresDatabase.create("round_plan_it");
    ProcessInstance round;
    long deployments;
    int version;
    long users;
    try (ConfigurableApplicationContext first = start(url)) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      RoundPlanSteps steps = new RoundPlanSteps(engine);
      ProcedureSteps.at("2022-04-01T09:00");
      round = steps.startWithSample();
      steps.submitPlan(round, Map.of());
      steps.review(round, "leader1", "return", "请核对各组人数");
      steps.submitPlan(round, Map.of());
      steps.review(round, "leader1", "approve", null);
      steps.review(round, "committee1", "approve", null);

      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      version = latestVersion(engine);
      users = engine.getIdentityService().createUserQuery().count();
      assertThat(first.getBean(JdbcTemplate.class).queryForObject(
          "select count(*) from xc_schema_history where success", Integer.class)).isPositive();
      // Task queries plan for their parameters (TaskQueryPlans): a generic plan made the office's task query 100 times slower.
      // The engine's other work keeps PostgreSQL's default, which costs half the CPU.
      CommandExecutor commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired();
      String otherwise = commands.execute(RoundPlanPostgresIT::planCacheMode);
      assertThat(otherwise).isEqualTo("auto");
      assertThat(new PlanShowingTaskQuery(commands).shown()).isEqualTo("force_custom_plan");
      String nested = commands.execute(context -> new PlanShowingTaskQuery(commands).shown() + " then " + planCacheMode(context));
      assertThat(nested)
          .as("a task query inside another command leaves the rest of that command as it was").isEqualTo("force_custom_plan then auto");
    }

    try (ConfigurableApplicationContext second = start(url)) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      RoundRepository rounds = second.getBean(RoundRepository.class);

      assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
      assertThat(latestVersion(engine)).isEqualTo(version);
      assertThat(engine.getIdentityService().createUserQuery().count()).isEqualTo(users);
      assertThat(rounds.find(round.getBusinessKey())).get().extracting(RoundRecord::status).isEqualTo(RoundStatus.APPROVED);
      RoundPlan stored = rounds.findPlan(round.getBusinessKey()).orElseThrow();
      assertThat(stored.withTeams(stored.teams().stream().map(team -> team.stored(null, team.names())).toList()))
          .as("the plan as entered").isEqualTo(SampleRound.plan());
      assertThat(stored.teams()).as("each team works through the round's own group")
          .allSatisfy(team -> assertThat(team.groupId()).isEqualTo(RoundPlan.Team.groupIdOf(round.getBusinessKey(), team.teamNo())));
      assertThat(second.getBean(Reviews.class).history(Subject.round(rounds.find(round.getBusinessKey()).orElseThrow().id()),
              ReviewKind.ROUND_PLAN_PROPOSAL, ReviewKind.ROUND_PLAN_APPROVAL)).extracting(Review::comment)
          .containsExactly("请核对各组人数", null, null);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(round.getId())
          .singleResult().getState()).isEqualTo("ACTIVE");
      String deployment = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(round.getBusinessKey())
          .processDefinitionKey("step-01-deployment").singleResult().getId();
      List<String> activities = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(deployment).activityType("userTask").orderPartiallyByOccurrence().asc().list()
          .stream().map(HistoricActivityInstance::getActivityId).toList();
      assertThat(activities).containsExactly("Task_DraftRoundPlan", "Task_ReviewRoundPlan", "Task_DraftRoundPlan",
          "Task_ReviewRoundPlan", "Task_ApproveRoundPlan");
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceBusinessKey(round.getBusinessKey()).list())
          .extracting(HistoricTaskInstance::getTaskDefinitionKey).contains("Task_RecordTraining", "Task_AnswerInquiry");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(round.getBusinessKey()).taskDefinitionKey("Task_RecordPartyBranch")
          .count()).isEqualTo(7);
    }
  }

  private static int latestVersion(ProcessEngine engine) {
    return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("inspection-round")
        .latestVersion().singleResult().getVersion();
  }

  private static String planCacheMode(CommandContext context) {
    try (Statement statement = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
         ResultSet result = statement.executeQuery("show plan_cache_mode")) {
      result.next();
      return result.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A task query that reads, where the engine would run its statement, how PostgreSQL plans it. */
  private static final class PlanShowingTaskQuery extends TaskQueryImpl {

    private String shown;

    PlanShowingTaskQuery(CommandExecutor commands) {
      super(commands);
    }

    String shown() {
      list();
      return shown;
    }

    @Override
    public List<Task> executeList(CommandContext context, Page page) {
      shown = planCacheMode(context);
      return List.of();
    }
  }

  /** The application as production runs it: the postgres profile, configured through its environment variables. */
  private static ConfigurableApplicationContext start(String url) {
    return PostgresDatabase.application(url);
  }
}

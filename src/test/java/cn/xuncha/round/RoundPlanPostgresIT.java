package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import cn.xuncha.ProcedureSteps;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
      // Every connection plans for its parameters (application-postgres.yaml): a generic plan made the office's task query 100 times slower.
      assertThat(first.getBean(JdbcTemplate.class).queryForObject("show plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
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

  /** The application as production runs it: the postgres profile, configured through its environment variables. */
  private static ConfigurableApplicationContext start(String url) {
    return PostgresDatabase.application(url);
  }
}

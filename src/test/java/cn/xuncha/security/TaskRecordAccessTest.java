package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.security.EngineApi.Prefix;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 10.4: a team's comments and attachments are fetched, added and deleted under the rules of
 * its task — another team, a unit and a department are refused by id under every prefix, the team
 * itself is served.
 */
@XunchaSpringTest
class TaskRecordAccessTest {

  private static final String COMMENT = "重点问题：村集体资金去向不明";
  private static final String CONTENT = "问题底稿（机密）";

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;
  EngineApi api;
  RoundPlanSteps as;
  String taskId;
  String commentId;
  String attachmentId;

  @BeforeEach
  void teamOneTaskWithRecords() {
    api = new EngineApi(port);
    as = new RoundPlanSteps(engine);
    TeamProcess.deploy(engine);
    ProcessInstance instance = TeamProcess.start(engine, "team1", "team1", "线索");
    taskId = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    as.as("team1-leader", () -> {
      Comment comment = engine.getTaskService().createComment(taskId, instance.getId(), COMMENT);
      Attachment attachment = engine.getTaskService().createAttachment("text/plain", taskId, null, "底稿", "谈话记录",
          new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
      commentId = comment.getId();
      attachmentId = attachment.getId();
      return null;
    });
  }

  static Stream<Arguments> othersUnderEveryPrefix() {
    return Arrays.stream(Prefix.values()).flatMap(prefix ->
        Stream.of("team2-leader", "unit1", "dept-finance1").map(user -> Arguments.of(prefix, user)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("othersUnderEveryPrefix")
  void othersCanNeitherReadNorDeleteTheTeamsRecordsById(Prefix prefix, String user) throws Exception {
    assertHidden(api.call(prefix, user, "GET", "/task/" + taskId + "/comment/" + commentId, null));
    assertHidden(api.call(prefix, user, "GET", "/task/" + taskId + "/attachment/" + attachmentId, null));
    assertHidden(api.call(prefix, user, "GET", "/task/" + taskId + "/attachment/" + attachmentId + "/data", null));
    // The REST resource answers every refused deletion with 404; the attachment stays (checked below).
    assertRefused(api.call(prefix, user, "DELETE", "/task/" + taskId + "/attachment/" + attachmentId, null));
    // The REST layer looks these up through the (authorised) history first and may answer 404.
    assertRefused(api.call(prefix, user, "GET", "/task/" + taskId + "/comment", null));
    assertRefused(api.call(prefix, user, "GET", "/task/" + taskId + "/attachment", null));
    assertRefused(api.call(prefix, user, "POST", "/task/" + taskId + "/comment/create", "{\"message\":\"伪造意见\"}"));

    assertThat(engine.getTaskService().getTaskAttachment(taskId, attachmentId)).isNotNull();
    assertThat(engine.getTaskService().getTaskComments(taskId)).extracting(Comment::getFullMessage).containsExactly(COMMENT);
  }

  @ParameterizedTest
  @EnumSource(Prefix.class)
  void theTeamReadsAddsAndDeletesItsOwnRecords(Prefix prefix) throws Exception {
    HttpResponse<String> comment = api.call(prefix, "team1-leader", "GET", "/task/" + taskId + "/comment/" + commentId, null);
    assertThat(comment.statusCode()).isEqualTo(200);
    assertThat(comment.body()).contains(COMMENT);
    assertThat(api.call(prefix, "team1-leader", "GET", "/task/" + taskId + "/attachment/" + attachmentId, null).statusCode()).isEqualTo(200);
    HttpResponse<String> data = api.call(prefix, "team1-leader", "GET", "/task/" + taskId + "/attachment/" + attachmentId + "/data", null);
    assertThat(data.statusCode()).isEqualTo(200);
    assertThat(data.body()).isEqualTo(CONTENT);
    assertThat(api.call(prefix, "team1-leader", "POST", "/task/" + taskId + "/comment/create", "{\"message\":\"组内补充意见\"}")
        .statusCode()).isEqualTo(200);
    assertThat(api.call(prefix, "team1-member1", "DELETE", "/task/" + taskId + "/attachment/" + attachmentId, null).statusCode())
        .isEqualTo(204);
    assertThat(engine.getTaskService().getTaskAttachment(taskId, attachmentId)).isNull();
  }

  /** Answered as for a task that does not exist, and nothing of the record in the answer. */
  private static void assertHidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.body()).contains("此任务不存在或已办结").doesNotContain(COMMENT).doesNotContain(CONTENT);
  }

  /** Refused, and nothing of the record in the answer. */
  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isIn(400, 403, 404);
    assertThat(response.body()).doesNotContain(COMMENT).doesNotContain(CONTENT);
  }
}

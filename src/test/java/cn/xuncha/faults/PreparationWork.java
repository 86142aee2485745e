package cn.xuncha.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.review.ReviewTask;
import cn.xuncha.RestCaller;
import cn.xuncha.RestCaller.Answer;
import cn.xuncha.round.SampleRound;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The work the fault tests put under load: sample rounds approved over REST, then the twelve
 * parallel preparation tasks of each (seven teams' party branches, five departments' inquiry
 * replies), completed over REST as their users would (claim, submit-form). Each task lives in its
 * own step instance ({@code step-02-party-branch}, {@code step-03-inquiry-reply}) that carries the
 * round's business key; each open reply is watched by a {@code deadline-watch} instance (business
 * key {@code <round>#inquiry-reply}) whose reminder timer waits. The checks read the database
 * directly: the engine's history is the record of what was completed, the app's {@code xc_} rows
 * must agree with it row for row.
 */
public final class PreparationWork {

  static final List<String> BURST_TASKS = List.of("Task_AnswerInquiry", "Task_RecordPartyBranch");
  private static final String REMINDER_TIMER = "Timer_RemindTime";
  private static final String INQUIRY_WATCH = "#inquiry-reply";
  /** The process instances (running or ended) carrying one of a list of business keys, as an SQL sub-query. */
  private static final String INSTANCES_OF = "select id_ from act_hi_procinst where business_key_ in (%s)";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One open task of the burst, of the round with business key {@code round}: who works it is read from its candidate group. */
  public record WorkItem(String taskId, String taskKey, String round, String group) {
    String user() {
      return group.startsWith("dept-") ? group + "1" : "team" + teamNo() + "-leader";
    }

    /** The number of the team whose round group ({@code team<N>-<round>}) the task is offered to. */
    int teamNo() {
      java.util.regex.Matcher team = java.util.regex.Pattern.compile("team(\\d+)-.*").matcher(group);
      if (!team.matches()) {
        throw new IllegalStateException("Not a team group: " + group);
      }
      return Integer.parseInt(team.group(1));
    }
  }

  private PreparationWork() {
  }

  /** A sample round started, planned, reviewed and approved over REST; returns its business key. */
  public static String approvedRound(RestCaller rest) {
    Answer started = rest.post("office1", "/engine-rest/process-definition/key/inspection-round/submit-form",
        "{\"variables\":{\"preset\":{\"value\":\"sample\"}}}");
    assertThat(started.ok()).as(started.body()).isTrue();
    Answer instance = rest.get("office1", "/engine-rest/process-instance/" + read(started.body()).get("id").asText());
    assertThat(instance.ok()).as(instance.body()).isTrue();
    String round = read(instance.body()).get("businessKey").asText();
    complete(rest, "office1", round, "Task_DraftRoundPlan", Map.of());
    complete(rest, "leader1", round, "Task_ReviewRoundPlan", Map.of(ReviewTask.OUTCOME, "approve"));
    complete(rest, "committee1", round, "Task_ApproveRoundPlan", Map.of(ReviewTask.OUTCOME, "approve"));
    return round;
  }

  private static void complete(RestCaller rest, String user, String round, String taskKey, Map<String, String> values) {
    Answer tasks = rest.get(user, "/engine-rest/task?processInstanceBusinessKey=" + URLEncoder.encode(round, StandardCharsets.UTF_8)
        + "&taskDefinitionKey=" + taskKey + "&firstResult=0&maxResults=1");
    assertThat(tasks.ok()).as(tasks.body()).isTrue();
    assertThat(read(tasks.body()).size()).as("open %s of round %s", taskKey, round).isEqualTo(1);
    Answer done = claimAndSubmit(rest, user, read(tasks.body()).get(0).get("id").asText(), values);
    assertThat(done.ok()).as(taskKey + ": " + done.body()).isTrue();
  }

  /** The open burst tasks of all rounds. */
  public static List<WorkItem> openItems(JdbcTemplate db) {
    return db.query("""
            select t.id_, t.task_def_key_, p.business_key_, l.group_id_ from act_ru_task t
            join act_ru_execution p on p.id_ = t.proc_inst_id_
            join act_ru_identitylink l on l.task_id_ = t.id_ and l.type_ = 'candidate'
            where t.task_def_key_ in ('Task_AnswerInquiry', 'Task_RecordPartyBranch') order by t.id_""",
        (rs, row) -> new WorkItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
  }

  /** Claim and submit-form as the task's user, with the values a careful user enters; the submit's answer. */
  public static Answer complete(RestCaller rest, WorkItem item) {
    Map<String, String> values;
    if (item.taskKey().equals("Task_AnswerInquiry")) {
      values = Map.of("reply", item.group() + "：未发现需要通报的问题线索");
    } else {
      List<String> people = SampleRound.plan().teams().get(item.teamNo() - 1).people();
      values = Map.of("foundedOn", "2022-04-13", "secretary", people.get(0), "deputySecretary", people.get(1),
          "organisationMember", people.get(2), "disciplineMember", people.get(3));
    }
    return claimAndSubmit(rest, item.user(), item.taskId(), values);
  }

  private static Answer claimAndSubmit(RestCaller rest, String user, String taskId, Map<String, String> values) {
    Answer claimed = rest.post(user, "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + user + "\"}");
    if (!claimed.ok()) {
      return claimed;
    }
    ObjectNode variables = JSON.createObjectNode();
    values.forEach((name, value) -> variables.putObject(name).put("value", value));
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return rest.post(user, "/engine-rest/task/" + taskId + "/submit-form", body.toString());
  }

  /** Due dates of the reminder timers of open inquiry replies (in their watches), by job id. */
  static Map<String, Timestamp> inquiryTimers(JdbcTemplate db) {
    return db.query("select j.id_, j.duedate_ from act_ru_job j join act_ru_execution w on w.id_ = j.process_instance_id_"
        + " where j.handler_cfg_ like ? and w.business_key_ like ?", rs -> {
      Map<String, Timestamp> timers = new java.util.HashMap<>();
      while (rs.next()) {
        timers.put(rs.getString(1), rs.getTimestamp(2));
      }
      return timers;
    }, REMINDER_TIMER + "%", "%" + INQUIRY_WATCH);
  }

  /**
   * What every fault must leave true: each burst task is either completed once (its history
   * ended as completed, its app row written) or still open (no history end, no app row); every
   * acknowledged completion is among the completed; no round has more tasks of a kind than its
   * plan asks for; every open inquiry reply has its one reminder timer waiting in its watch, or
   * was reminded once; and no watch of a round keeps a reminder timer for a reply that is no
   * longer open.
   */
  static void assertConsistent(JdbcTemplate db, List<WorkItem> items, Set<String> acknowledged) {
    Set<String> completed = Set.copyOf(db.queryForList("""
        select id_ from act_hi_taskinst where end_time_ is not null and delete_reason_ = 'completed'
          and task_def_key_ in ('Task_AnswerInquiry', 'Task_RecordPartyBranch')""", String.class));
    Set<String> open = Set.copyOf(db.queryForList("""
        select id_ from act_ru_task where task_def_key_ in ('Task_AnswerInquiry', 'Task_RecordPartyBranch')""", String.class));
    assertThat(acknowledged).as("acknowledged completions in the history").isSubsetOf(completed);
    for (WorkItem item : items) {
      assertThat(completed.contains(item.taskId()) ^ open.contains(item.taskId()))
          .as("task %s (%s) is completed or open, not both or neither", item.taskId(), item.group()).isTrue();
      boolean done = completed.contains(item.taskId());
      if (item.taskKey().equals("Task_AnswerInquiry")) {
        List<Boolean> replied = db.queryForList("""
            select i.reply is not null from xc_inquiry i join xc_round r on r.id = i.round_id
            where r.business_key = ? and i.group_id = ?""", Boolean.class, item.round(), item.group());
        assertThat(replied).as("inquiry row of %s in %s", item.group(), item.round()).containsExactly(done);
      } else {
        Long branches = db.queryForObject("""
            select count(*) from xc_party_branch b join xc_team t on t.id = b.team_id join xc_round r on r.id = t.round_id
            where r.business_key = ? and t.team_no = ?""", Long.class, item.round(), item.teamNo());
        assertThat(branches).as("party branch rows of %s in %s", item.group(), item.round()).isEqualTo(done ? 1L : 0L);
      }
    }
    for (String round : items.stream().map(WorkItem::round).collect(Collectors.toSet())) {
      String steps = INSTANCES_OF.formatted("?");
      assertThat(db.queryForObject("select count(*) from act_hi_taskinst where task_def_key_ = 'Task_AnswerInquiry' and proc_inst_id_ in ("
          + steps + ")", Long.class, round)).as("inquiry tasks ever created in round %s", round).isEqualTo(5L);
      assertThat(db.queryForObject("select count(*) from act_hi_taskinst where task_def_key_ = 'Task_RecordPartyBranch' and proc_inst_id_ in ("
          + steps + ")", Long.class, round)).as("party branch tasks ever created in round %s", round).isEqualTo(7L);
      List<String> openReplies = db.queryForList(
          "select id_ from act_ru_task where task_def_key_ = 'Task_AnswerInquiry' and proc_inst_id_ in (" + steps + ")", String.class, round);
      for (String reply : openReplies) {
        assertThat(timersOf(db, "t.id_ = ?", reply) + db.queryForObject(
            "select count(*) from act_hi_comment where task_id_ = ? and message_ like '催办%'", Long.class, reply))
            .as("open inquiry reply %s: its reminder timer waits, or it was reminded once", reply).isEqualTo(1L);
      }
      assertThat(db.queryForObject("select count(*) from act_ru_job where handler_cfg_ like ? and process_instance_id_ in (" + steps + ")",
          Long.class, REMINDER_TIMER + "%", round + INQUIRY_WATCH))
          .as("reminder timers of round %s belong to open replies", round)
          .isEqualTo(timersOf(db, "t.proc_inst_id_ in (" + steps + ")", round));
    }
  }

  /** Reminder timers waiting in inquiry-reply watches whose watched reply is an open task matching {@code taskCondition}. */
  private static long timersOf(JdbcTemplate db, String taskCondition, String value) {
    return db.queryForObject("""
        select count(*) from act_ru_job j
        join act_ru_execution w on w.id_ = j.process_instance_id_
        join act_ru_variable v on v.proc_inst_id_ = w.id_ and v.name_ = 'watchedInstanceId'
        join act_ru_task t on t.proc_inst_id_ = v.text_
        where j.handler_cfg_ like ? and w.business_key_ like ? and t.task_def_key_ = 'Task_AnswerInquiry' and\s"""
        + taskCondition, Long.class, REMINDER_TIMER + "%", "%" + INQUIRY_WATCH, value);
  }

  /** The inquiry-reply watches (running or ended) of the rounds with the given business keys. */
  static List<String> inquiryWatches(JdbcTemplate db, List<String> rounds) {
    return db.queryForList(INSTANCES_OF.formatted(quoted(rounds.stream().map(round -> round + INQUIRY_WATCH).toList())), String.class);
  }

  /**
   * Makes the reminder timers of the given rounds' inquiry replies due now (as the passing of the
   * days up to the reminder would) and waits until the job executors have fired them all; then checks that
   * each open reply was reminded exactly once, by one run of its watch's reminder. Returns how many
   * timers fired.
   */
  static int fireInquiryTimers(JdbcTemplate db, List<String> rounds) {
    String watches = quoted(inquiryWatches(db, rounds));
    List<String> waiting = db.queryForList("select id_ from act_ru_task where task_def_key_ = 'Task_AnswerInquiry' and proc_inst_id_ in ("
        + INSTANCES_OF.formatted(quoted(rounds)) + ")", String.class);
    int due = db.update("update act_ru_job set duedate_ = now() - interval '1 minute' where handler_cfg_ like ? and process_instance_id_ in ("
        + watches + ")", REMINDER_TIMER + "%");
    assertThat(due).isEqualTo(waiting.size());
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (db.queryForObject("select count(*) from act_ru_job where handler_cfg_ like ? and process_instance_id_ in (" + watches + ")",
        Long.class, REMINDER_TIMER + "%") > 0) {
      assertThat(System.nanoTime()).as("reminder timers fired within two minutes").isLessThan(deadline);
      pause(250);
    }
    for (String task : waiting) {
      assertThat(db.queryForObject("select count(*) from act_hi_comment where task_id_ = ? and message_ like '催办%'", Long.class, task))
          .as("reminders of task %s", task).isEqualTo(1L);
    }
    assertThat(db.queryForObject("select count(*) from act_hi_actinst where act_id_ = 'Task_Remind' and proc_inst_id_ in ("
        + watches + ")", Long.class)).as("reminder steps run").isEqualTo(waiting.size());
    return due;
  }

  /** Business keys or ids as an SQL list; they come from the engine and the tests, never from a user. */
  private static String quoted(List<String> values) {
    return values.stream().map(value -> "'" + value.replace("'", "''") + "'").collect(Collectors.joining(","));
  }

  /** Arguments for nodes whose job executors look for due jobs every half second, not after a minute's back-off. */
  static String[] promptJobExecutor(String node) {
    return new String[] {"--camunda.bpm.job-execution.wait-time-in-millis=500", "--camunda.bpm.job-execution.max-wait=1000",
        "--camunda.bpm.generic-properties.properties.hostname=" + node};
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(json, e);
    }
  }
}

package cn.xuncha.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.AccessMatrix.Action;
import cn.xuncha.security.AccessMatrix.Data;
import cn.xuncha.security.AccessMatrix.Role;
import cn.xuncha.security.AccessMatrix.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Walks {@link AccessMatrix} with the demo users on a round driven to rectification: every rule, for
 * every demo user of every role, through every REST resource family under every prefix the
 * application serves for the engine, Cockpit's plugin API and the application's own pages. A probe
 * counts only where the administrator, who may read everything, sees its target.
 */
@XunchaSpringTest
class AccessMatrixTest {

  /** Every path under which the application serves the engine's REST API. */
  private static final String FRESH_ATTACHMENT = "{fresh}";
  /** Lists as long as the engine allows ({@code queryMaxResultsLimit}); a query without a limit is refused. */
  private static final String ALL = "&maxResults=2000";
  private static final String COCKPIT = "/camunda/api/cockpit/plugin/base/default";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Reads everything: the baseline that shows a probe reaches its data. */
  private static final String ADMIN = "admin";

  @Autowired
  ProcessEngine engine;
  @LocalServerPort
  int port;

  /** What a probe is about: an instance, a task (with a comment and an attachment on it), or a page. */
  record Target(String instance, String definition, String task, String comment, String attachment,
                String routingVariable, String routingValue, String path) {
  }

  /** One request and how to tell that its target was seen (or changed). */
  record Probe(String name, String method, boolean engine, String path, Check check) {
  }

  enum Check {
    /** Seen when the answer is 2xx. */
    STATUS,
    /** Seen when the answer is 2xx and names the target (the instance, or the task, comment, attachment). */
    NAMES_TARGET,
    /**
     * Seen when the answer names the instance and holds a variable of the instance itself, not of a
     * task: the variables of a party's own task are its share (task kinds).
     */
    NAMES_PROCESS_VARIABLE,
    /** Seen when a running instance is counted. */
    COUNTS_INSTANCES
  }

  private Map<String, WebSession> sessions;
  private final Map<String, Boolean> adminSees = new HashMap<>();
  private final Set<String> probeNames = new TreeSet<>();
  private final Set<String> reachedProbes = new TreeSet<>();

  @Test
  void readmeShowsTheMatrix() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    assertThat(readme).contains(AccessMatrix.markdown(true)).contains(AccessMatrix.markdown(false));
  }

  @TestFactory
  Stream<DynamicTest> everyRoleSeesAndChangesExactlyItsShare() throws Exception {
    Round round = driveRoundToRectification();
    sessions = new HashMap<>();
    for (String user : Stream.concat(Stream.of(ADMIN), Stream.of(Role.values()).flatMap(r -> r.demoUsers.stream())).toList()) {
      sessions.put(user, WebSession.signedIn(port, user));
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : AccessMatrix.RULES) {
      for (Role role : Role.values()) {
        for (String user : role.demoUsers) {
          Target target = round.targets(user).get(rule.data());
          if (target != null) {
            boolean allowed = rule.allowed().contains(role);
            tests.add(DynamicTest.dynamicTest(user + " · " + rule.data() + " · " + rule.action() + " → " + (allowed ? "allowed" : "refused"),
                () -> checkCell(user, rule, target, allowed)));
          }
        }
      }
    }
    // A request that never reaches its data anywhere proves nothing: its cells would pass unread.
    tests.add(DynamicTest.dynamicTest("every kind of request reached its data for some cell",
        () -> assertThat(reachedProbes).containsExactlyElementsOf(probeNames)));
    return tests.stream();
  }

  private void checkCell(String user, Rule rule, Target target, boolean allowed) throws Exception {
    List<String> wrong = new ArrayList<>();
    int probed = 0;
    for (Probe probe : probes(rule.data(), rule.action(), target)) {
      probeNames.add(probe.name());
      for (String prefix : probe.engine() ? WebSession.ENGINE_PREFIXES : List.of("")) {
        boolean write = !probe.method().equals("GET");
        if (!write && !adminSees.computeIfAbsent(prefix + probe.path(), path -> seen(ADMIN, probe, prefix, target))) {
          continue;
        }
        Probe sent = probe.path().contains(FRESH_ATTACHMENT)
            ? new Probe(probe.name(), probe.method(), probe.engine(), probe.path().replace(FRESH_ATTACHMENT, attachment(target.task())), probe.check())
            : probe;
        probed++;
        reachedProbes.add(probe.name());
        if (seen(user, sent, prefix, target) != allowed) {
          wrong.add(probe.method() + " " + prefix + probe.path() + (allowed ? " refused" : " answered"));
        }
      }
    }
    assertThat(probed).as("requests that reach the data").isPositive();
    assertThat(wrong).as(user + " " + rule.data() + " " + rule.action()).isEmpty();
  }

  private boolean seen(String user, Probe probe, String prefix, Target target) {
    try {
      String body = probe.method().equals("PUT") ? "{\"value\":\"" + target.routingValue() + "\",\"type\":\"String\"}" : null;
      HttpResponse<String> response = probe.method().equals("GET")
          ? sessions.get(user).get(prefix + probe.path())
          : probe.engine() ? sessions.get(user).webapp(probe.method(), prefix + probe.path(), body) : basic(user, probe);
      boolean ok = response.statusCode() / 100 == 2;
      return switch (probe.check()) {
        case STATUS -> ok;
        case NAMES_TARGET -> ok && response.body().contains(marker(probe, target));
        case NAMES_PROCESS_VARIABLE -> ok && response.body().contains(target.instance()) && response.body().contains("\"taskId\":null");
        case COUNTS_INSTANCES -> ok && countsInstances(JSON.readTree(response.body()));
      };
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A change through the application's own JSON API, which takes it with HTTP Basic (as scripts call it). */
  private HttpResponse<String> basic(String user, Probe probe) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + probe.path()))
        .header("Authorization", "Basic " + credentials).method(probe.method(), HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String marker(Probe probe, Target target) {
    if (probe.path().contains("/comment")) {
      return target.comment();
    }
    if (probe.path().contains("/attachment")) {
      return target.attachment();
    }
    return target.task() != null ? target.task() : target.instance();
  }

  private static boolean countsInstances(JsonNode statistics) {
    for (JsonNode definition : statistics) {
      if (definition.path("instances").asInt() > 0) {
        return true;
      }
    }
    return false;
  }

  /** The requests that read or change one kind of data. */
  private static List<Probe> probes(Data data, Action action, Target t) {
    return switch (data) {
      case ROUND, OWN_UNIT, OTHER_UNIT, CLUE_TO_ME, CLUE_TO_OTHERS -> switch (action) {
        case READ -> List.of(
            engine("instance", "/process-instance/" + t.instance(), Check.STATUS),
            engine("instance variables", "/process-instance/" + t.instance() + "/variables", Check.STATUS),
            engine("activity instances", "/process-instance/" + t.instance() + "/activity-instances", Check.STATUS),
            engine("executions", "/execution?processInstanceId=" + t.instance() + ALL, Check.NAMES_TARGET),
            engine("variable instances", "/variable-instance?processInstanceIdIn=" + t.instance() + ALL, Check.NAMES_PROCESS_VARIABLE),
            engine("incidents", "/incident?processInstanceId=" + t.instance() + ALL, Check.NAMES_TARGET));
        case READ_HISTORY -> Stream.concat(
            Stream.of("variable-instance", "detail", "activity-instance", "task", "user-operation", "incident")
                .map(resource -> engine("history " + resource, "/history/" + resource + "?processInstanceId=" + t.instance() + ALL,
                    Check.NAMES_TARGET)),
            Stream.of(engine("history instance", "/history/process-instance/" + t.instance(), Check.STATUS))).toList();
        default -> List.of();
      };
      case TASK_TO_ME, TASK_TO_OTHERS -> switch (action) {
        case READ -> List.of(
            engine("task", "/task/" + t.task(), Check.STATUS),
            engine("task query", "/task?taskId=" + t.task() + ALL, Check.NAMES_TARGET),
            engine("task variables", "/task/" + t.task() + "/variables", Check.STATUS),
            engine("form variables", "/task/" + t.task() + "/form-variables", Check.STATUS),
            engine("identity links", "/task/" + t.task() + "/identity-links", Check.STATUS));
        case READ_HISTORY -> List.of(
            engine("history task", "/history/task?taskId=" + t.task() + ALL, Check.NAMES_TARGET),
            engine("history variables", "/history/variable-instance?taskIdIn=" + t.task() + ALL, Check.NAMES_TARGET),
            engine("history details", "/history/detail?taskId=" + t.task() + ALL, Check.NAMES_TARGET),
            engine("history identity links", "/history/identity-link-log?taskId=" + t.task() + ALL, Check.NAMES_TARGET),
            engine("history operations", "/history/user-operation?taskId=" + t.task() + ALL, Check.NAMES_TARGET));
        case READ_COMMENTS -> List.of(
            engine("comments", "/task/" + t.task() + "/comment", Check.NAMES_TARGET),
            engine("attachments", "/task/" + t.task() + "/attachment", Check.NAMES_TARGET),
            engine("comment", "/task/" + t.task() + "/comment/" + t.comment(), Check.STATUS),
            engine("attachment", "/task/" + t.task() + "/attachment/" + t.attachment(), Check.STATUS),
            engine("attachment data", "/task/" + t.task() + "/attachment/" + t.attachment() + "/data", Check.STATUS));
        case DELETE_ATTACHMENT -> List.of(new Probe("delete attachment", "DELETE", true, "/task/" + t.task() + "/attachment/" + FRESH_ATTACHMENT, Check.STATUS));
        case CHANGE_ROUTING -> List.of(new Probe("routing variable", "PUT", true,
            "/task/" + t.task() + "/variables/" + t.routingVariable(), Check.STATUS));
        case MIGRATE -> List.of();
      };
      case CLUE_DECISIONS -> List.of(
          engine("history decision-instance", "/history/decision-instance?processInstanceId=" + t.instance() + ALL, Check.NAMES_TARGET));
      case INSTANCE_COUNTS -> List.of(engine("definition statistics", "/process-definition/statistics", Check.COUNTS_INSTANCES));
      case COCKPIT -> List.of(
          page("Cockpit instances", COCKPIT + "/process-instance?processDefinitionId=" + t.definition() + ALL, Check.NAMES_TARGET),
          page("Cockpit incidents", COCKPIT + "/incident?processInstanceIdIn=" + t.instance() + ALL, Check.NAMES_TARGET),
          page("Cockpit statistics", COCKPIT + "/process-definition/statistics?firstResult=0" + ALL, Check.COUNTS_INSTANCES));
      case OVERVIEW -> List.of(page("overview", "/overview", Check.STATUS), page("clue ledger", t.path(), Check.STATUS),
          page("results ledger", t.path().replace("/ledger/clues/", "/documents/") + "/ledger", Check.STATUS));
      case OWN_DOCUMENTS, OTHER_DOCUMENTS -> List.of(page("notice", t.path(), Check.STATUS));
      case PROCESS_VERSIONS -> switch (action) {
        case READ -> List.of(page("versions page", "/migration", Check.STATUS), page("versions API", "/api/migration", Check.STATUS),
            page("migration check page", "/migration/" + t.path(), Check.STATUS),
            page("migration check API", "/api/migration/" + t.path(), Check.STATUS));
        case MIGRATE -> List.of(new Probe("migration API", "POST", false, "/api/migration/" + t.path(), Check.STATUS));
        default -> List.of();
      };
      case PLAN_SHEET -> List.of(page("plan sheet template", "/round-plan/template", Check.STATUS),
          page("plan sheet import page", "/round-plan/import", Check.STATUS));
      case CLUE_ROUTING -> List.of(page("clue routing page", "/clue-routing", Check.STATUS),
          page("clue routing API", "/api/clue-routing", Check.STATUS));
    };
  }

  private static Probe engine(String name, String path, Check check) {
    return new Probe(name, "GET", true, path, check);
  }

  private static Probe page(String name, String path, Check check) {
    return new Probe(name, "GET", false, path, check);
  }

  /**
   * A fresh attachment on the task, added by the administrator (so that the operation log records it);
   * deleting it changes nothing else.
   */
  private String attachment(String taskId) {
    String instance = engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getProcessInstanceId();
    return asAdmin(() -> engine.getTaskService().createAttachment("text/plain", taskId, instance, "整改材料.txt", "检查用附件",
        new ByteArrayInputStream("附件内容".getBytes(StandardCharsets.UTF_8))).getId());
  }

  private <T> T asAdmin(java.util.function.Supplier<T> action) {
    engine.getIdentityService().setAuthentication(ADMIN, List.of(Roles.ADMIN));
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** The instances and open tasks of the round, seen from each demo user. */
  private final class Round {
    final ProcessInstance round;
    final ProcessInstance unit1;
    final ProcessInstance unit2;
    final ProcessInstance clueToUnit1;
    final ProcessInstance clueToDiscipline;
    final ProcessInstance clueToOrganisation;

    Round(ProcessInstance round, ProcessInstance unit1, ProcessInstance unit2) {
      this.round = round;
      this.unit1 = unit1;
      this.unit2 = unit2;
      this.clueToUnit1 = clue(unit1, "unit1");
      this.clueToDiscipline = clue(unit1, "dept-discipline");
      this.clueToOrganisation = clue(unit1, "dept-organization");
    }

    private ProcessInstance clue(ProcessInstance unit, String receiver) {
      return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("clue-transfer")
          .processInstanceBusinessKeyLike(unit.getBusinessKey() + "/%").variableValueEquals("receiver", receiver).singleResult();
    }

    /** One clue of the unit routed by the decision Rule_RouteClue, in the instance of step-08-clue that the clues step called for it. */
    private ProcessInstance routedClue(ProcessInstance unit) {
      return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("step-08-clue")
          .processInstanceBusinessKey(unit.getBusinessKey()).orderByProcessInstanceId().asc().listPage(0, 1).get(0);
    }

    Map<Data, Target> targets(String user) {
      Map<Data, Target> targets = new EnumMap<>(Data.class);
      targets.put(Data.ROUND, instance(round));
      targets.put(Data.INSTANCE_COUNTS, page(""));
      targets.put(Data.PROCESS_VERSIONS, page(RoleAuthorizations.ROUND_PROCESS));
      targets.put(Data.PLAN_SHEET, page(""));
      targets.put(Data.CLUE_ROUTING, page(""));
      targets.put(Data.CLUE_DECISIONS, instance(routedClue(unit1)));
      targets.put(Data.COCKPIT, instance(unit1));
      targets.put(Data.OVERVIEW, page("/ledger/clues/" + round.getBusinessKey()));
      targets.put(Data.CLUE_TO_OTHERS, instance(user.equals("dept-discipline1") ? clueToOrganisation : clueToDiscipline));
      boolean first = Set.of("team1-leader", "unit1").contains(user);
      boolean second = Set.of("team2-leader", "unit2").contains(user);
      if (first || second) {
        targets.put(Data.OWN_UNIT, instance(first ? unit1 : unit2));
        targets.put(Data.OTHER_UNIT, instance(first ? unit2 : unit1));
        targets.put(Data.OWN_DOCUMENTS, page(notice(first ? "unit1" : "unit2")));
        targets.put(Data.OTHER_DOCUMENTS, page(notice(first ? "unit2" : "unit1")));
      } else {
        targets.put(Data.OTHER_UNIT, instance(unit1));
        targets.put(Data.OTHER_DOCUMENTS, page(notice("unit1")));
      }
      switch (user) {
        case "office1" -> targets.put(Data.TASK_TO_ME, task(unit2, "Task_ReviewClue", "teamGroup"));
        case "team2-leader" -> targets.put(Data.TASK_TO_ME, task(unit2, "Task_PrepareClue", "teamGroup"));
        case "unit1" -> {
          targets.put(Data.TASK_TO_ME, task(unit1, "Task_RectifyItem", "teamGroup"));
          targets.put(Data.CLUE_TO_ME, instance(clueToUnit1));
        }
        case "unit2" -> targets.put(Data.TASK_TO_ME, task(unit2, "Task_RectifyItem", "teamGroup"));
        case "dept-discipline1" -> {
          targets.put(Data.TASK_TO_ME, task(clueToDiscipline, "Task_HandleClue", "receiver"));
          targets.put(Data.CLUE_TO_ME, instance(clueToDiscipline));
        }
        default -> {
        }
      }
      targets.put(Data.TASK_TO_OTHERS, switch (user) {
        case "team1-leader", "unit1" -> task(unit2, "Task_PrepareClue", "teamGroup");
        case "dept-discipline1" -> task(clueToOrganisation, "Task_HandleClue", "receiver");
        case "dept-finance1" -> task(clueToDiscipline, "Task_HandleClue", "receiver");
        default -> task(unit1, "Task_RectifyItem", "teamGroup");
      });
      return targets;
    }

    private String notice(String unitGroup) {
      return "/documents/" + round.getBusinessKey() + "/" + unitGroup + "/notice";
    }

    private Target instance(ProcessInstance instance) {
      return new Target(instance.getId(), instance.getProcessDefinitionId(), null, null, null, null, null, null);
    }

    private Target page(String path) {
      return new Target(null, null, null, null, null, null, null, path);
    }

    /** An open task of the process or of a step it called (same business key), with the instance it runs in. */
    private Target task(ProcessInstance instance, String taskKey, String routingVariable) {
      Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey(taskKey)
          .orderByTaskId().asc().listPage(0, 1).get(0);
      return new Target(task.getProcessInstanceId(), task.getProcessDefinitionId(), task.getId(), comments.get(task.getId()),
          attachments.get(task.getId()), routingVariable,
          (String) engine.getRuntimeService().getVariable(task.getProcessInstanceId(), routingVariable), null);
    }
  }

  private final Map<String, String> comments = new HashMap<>();
  private final Map<String, String> attachments = new HashMap<>();

  /**
   * The sample round with teams 1 and 2 driven to rectification: every unit's rectification items
   * open; unit 1's three clues transferred (to unit 1 itself, 县纪委监委, 县委组织部); unit 2's two
   * clues, one prepared and waiting for the office. Every instance has an incident, every open task
   * a comment and an attachment, so that each kind of data exists to be refused.
   */
  private Round driveRoundToRectification() {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    steps.prepare(round);
    List<ProcessInstance> units = List.of(steps.unit(round, "unit1"), steps.unit(round, "unit2"));
    for (int team = 1; team <= 2; team++) {
      steps.analyseForTeam(units.get(team - 1), team);
      steps.draftTeamPlan(units.get(team - 1), team, Map.of());
      steps.fileTeamPlan(units.get(team - 1), "approve", null);
    }
    ProcedureSteps.at("2022-04-18T09:00");
    units.forEach(unit -> steps.announce(unit, Map.of()));
    ProcedureSteps.at("2022-04-19T10:00");
    steps.acknowledge(units.get(0), "unit1");
    steps.acknowledge(units.get(1), "unit2");
    ProcedureSteps.at("2022-04-21T08:30");
    for (int team = 1; team <= 2; team++) {
      steps.fireDueTimers(units.get(team - 1));
      steps.recordEntryMeeting(units.get(team - 1), team);
    }
    ProcedureSteps.at("2022-04-25T10:00");
    steps.inspect(units.get(0), 1);
    steps.inspect(units.get(1), 2);
    ProcedureSteps.at("2022-06-11T00:00");
    units.forEach(steps::fireDueTimers);
    List<List<String>> clueKinds = List.of(List.of("work", "discipline", "organisation"), List.of("discipline", "organisation"));
    for (int team = 1; team <= 2; team++) {
      ProcessInstance unit = units.get(team - 1);
      ProcedureSteps.at("2022-06-20T09:00");
      steps.draftReport(unit, team, Map.of("clues", clueKinds.get(team - 1).stream()
          .map(kind -> Map.of("summary", "问题线索（" + kind + "）", "kind", kind)).toList()));
      steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
      ProcedureSteps.at("2022-06-27T09:00");
      steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
      steps.complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-06-27", "decisions", "同意报告，督促整改"));
      ProcedureSteps.at("2022-06-29T09:00");
      steps.giveFeedback(unit, team, "2022-06-29");
      steps.confirmFeedback(unit, "unit" + team, "2022-06-29");
      ProcedureSteps.at("2022-07-05T09:00");
      steps.fileRectificationPlan(unit, "unit" + team, "2022-07-20");
      steps.complete("office1", unit, "Task_ReviewRectificationPlan", null, ProcedureSteps.APPROVE);
    }
    steps.transferClues(units.get(0));
    Task oneClue = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(units.get(1).getBusinessKey())
        .taskDefinitionKey("Task_PrepareClue").orderByTaskId().desc().listPage(0, 1).get(0);
    steps.plan().as("team2-leader", () -> {
      engine.getTaskService().claim(oneClue.getId(), "team2-leader");
      engine.getFormService().submitTaskForm(oneClue.getId(), Map.of("material", "线索材料"));
      return null;
    });
    Round driven = new Round(round, units.get(0), units.get(1));
    for (ProcessInstance instance : List.of(round, units.get(0), units.get(1), driven.clueToUnit1, driven.clueToDiscipline, driven.clueToOrganisation)) {
      String activity = engine.getRuntimeService().getActiveActivityIds(instance.getId()).get(0);
      String execution = engine.getRuntimeService().createExecutionQuery().processInstanceId(instance.getId()).activityId(activity)
          .list().get(0).getId();
      engine.getRuntimeService().createIncident("xuncha-probe", execution, "probe", "检查用事件");
    }
    List<Task> open = new ArrayList<>();
    for (ProcessInstance instance : List.of(round, units.get(0), units.get(1), driven.clueToUnit1, driven.clueToDiscipline, driven.clueToOrganisation)) {
      open.addAll(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).list());
    }
    for (Task task : open) {
      comments.put(task.getId(), asAdmin(() -> engine.getTaskService().createComment(task.getId(), task.getProcessInstanceId(), "检查用意见")).getId());
      attachments.put(task.getId(), attachment(task.getId()));
    }
    return driven;
  }
}

package cn.xuncha;

import cn.xuncha.review.ReviewTask;
import cn.xuncha.round.RoundPlanSteps;
import cn.xuncha.round.SampleRound;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives steps 2–6 of the sample round through the engine's API as the users who work them, with
 * values a careful user would enter. Tests change single values to take other paths.
 */
public final class ProcedureSteps {

  /** The submission of a review form that approves. */
  public static final Map<String, Object> APPROVE = review("approve", null);

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  public static final List<String> DEPARTMENTS =
      List.of("dept-discipline", "dept-organization", "dept-finance", "dept-audit", "dept-petition");

  private static final Pattern TEAM = Pattern.compile("team(\\d+)");
  private static volatile Consumer<Date> clock = ClockUtil::setCurrentTime;

  private final ProcessEngine engine;
  private final RoundPlanSteps plan;

  public ProcedureSteps(ProcessEngine engine) {
    this.engine = engine;
    this.plan = new RoundPlanSteps(engine);
  }

  public RoundPlanSteps plan() {
    return plan;
  }

  /** A Beijing date and time, e.g. {@code beijing("2022-07-13T23:59:59.999")}, as the engine stores it. */
  public static Date beijing(String beijingDateTime) {
    return Date.from(LocalDateTime.parse(beijingDateTime).atZone(BEIJING).toInstant());
  }

  /** Moves the engine's clock (and so the application's) to a Beijing time. */
  public static void at(String beijingDateTime) {
    clock.accept(beijing(beijingDateTime));
  }

  /** The submission of a review form ({@link ReviewTask}): {@code approve} or {@code return}, with an optional comment. */
  public static Map<String, Object> review(String outcome, String comment) {
    Map<String, Object> values = new HashMap<>();
    values.put(ReviewTask.OUTCOME, outcome);
    values.put(ReviewTask.COMMENT, comment);
    return values;
  }

  /**
   * Replaces how {@link #at} moves the clock, which is one per JVM ({@link ClockUtil}): the
   * benchmark runs several rounds at once and moves the clock only when all of them arrive at the
   * same date. {@code null} restores the direct move.
   */
  public static void moveClockWith(Consumer<Date> mover) {
    clock = mover == null ? ClockUtil::setCurrentTime : mover;
  }

  public ProcessInstance approvedRound() {
    return plan.approvedSampleRound();
  }

  public void recordTraining(ProcessInstance round, Map<String, Object> changes) {
    complete("office1", round, "Task_RecordTraining", null, with(Map.of(
        "trainingDate", "2022-04-12", "trainingPlace", "县委党校报告厅", "attendees", "七个巡察组全体成员共 112 人",
        "topics", List.of("goals", "steps", "methods", "arrangements", "discipline", "secrecy"),
        "trainingContent", "传达巡察工作方案，讲解巡察方法和纪律要求"), changes));
  }

  public void recordPartyBranch(ProcessInstance round, int team, Map<String, Object> changes) {
    List<String> people = SampleRound.plan().teams().get(team - 1).people();
    complete("team" + team + "-leader", round, "Task_RecordPartyBranch", "team" + team, with(Map.of(
        "foundedOn", "2022-04-13", "secretary", people.get(0), "deputySecretary", people.get(1),
        "organisationMember", people.get(2), "disciplineMember", people.get(3)), changes));
  }

  public void answerInquiry(ProcessInstance round, String department) {
    complete(department + "1", round, "Task_AnswerInquiry", department, Map.of("reply", department + "：未发现需要通报的问题线索"));
  }

  public void analyseInquiries(ProcessInstance round) {
    complete("office1", round, "Task_AnalyseInquiries", null, Map.of("analysisNotes", "重点关注村级集体资金管理"));
  }

  /** Steps 2 and 3 on the happy path: the round then runs one unit-inspection per unit. */
  public void prepare(ProcessInstance round) {
    recordTraining(round, Map.of());
    for (int team = 1; team <= 7; team++) {
      recordPartyBranch(round, team, Map.of());
    }
    DEPARTMENTS.forEach(department -> answerInquiry(round, department));
    analyseInquiries(round);
  }

  /**
   * Starts one unit's process the way the round's call activity does, without the preparation
   * steps, to test the unit's steps on their own.
   */
  public ProcessInstance startUnit(ProcessInstance round, int team) {
    var unit = SampleRound.plan().units().get(team - 1);
    Map<String, Object> variables = new HashMap<>(engine.getRuntimeService().getVariables(round.getId(),
        List.of("roundKey", "entryDate", "withdrawalDate", "planFilingDate")));
    variables.put("unitGroup", unit.groupId());
    variables.put("unitId", unitIdOf(round, unit.groupId()));
    variables.put("teamGroup", teamGroup(round, team));
    variables.put("coverage", unit.coverage().name());
    return engine.getRuntimeService().startProcessInstanceByKey("unit-inspection",
        round.getBusinessKey() + "/" + unit.groupId(), variables);
  }

  /**
   * The groups granted read access to the process instance (cn.xuncha.security.AccessGroupsPlugin,
   * by the process's {@code accessGroups} property), sorted.
   */
  public List<String> readers(ProcessInstance instance) {
    return engine.getAuthorizationService().createAuthorizationQuery().resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(instance.getId()).list().stream().map(Authorization::getGroupId).sorted().toList();
  }

  /** The id of the unit's row, as the round's call activity hands it to the unit's process. */
  private long unitIdOf(ProcessInstance round, String unitGroup) {
    var dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    return JdbcClient.create(dataSource)
        .sql("select u.id from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(round.getBusinessKey(), unitGroup).query(Long.class).single();
  }

  /** The unit-inspection process of a unit of the round. */
  public ProcessInstance unit(ProcessInstance round, String unitGroup) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(round.getId())
        .variableValueEquals("unitGroup", unitGroup).singleResult();
  }

  public void analyseForTeam(ProcessInstance unit, int team) {
    complete("team" + team + "-leader", unit, "Task_RecordTeamAnalysis", null, Map.of(
        "talks", "与乡党委书记单独沟通", "keyPersons", "村党支部书记", "keyMatters", "村集体资产处置", "keyProblems", "三资管理不规范"));
  }

  public void draftTeamPlan(ProcessInstance unit, int team, Map<String, Object> changes) {
    Map<String, Object> values = new HashMap<>();
    for (String section : List.of("tasks", "focus", "methods", "schedule", "staffing", "discipline", "branchPlan",
        "petitionContingency", "talkContingency", "inquiryContingency")) {
      values.put(section, section + "：按方案执行");
    }
    List<String> villages = SampleRound.plan().units().get(team - 1).villages();
    Integer initial = SampleRound.plan().units().get(team - 1).initialVillages();
    if (initial != null) {
      values.put("initialVillages", villages.subList(0, initial));
    }
    values.putAll(changes);
    complete("team" + team + "-leader", unit, "Task_DraftTeamPlan", null, values);
  }

  public void fileTeamPlan(ProcessInstance unit, String outcome, String comment) {
    complete("office1", unit, "Task_FileTeamPlan", null, review(outcome, comment));
  }

  /** The announced channels: two telephones (a landline and 12388), a postal mailbox and an online platform with its link. */
  public static final String CHANNELS = """
      [{"kind":"电话","contact":"0375-1234567","hours":"工作日 8:30—17:30"},{"kind":"电话","contact":"12388"},
       {"kind":"邮政信箱","contact":"县邮政局 1 号信箱"},{"kind":"网络平台","contact":"https://xc.example.cn/jb","note":"“码上巡察”二维码"}]""";

  /** The office announces on 2022-04-18, the day the written notice is sent: move the clock there first. */
  public void announce(ProcessInstance unit, Map<String, Object> changes) {
    complete("office1", unit, "Task_PrepareAnnouncement", null, with(Map.of(
        "announcedOn", "2022-04-18", "announcementMedia", "县融媒体中心", "noticeSentOn", "2022-04-18",
        "residence", "乡政府院内", "entryMeetingOn", "2022-04-21", "entryMeetingPlace", "乡政府会议室",
        "channels", CHANNELS, "petitionsCloseOn", "2022-06-03", "petitionsCloseAt", "17:30"),
        changes));
  }

  public void acknowledge(ProcessInstance unit, String unitGroup) {
    complete(unitGroup, unit, "Task_AcknowledgeNotice", null, Map.of(
        "receivedOn", "2022-04-19", "receivedBy", "党政办主任", "liaisonGroup", "党委副书记、党政办主任、纪委书记"));
  }

  public void recordEntryMeeting(ProcessInstance unit, int team) {
    complete("team" + team + "-leader", unit, "Task_RecordEntryMeeting", null, Map.of(
        "meetingOn", "2022-04-21", "meetingPlace", "乡政府会议室", "attendees", "乡党委班子成员、各村党支部书记",
        "meetingSummary", "通报巡察工作安排和有关要求"));
  }

  /** Every step of the unit up to the on-site stay, on time. */
  /** Analysis, team plan filed, announced on 2022-04-18 and acknowledged the next day: the unit then waits for its entry date. */
  public void announced(ProcessInstance unit, int team, String unitGroup) {
    analyseForTeam(unit, team);
    draftTeamPlan(unit, team, Map.of());
    fileTeamPlan(unit, "approve", null);
    at("2022-04-18T09:00");
    announce(unit, Map.of());
    at("2022-04-19T10:00");
    acknowledge(unit, unitGroup);
  }

  public void bringOnSite(ProcessInstance unit, int team, String unitGroup) {
    announced(unit, team, unitGroup);
    at("2022-04-21T08:00");
    fireDueTimers(unit);
    recordEntryMeeting(unit, team);
  }

  /**
   * The sample round of procedure.md §4 from plan to withdrawal on its real 2022 dates: seven teams,
   * five of them naming six more villages within 7 days of entry, every team recording a problem.
   */
  public ProcessInstance runSampleRoundToWithdrawal() {
    at("2022-04-01T09:00");
    ProcessInstance round = approvedRound();
    prepare(round);
    var units = SampleRound.plan().units();
    for (int team = 1; team <= units.size(); team++) {
      ProcessInstance unit = unit(round, units.get(team - 1).groupId());
      analyseForTeam(unit, team);
      draftTeamPlan(unit, team, Map.of());
      fileTeamPlan(unit, "approve", null);
    }
    at("2022-04-18T09:00");
    units.forEach(u -> announce(unit(round, u.groupId()), Map.of()));
    at("2022-04-19T10:00");
    units.forEach(u -> acknowledge(unit(round, u.groupId()), u.groupId()));
    at("2022-04-21T08:30");
    for (int team = 1; team <= units.size(); team++) {
      ProcessInstance unit = unit(round, units.get(team - 1).groupId());
      fireDueTimers(unit);
      recordEntryMeeting(unit, team);
    }
    at("2022-04-25T10:00");
    for (int team = 1; team <= units.size(); team++) {
      inspect(unit(round, units.get(team - 1).groupId()), team);
    }
    at("2022-06-11T00:00");
    units.forEach(u -> fireDueTimers(unit(round, u.groupId())));
    return round;
  }

  /** On site: mobile villages named and approved where the plan asks, one problem found and confirmed. */
  public void inspect(ProcessInstance unit, int team) {
    var planned = SampleRound.plan().units().get(team - 1);
    if (planned.initialVillages() != null) {
      List<String> mobile = planned.villages().subList(planned.initialVillages(), planned.initialVillages() + planned.mobileVillages());
      complete("team" + team + "-leader", unit, "Task_NameMobileVillages", null,
          Map.of("mobileVillages", mobile, "mobileReason", "信访反映集中"));
      complete("leader1", unit, "Task_ApproveMobileVillages", null, APPROVE);
    }
    complete("team" + team + "-leader", unit, "Task_RecordWorkingPaper", null, Map.of(
        "place", planned.name(), "category", "work", "fact", "三重一大事项未经集体研究", "evidence", "党委会议记录", "source", "documents"));
    complete("team" + team + "-leader", unit, "Task_ConfirmWorkingPaper", null, APPROVE);
  }

  /** One unit started on its own and brought to the day after withdrawal, waiting for its report. */
  public ProcessInstance withdrawn(ProcessInstance round, int team) {
    ProcessInstance unit = startUnit(round, team);
    bringOnSite(unit, team, "unit" + team);
    at("2022-04-25T10:00");
    inspect(unit, team);
    at("2022-06-11T00:00");
    fireDueTimers(unit);
    return unit;
  }

  /** The ids of the confirmed working papers of a unit's process, as the report form offers them. */
  @SuppressWarnings("unchecked")
  public List<String> paperOptions(ProcessInstance unit) {
    Task draft = task(unit, "Task_DraftReport", null);
    String json = engine.getTaskService().getVariable(draft.getId(), "paperOptions").toString();
    try {
      List<Map<String, String>> options = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, List.class);
      return options.stream().map(option -> option.get("value")).toList();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public void draftReport(ProcessInstance unit, int team, Map<String, Object> changes) {
    Map<String, Object> values = new HashMap<>(Map.of(
        "situationReport", "巡察情况总体报告", "talkReport", "个别谈话 86 人次", "clueReport", "发现问题线索 1 件",
        "secretarySuggestions", "建议督促乡党委落实三重一大制度",
        "problems", paperOptions(unit), "commonProblems", List.of(),
        "clues", List.of(Map.of("summary", "村干部违规发放补贴", "kind", "discipline"))));
    values.putAll(changes);
    complete("team" + team + "-leader", unit, "Task_DraftReport", null, values);
  }

  public void reviewReport(ProcessInstance unit, String taskKey, String outcome, String comment) {
    complete("Task_ConsultReport".equals(taskKey) ? "office1" : "leader1", unit, taskKey, null, review(outcome, comment));
  }

  public void giveFeedback(ProcessInstance unit, int team, String on) {
    giveFeedback(unit, team, on, Map.of());
  }

  public void giveFeedback(ProcessInstance unit, int team, String on, Map<String, Object> changes) {
    complete("team" + team + "-leader", unit, "Task_GiveFeedback", null, with(Map.of(
        "feedbackOn", on, "attendees", "乡党委书记及班子成员", "demands", "落实三重一大制度，规范村级财务"), changes));
  }

  public void confirmFeedback(ProcessInstance unit, String unitGroup, String on) {
    complete(unitGroup, unit, "Task_ConfirmFeedback", null, Map.of("receivedOn", on, "receivedBy", "乡党委书记"));
  }

  /** Everything from the report to the unit's receipt of the feedback, on time. */
  public void reportAndFeedBack(ProcessInstance unit, int team, String unitGroup) {
    at("2022-06-20T09:00");
    draftReport(unit, team, Map.of());
    reviewReport(unit, "Task_ConsultReport", "approve", null);
    at("2022-06-27T09:00");
    reviewReport(unit, "Task_ReviewReport", "approve", null);
    complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-06-27", "decisions", "同意报告，督促整改"));
    at("2022-06-29T09:00");
    giveFeedback(unit, team, "2022-06-29");
    confirmFeedback(unit, unitGroup, "2022-06-29");
  }

  public void fileRectificationPlan(ProcessInstance unit, String unitGroup, String deadline) {
    fileRectificationPlan(unit, unitGroup, deadline, Map.of());
  }

  @SuppressWarnings("unchecked")
  public void fileRectificationPlan(ProcessInstance unit, String unitGroup, String deadline, Map<String, Object> changes) {
    Task task = task(unit, "Task_FileRectificationPlan", null);
    List<Map<String, Object>> items;
    try {
      items = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
          engine.getTaskService().getVariable(task.getId(), "items").toString(), List.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    items.forEach(item -> {
      item.put("measure", "建立三重一大事项集体决策台账");
      item.put("deadline", deadline);
      item.put("responsible", "乡党委书记");
    });
    complete(unitGroup, unit, "Task_FileRectificationPlan", null, with(Map.of("plan", "整改方案全文", "items", items), changes));
  }

  /** Rectification accepted, every item closed on first verification, the report written, follow-up done. */
  public void rectify(ProcessInstance unit, String unitGroup) {
    fileRectificationPlan(unit, unitGroup, "2022-07-20");
    complete("office1", unit, "Task_ReviewRectificationPlan", null, APPROVE);
    completeAll(unitGroup, unit, "Task_RectifyItem", Map.of("evidence", "决策台账及会议记录"));
    completeAll("office1", unit, "Task_VerifyItem", APPROVE);
    complete(unitGroup, unit, "Task_ReportRectification", null, Map.of("rectificationReport", "整改落实情况报告全文"));
    complete("office1", unit, "Task_FollowUp", null, Map.of("followUpDecision", "done"));
  }

  /** Every clue of the unit prepared, approved by the office and transferred. */
  public void transferClues(ProcessInstance unit) {
    // the team's group is team<N> or team<N>-<round>: its leader is team<N>-leader
    String team = ((String) engine.getRuntimeService().getVariable(unit.getId(), "teamGroup")).split("-")[0];
    completeAll(team + "-leader", unit, "Task_PrepareClue", Map.of("material", "线索材料"));
    completeAll("office1", unit, "Task_ReviewClue", APPROVE);
  }

  /** Every receiver of the unit's clues replies in writing (receivers' accounts: the group id, or the department's "…1"). */
  /** Every receiver of every clue of the unit replies in writing, each as its own demo account. */
  public void answerClues(ProcessInstance unit) {
    for (Task open : engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(unit.getBusinessKey() + "/%")
        .taskDefinitionKey("Task_HandleClue").list()) {
      String receiver = (String) engine.getRuntimeService().getVariable(open.getProcessInstanceId(), "receiver");
      String user = receiver.startsWith("dept-") ? receiver + "1" : receiver;
      plan.as(user, () -> {
        engine.getTaskService().claim(open.getId(), user);
        engine.getFormService().submitTaskForm(open.getId(), Map.of("reply", "已立案调查，给予党纪处分"));
        return null;
      });
    }
  }

  public void publish(ProcessInstance unit) {
    complete("office1", unit, "Task_PublishResults", null, Map.of(
        "reportedOn", "2022-07-28", "publishedOn", "2022-08-01", "channel", "县融媒体中心", "content", "巡察整改情况通报"));
  }

  /**
   * The sample round from plan to publication on its real 2022 dates: each phase done by all seven
   * units on the same day, as the office would schedule it.
   */
  public ProcessInstance runSampleRoundToPublication() {
    ProcessInstance round = runSampleRoundToWithdrawal();
    var planned = SampleRound.plan().units();
    List<ProcessInstance> units = planned.stream().map(u -> unit(round, u.groupId())).toList();
    at("2022-06-20T09:00");
    for (int team = 1; team <= units.size(); team++) {
      draftReport(units.get(team - 1), team, Map.of());
      reviewReport(units.get(team - 1), "Task_ConsultReport", "approve", null);
    }
    at("2022-06-27T09:00");
    for (ProcessInstance unit : units) {
      reviewReport(unit, "Task_ReviewReport", "approve", null);
      complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-06-27", "decisions", "同意报告，督促整改"));
    }
    at("2022-06-29T09:00");
    for (int team = 1; team <= units.size(); team++) {
      giveFeedback(units.get(team - 1), team, "2022-06-29");
      confirmFeedback(units.get(team - 1), planned.get(team - 1).groupId(), "2022-06-29");
    }
    at("2022-07-05T09:00");
    for (int team = 1; team <= units.size(); team++) {
      rectify(units.get(team - 1), planned.get(team - 1).groupId());
      transferClues(units.get(team - 1));
    }
    at("2022-07-20T09:00");
    units.forEach(this::answerClues);
    at("2022-08-01T09:00");
    units.forEach(this::publish);
    return round;
  }

  /** Completes every open task with this key in the process and its sub-processes' scope, one by one. */
  public void completeAll(String user, ProcessInstance instance, String taskKey, Map<String, Object> values) {
    for (Task open : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey(taskKey).list()) {
      plan.as(user, () -> {
        engine.getTaskService().claim(open.getId(), user);
        engine.getFormService().submitTaskForm(open.getId(), values);
        return null;
      });
    }
  }

  /**
   * Executes every timer due at the engine's current time in the process, the steps it called (same
   * business key) and the deadline watches of either (business key {@code <key>#<deadline>}).
   */
  public int fireDueTimers(ProcessInstance instance) {
    List<ProcessInstance> parts = new java.util.ArrayList<>(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(instance.getBusinessKey()).list());
    parts.addAll(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKeyLike(instance.getBusinessKey() + "#%").list());
    List<Job> due = new java.util.ArrayList<>();
    for (ProcessInstance part : parts) {
      due.addAll(engine.getManagementService().createJobQuery().processInstanceId(part.getId()).timers().executable().list());
    }
    due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    return due.size();
  }

  /** The office's open escalation of a deadline of the process or of a step it called: the deadline watch's 逾期督办 task. */
  public List<Task> overdueTasks(ProcessInstance instance) {
    return engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike(instance.getBusinessKey() + "#%")
        .taskDefinitionKey("Task_Overdue").list();
  }

  /** The deadline watch of the process (or a step it called) for one deadline id, e.g. {@code watch(step, "D2")}; null if none runs. */
  public ProcessInstance watch(ProcessInstance instance, String deadlineId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(instance.getBusinessKey() + "#" + deadlineId)
        .singleResult();
  }

  /**
   * The open task of the instance offered to {@code candidateGroup}; {@code team<N>} stands for the
   * group of 第N巡察组 of the instance's round ({@link #teamGroup}), whatever its id.
   */
  public Task task(ProcessInstance instance, String taskKey, String candidateGroup) {
    var query = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey(taskKey);
    if (candidateGroup != null) {
      Matcher team = TEAM.matcher(candidateGroup);
      query.taskCandidateGroup(team.matches() ? teamGroup(instance, Integer.parseInt(team.group(1))) : candidateGroup).includeAssignedTasks();
    }
    return query.singleResult();
  }

  /** The group of 第{@code team}巡察组 of the round the instance belongs to (its business key up to "/"), as the plan stored it. */
  public String teamGroup(ProcessInstance instance, int team) {
    var dataSource = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDataSource();
    return JdbcClient.create(dataSource)
        .sql("select t.group_id from xc_team t join xc_round r on r.id = t.round_id where r.business_key = ? and t.team_no = ?")
        .params(instance.getBusinessKey().split("/")[0], team).query(String.class).single();
  }

  public void complete(String user, ProcessInstance instance, String taskKey, String candidateGroup, Map<String, Object> values) {
    Task task = task(instance, taskKey, candidateGroup);
    if (task == null) {
      throw new AssertionError("No open task " + taskKey + " in " + instance.getId());
    }
    plan.as(user, () -> {
      engine.getTaskService().claim(task.getId(), user);
      engine.getFormService().submitTaskForm(task.getId(), values);
      return null;
    });
  }

  private static Map<String, Object> with(Map<String, Object> values, Map<String, Object> changes) {
    Map<String, Object> merged = new HashMap<>(values);
    merged.putAll(changes);
    return merged;
  }
}

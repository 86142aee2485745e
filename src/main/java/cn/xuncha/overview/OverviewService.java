package cn.xuncha.overview;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.ChinaTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What supervisors see at a glance: every round and unit with its current step, its open tasks
 * and who holds them, every deadline coloured, and the round's counts (办法 第二十二条).
 */
@Service
class OverviewService {

  private static final int PAGE = 2000;
  private static final String ROUND_PROCESS = "inspection-round";
  /** Activity types of the engine's history where an instance waits without a task: intermediate events, receive tasks, call activities. */
  private static final List<String> WAIT_STATES = List.of("intermediate", "receiveTask", "callActivity");
  private static final String PLANNING = "新的巡察轮次（正在编制巡察工作方案）";
  /** The round-level tasks one team works for all its units; on a unit's timeline only its own team's count. */
  private static final String TEAM_ROUND_TASK = "Task_RecordPartyBranch";

  private final RoundRepository rounds;
  private final RoundUnits roundUnits;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final TaskSteps steps;
  private final WorkingDayCalendar calendar;
  private final JdbcClient jdbc;
  private final Clock clock;

  OverviewService(RoundRepository rounds, RoundUnits roundUnits, TaskService tasks, RuntimeService runtime, HistoryService history, TaskSteps steps,
      WorkingDayCalendar calendar, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.roundUnits = roundUnits;
    this.tasks = tasks;
    this.runtime = runtime;
    this.history = history;
    this.steps = steps;
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  List<RoundView> rounds(Filter filter) {
    Instant now = clock.instant();
    List<RoundView> views = new ArrayList<>();
    for (String roundKey : jdbc.sql("select business_key from xc_round order by id desc").query(String.class).list()) {
      if (filter.round() != null && !filter.round().equals(roundKey)) {
        continue;
      }
      RoundPlan plan = rounds.findPlan(roundKey).orElseThrow();
      List<UnitView> units = new ArrayList<>();
      for (InspectedUnit unit : plan.units()) {
        String team = plan.teamOf(unit).groupId();
        if ((filter.team() != null && !filter.team().equals(team)) || (filter.unit() != null && !filter.unit().equals(unit.groupId()))) {
          continue;
        }
        UnitView view = unit(roundKey, unit, plan, now);
        if (filter.colour() == null || view.tasks().stream().anyMatch(task -> task.colour() == filter.colour())) {
          units.add(view);
        }
      }
      views.add(new RoundView(roundKey, plan.name(), roundTasks(roundKey, now), units, counts(roundKey)));
    }
    // A round whose plan has not been submitted yet has no row: it is the running round process alone.
    List<String> listed = views.stream().map(RoundView::key).toList();
    runtime.createProcessInstanceQuery().processDefinitionKey(ROUND_PROCESS).listPage(0, PAGE).stream()
        .map(ProcessInstance::getBusinessKey)
        .filter(key -> key != null && !listed.contains(key) && (filter.round() == null || filter.round().equals(key)))
        .filter(key -> filter.team() == null && filter.unit() == null) // a round in planning has no teams or units yet
        .forEach(key -> views.add(new RoundView(key, PLANNING, roundTasks(key, now), List.of(), counts(key))));
    return views;
  }

  /** Whether the round of {@code roundKey} inspects the unit whose group is {@code unitGroup}: one statement. */
  boolean inspects(String roundKey, String unitGroup) {
    return jdbc.sql("select count(*) from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(Long.class).single() > 0;
  }

  /** The unit's ten steps: when each began and ended and who acted, from the history of its processes. */
  List<StepView> timeline(String roundKey, String unitGroup) {
    List<String> instances = new ArrayList<>();
    List<String> round = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(roundKey).listPage(0, 1)
        .stream().map(HistoricProcessInstance::getId).toList();
    instances.addAll(round);
    for (HistoricProcessInstance unit : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(roundKey + "/" + unitGroup).listPage(0, 1)) {
      instances.add(unit.getId());
      history.createHistoricProcessInstanceQuery().superProcessInstanceId(unit.getId()).listPage(0, PAGE)
          .forEach(transfer -> instances.add(transfer.getId()));
    }
    // The round's team tasks (one party branch per team) belong to this unit's timeline only for its own team.
    Set<String> ownTeamTasks = round.isEmpty() ? Set.of() : history.createHistoricTaskInstanceQuery().processInstanceId(round.get(0))
        .taskDefinitionKey(TEAM_ROUND_TASK).taskHadCandidateGroup(roundUnits.teamGroupOf(roundKey, unitGroup)).listPage(0, PAGE).stream()
        .map(HistoricTaskInstance::getId).collect(Collectors.toSet());
    Map<Integer, List<HistoricTaskInstance>> byStep = new TreeMap<>();
    for (String instance : instances) {
      for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery().processInstanceId(instance).listPage(0, PAGE)) {
        if (TEAM_ROUND_TASK.equals(task.getTaskDefinitionKey()) && !ownTeamTasks.contains(task.getId())) {
          continue;
        }
        byStep.computeIfAbsent(steps.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey()), step -> new ArrayList<>()).add(task);
      }
    }
    List<StepView> timeline = new ArrayList<>();
    for (int step = 1; step <= 10; step++) {
      List<HistoricTaskInstance> done = byStep.getOrDefault(step, List.of());
      Date start = done.stream().map(HistoricTaskInstance::getStartTime).min(Date::compareTo).orElse(null);
      boolean open = done.stream().anyMatch(task -> task.getEndTime() == null);
      Date end = open ? null : done.stream().map(HistoricTaskInstance::getEndTime).max(Date::compareTo).orElse(null);
      List<String> actors = done.stream().map(HistoricTaskInstance::getAssignee).filter(a -> a != null).distinct().toList();
      timeline.add(new StepView(step, TaskSteps.NAMES.get(step), format(start), format(end), open, actors));
    }
    return timeline;
  }

  private UnitView unit(String roundKey, InspectedUnit unit, RoundPlan plan, Instant now) {
    String team = plan.teamOf(unit).name();
    List<TaskView> open = new ArrayList<>();
    String processId = null;
    boolean ended = false;
    for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(roundKey + "/" + unit.groupId()).listPage(0, 1)) {
      processId = instance.getId();
      ended = instance.getEndTime() != null;
      open.addAll(openTasks(instance.getId(), now));
      runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).listPage(0, PAGE)
          .forEach(transfer -> open.addAll(openTasks(transfer.getId(), now)));
    }
    String current;
    if (processId == null) {
      current = "尚未开始（本轮处于准备阶段）";
    } else if (ended) {
      current = "已结束";
    } else if (open.isEmpty()) {
      current = waiting(processId);
    } else {
      int step = open.stream().mapToInt(TaskView::step).max().orElseThrow();
      current = "第" + step + "步 " + TaskSteps.NAMES.get(step);
    }
    open.sort(Comparator.comparing(TaskView::colour));
    return new UnitView(roundKey, unit.groupId(), unit.name(), team, current, open);
  }

  /**
   * A unit with no open task waits for an event (the entry date, a clue's reply): the step of its
   * last finished task and what it waits for, e.g. "第5步 巡察预告 · 等待进驻日".
   */
  private String waiting(String processInstanceId) {
    int step = history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).finished()
        .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1).stream()
        .mapToInt(task -> steps.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey())).findFirst().orElse(0);
    String events = history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).unfinished().listPage(0, PAGE)
        .stream().filter(activity -> WAIT_STATES.stream().anyMatch(activity.getActivityType()::startsWith))
        .map(HistoricActivityInstance::getActivityName).filter(name -> name != null).distinct()
        .reduce((a, b) -> a + "、" + b).orElse("下一步");
    return (step == 0 ? "" : "第" + step + "步 " + TaskSteps.NAMES.get(step) + " · ") + "等待" + events;
  }

  private List<TaskView> roundTasks(String roundKey, Instant now) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(roundKey).listPage(0, 1).stream()
        .flatMap(round -> openTasks(round.getId(), now).stream()).toList();
  }

  private List<TaskView> openTasks(String processInstanceId, Instant now) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).orderByDueDate().asc().listPage(0, PAGE).stream()
        .map(task -> new TaskView(task.getName(), holder(task), format(task.getDueDate()),
            DeadlineColour.of(task.getDueDate(), now, calendar), steps.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey())))
        .toList();
  }

  private String holder(Task task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(group -> group != null).toList();
    return groups.isEmpty() ? "—" : "待认领（" + String.join("、", groups) + "）";
  }

  private Map<String, Long> counts(String roundKey) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("problems", count("""
        select count(*) from xc_working_paper p join xc_unit u on u.id = p.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and p.status = 'CONFIRMED'""", roundKey));
    counts.put("cluesTransferred", count("""
        select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and c.transferred_at is not null""", roundKey));
    counts.put("cluesAnswered", count("""
        select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and c.status = 'ANSWERED'""", roundKey));
    counts.put("itemsClosed", count("""
        select count(*) from xc_rectification_item i join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and i.status = 'CLOSED'""", roundKey));
    counts.put("items", count("""
        select count(*) from xc_rectification_item i join xc_unit u on u.id = i.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ?""", roundKey));
    return counts;
  }

  private long count(String sql, String roundKey) {
    return jdbc.sql(sql).param(roundKey).query(Long.class).single();
  }

  private static String format(Date date) {
    return date == null ? "" : ChinaTime.format(date);
  }

  record Filter(String round, String team, String unit, DeadlineColour colour) {
  }

  public record RoundView(String key, String name, List<TaskView> tasks, List<UnitView> units, Map<String, Long> counts) {
  }

  public record UnitView(String roundKey, String group, String name, String team, String step, List<TaskView> tasks) {
  }

  public record TaskView(String name, String holder, String due, DeadlineColour colour, int step) {
  }

  public record StepView(int number, String name, String started, String ended, boolean open, List<String> actors) {
  }
}

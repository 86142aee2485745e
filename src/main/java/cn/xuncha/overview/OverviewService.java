package cn.xuncha.overview;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundPlan.InspectedUnit;
import cn.xuncha.round.RoundRepository;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
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
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
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
  private static final String UNIT_PROCESS = "unit-inspection";
  /** One per team (step 2): on a unit's timeline only its own team's counts. */
  private static final String PARTY_BRANCH_PROCESS = "step-02-party-branch";
  /** A deadline watch's business key is the watched one followed by this and the deadline's id. */
  private static final String DEADLINE_WATCH = "#";
  private static final String PLANNING = "新的巡察轮次（正在编制巡察工作方案）";

  private final RoundRepository rounds;
  private final RoundUnits roundUnits;
  private final TaskService tasks;
  private final TaskHolders taskHolders;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final Steps steps;
  private final WorkingDayCalendar calendar;
  private final JdbcClient jdbc;
  private final Clock clock;

  OverviewService(RoundRepository rounds, RoundUnits roundUnits, TaskService tasks, RuntimeService runtime, HistoryService history, Steps steps,
      WorkingDayCalendar calendar, JdbcClient jdbc, Clock clock, TaskHolders taskHolders) {
    this.taskHolders = taskHolders;
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
        RoundPlan.Team team = plan.teamOf(unit);
        if ((filter.team() != null && !filter.team().equals(team.groupId()) && !filter.team().equals(team.name())) || (filter.unit() != null && !filter.unit().equals(unit.groupId()))) {
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

  /**
   * The unit's ten steps: when each began and ended and who acted, from the history of the processes
   * of the round (its own team's party branch only) and of the unit (business key {@code round/unit},
   * clue transfers {@code round/unit/clue}).
   */
  List<StepView> timeline(String roundKey, String unitGroup) {
    String team = roundUnits.teamGroupOf(roundKey, unitGroup);
    List<HistoricProcessInstance> instances = new ArrayList<>();
    instances.addAll(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(roundKey).listPage(0, PAGE));
    instances.removeIf(instance -> PARTY_BRANCH_PROCESS.equals(instance.getProcessDefinitionKey()));
    instances.addAll(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(roundKey).processDefinitionKey(PARTY_BRANCH_PROCESS)
        .variableValueEquals(RoundVariables.TEAM_GROUP, team).listPage(0, PAGE));
    instances.addAll(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(roundKey + "/" + unitGroup).listPage(0, PAGE));
    instances.addAll(history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyLike(roundKey + "/" + unitGroup + "/%").listPage(0, PAGE));
    Map<Integer, List<HistoricTaskInstance>> byStep = new TreeMap<>();
    for (HistoricProcessInstance instance : instances) {
      int step = Steps.ofKey(instance.getProcessDefinitionKey());
      if (step > 0) {
        byStep.computeIfAbsent(step, s -> new ArrayList<>())
            .addAll(history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).listPage(0, PAGE));
      }
    }
    List<StepView> timeline = new ArrayList<>();
    for (int step = 1; step <= 10; step++) {
      List<HistoricTaskInstance> done = byStep.getOrDefault(step, List.of());
      Date start = done.stream().map(HistoricTaskInstance::getStartTime).min(Date::compareTo).orElse(null);
      boolean open = done.stream().anyMatch(task -> task.getEndTime() == null);
      Date end = open ? null : done.stream().map(HistoricTaskInstance::getEndTime).max(Date::compareTo).orElse(null);
      List<String> actors = done.stream().map(HistoricTaskInstance::getAssignee).filter(a -> a != null).distinct().toList();
      timeline.add(new StepView(step, Steps.NAMES.get(step), format(start), format(end), open, actors));
    }
    return timeline;
  }

  private UnitView unit(String roundKey, InspectedUnit unit, RoundPlan plan, Instant now) {
    String team = plan.teamOf(unit).name();
    String unitKey = roundKey + "/" + unit.groupId();
    HistoricProcessInstance spine = history.createHistoricProcessInstanceQuery().processDefinitionKey(UNIT_PROCESS)
        .processInstanceBusinessKey(unitKey).listPage(0, 1).stream().findFirst().orElse(null);
    List<TaskView> open = new ArrayList<>();
    String current;
    if (spine == null) {
      current = "尚未开始（本轮处于准备阶段）";
    } else if (spine.getEndTime() != null) {
      current = "已结束";
    } else {
      open.addAll(openTasks(now, tasks.createTaskQuery().processInstanceBusinessKey(unitKey),
          tasks.createTaskQuery().processInstanceBusinessKeyLike(unitKey + "/%"),
          tasks.createTaskQuery().processInstanceBusinessKeyLike(unitKey + DEADLINE_WATCH + "%")));
      current = current(spine.getId());
    }
    open.sort(Comparator.comparing(TaskView::colour));
    return new UnitView(roundKey, unit.groupId(), unit.name(), team, current, open);
  }

  /**
   * Where the unit's spine stands: the steps whose call activities are active ("第8步 巡察反馈、第9步
   * 督促整改"), or, between steps, the last step done and the event the spine waits for
   * ("第5步 巡察预告 · 等待进驻日").
   */
  private String current(String spineId) {
    List<Integer> active = runtime.createProcessInstanceQuery().superProcessInstanceId(spineId).listPage(0, PAGE).stream()
        .map(instance -> steps.ofDefinition(instance.getProcessDefinitionId())).filter(step -> step > 0).distinct().sorted().toList();
    if (!active.isEmpty()) {
      return active.stream().map(Steps::label).collect(Collectors.joining("、"));
    }
    int done = history.createHistoricProcessInstanceQuery().superProcessInstanceId(spineId).finished()
        .orderByProcessInstanceEndTime().desc().listPage(0, 1).stream()
        .mapToInt(instance -> Steps.ofKey(instance.getProcessDefinitionKey())).findFirst().orElse(0);
    String events = history.createHistoricActivityInstanceQuery().processInstanceId(spineId).unfinished().listPage(0, PAGE)
        .stream().filter(activity -> activity.getActivityType().startsWith("intermediate"))
        .map(HistoricActivityInstance::getActivityName).filter(name -> name != null).distinct()
        .reduce((a, b) -> a + "、" + b).orElse("下一步");
    return (done == 0 ? "" : Steps.label(done) + " · ") + "等待" + events;
  }

  /** The open tasks of the round's own steps (1–3), and the office's escalations of their deadlines. */
  private List<TaskView> roundTasks(String roundKey, Instant now) {
    return openTasks(now, tasks.createTaskQuery().processInstanceBusinessKey(roundKey),
        tasks.createTaskQuery().processInstanceBusinessKeyLike(roundKey + DEADLINE_WATCH + "%"));
  }

  /** The open tasks the queries find, with who holds them ({@link TaskHolders}: the same few queries for any number of tasks). */
  private List<TaskView> openTasks(Instant now, TaskQuery... queries) {
    List<Task> open = Stream.of(queries).flatMap(query -> query.orderByDueDate().asc().listPage(0, PAGE).stream()).toList();
    Map<String, String> holders = taskHolders.of(open);
    return open.stream()
        .map(task -> new TaskView(task.getName(), holders.get(task.getId()), format(task.getDueDate()),
            DeadlineColour.of(task.getDueDate(), now, calendar), steps.ofDefinition(task.getProcessDefinitionId())))
        .toList();
  }

  private Map<String, Long> counts(String roundKey) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("problems", count("""
        select count(*) from xc_working_paper p join xc_unit u on u.id = p.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and p.status = 'CONFIRMED'""", roundKey));
    counts.put("cluesTransferred", count("""
        select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id join xc_round r on r.id = u.round_id
        where r.business_key = ? and exists (select 1 from xc_clue_transfer t where t.clue_id = c.id)""", roundKey));
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

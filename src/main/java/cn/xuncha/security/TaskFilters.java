package cn.xuncha.security;

import cn.xuncha.round.InstanceNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters people expect. They are shared: each resolves "my" and "my groups" through
 * currentUser() and currentUserGroups(), and RoleAuthorizations lets every workflow group read
 * them, so a user in two groups does not see two copies. Created once; later edits in Tasklist
 * by the administrator are kept, except that every filter's cards show the names of the round, unit,
 * team and department a task belongs to (Tasklist shows the filter property {@code variables} under
 * each task's name; the names are process variables, cn.xuncha.round.InstanceNames), set again at
 * every start so that databases created earlier get them too. Which filter a user lands on is
 * decided in the browser (tasklist/scripts/xuncha-tasklist.js): the first by priority that has work.
 */
@Component
public class TaskFilters {

  static final String MINE = "我的待办";
  static final String MY_GROUPS = "本组待办";
  static final String DUE_SOON = "即将到期";
  static final String OVERDUE = "已逾期";
  static final String ALL = "全部巡察";
  private static final String ME = "${currentUser()}";
  private static final String MY_GROUP_IDS = "${currentUserGroups()}";
  /**
   * Due up to the end of the 3rd working day from today, holidays and 调休 counted
   * (cn.xuncha.calendar.WorkingDayCalendar#windowEnd, also behind /overview's colours).
   */
  static final String IN_THREE_WORKING_DAYS = "${deadlines.windowEnd(now(), 3)}";
  /** The expression filters created before the window included its last day; replaced at start. */
  private static final String BEFORE_THE_THIRD_WORKING_DAY_ENDED = "${deadlines.workdaysAfter(now(), 3)}";
  private static final String NOW = "${now()}";
  /** The filter property listing the variables Tasklist shows on each card, as {@code [{name, label}]}. */
  static final String VARIABLES = "variables";

  private final FilterService filterService;
  private final TaskService taskService;

  TaskFilters(FilterService filterService, TaskService taskService) {
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(3)
  public void ensureFilters() {
    ensure(MINE, 1, "办理人是我的任务", () -> taskService.createTaskQuery().taskAssigneeExpression(ME));
    ensure(MY_GROUPS, 2, "分派给我所在组、尚未认领的任务", () -> taskService.createTaskQuery().taskCandidateGroupInExpression(MY_GROUP_IDS));
    ensure(DUE_SOON, 3, "3 个工作日内（含第 3 个工作日当天）到期的我的或本组任务",
        () -> mineOrMyGroups().dueAfterExpression(NOW).dueBeforeExpression(IN_THREE_WORKING_DAYS));
    replaceEndingBeforeTheThirdWorkingDayEnded();
    ensure(OVERDUE, 4, "已过期限的我的或本组任务", () -> mineOrMyGroups().dueBeforeExpression(NOW));
    ensure(ALL, 5, "本轮巡察的全部任务（巡察办、领导小组）", taskService::createTaskQuery);
  }

  /** The filters every workflow group reads. */
  List<String> sharedFilterIds() {
    return List.of(MINE, MY_GROUPS, DUE_SOON, OVERDUE).stream().map(this::idOf).toList();
  }

  /** The office's view of the whole round. */
  String allInspectionsFilterId() {
    return idOf(ALL);
  }

  /** A 即将到期 filter saved by an earlier version missed the tasks due on its last day; it gets the window that includes it. */
  private void replaceEndingBeforeTheThirdWorkingDayEnded() {
    Filter filter = filterService.createTaskFilterQuery().filterName(DUE_SOON).singleResult();
    TaskQueryImpl query = filter.getQuery();
    if (BEFORE_THE_THIRD_WORKING_DAY_ENDED.equals(query.getExpressions().get("dueBefore"))) {
      query.dueBeforeExpression(IN_THREE_WORKING_DAYS);
      filterService.saveFilter(filter.setQuery(query));
    }
  }

  private TaskQuery mineOrMyGroups() {
    return taskService.createTaskQuery().or().taskAssigneeExpression(ME).taskCandidateGroupInExpression(MY_GROUP_IDS).endOr();
  }

  private void ensure(String name, int priority, String description, Supplier<TaskQuery> query) {
    Filter existing = filterService.createTaskFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      showNames(existing);
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("description", description);
    properties.put("refresh", true);
    Filter filter = filterService.newTaskFilter(name).setQuery(query.get()).setProperties(properties);
    showNames(filter);
  }

  /** Saves the filter with the instance names on its cards, unless it already shows exactly those. */
  private void showNames(Filter filter) {
    List<Map<String, String>> names = InstanceNames.VARIABLES.entrySet().stream()
        .map(variable -> Map.of("name", variable.getKey(), "label", variable.getValue())).toList();
    Map<String, Object> properties = new LinkedHashMap<>(filter.getProperties());
    if (filter.getId() != null && names.equals(properties.get(VARIABLES))) {
      return;
    }
    properties.put(VARIABLES, names);
    filterService.saveFilter(filter.setProperties(properties));
  }

  private String idOf(String name) {
    return filterService.createTaskFilterQuery().filterName(name).singleResult().getId();
  }
}

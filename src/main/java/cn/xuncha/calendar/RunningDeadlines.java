package cn.xuncha.calendar;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The running deadlines that a year's schedule decides: date timers and task due dates of every
 * process and every version whose span, from creation to due date, meets the dates the year's file
 * may list (the December before and the year itself). A deadline counts only the days in that span,
 * so no other deadline can change when the year's file arrives or is replaced.
 *
 * <p>Issue 16: two statements over the engine's runtime tables (timers with their job definition and
 * their watch's subject and deadline id; tasks), whatever the number of years, instances or timers —
 * not a query per timer. Names of activities and the deadline of a task's due date come from the
 * engine's deployment cache (a statement only for a definition not cached yet). Reads without a user's
 * authorizations: the caller decides who sees them.
 */
@Component
class RunningDeadlines {

  static final String TIMER = "TIMER";
  static final String TASK = "TASK";
  private static final String DATE_TIMER = "DATE:";
  /** A due date or timer expression naming its deadline: {@code ${deadlineTable.due('D8-entry', execution)}}. */
  private static final Pattern DEADLINE_IN_EXPRESSION = Pattern.compile("deadlineTable\\.due\\('([^']+)'");

  private final ProcessEngine engine;
  private final JdbcClient jdbc;

  RunningDeadlines(ProcessEngine engine, JdbcClient jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
  }

  /** Deadlines the schedule of {@code year} decides, earliest first. */
  List<Deadline> dependingOn(int year) {
    return dependingOn(List.of(year)).get(year);
  }

  /** For each of {@code years}, the deadlines its schedule decides, earliest first; read at once for all years. */
  Map<Integer, List<Deadline>> dependingOn(Collection<Integer> years) {
    Map<Integer, List<Deadline>> byYear = new LinkedHashMap<>();
    years.forEach(year -> byYear.put(year, new ArrayList<>()));
    if (years.isEmpty()) {
      return byYear;
    }
    Date from = windowStart(years.stream().min(Integer::compare).orElseThrow());
    Date to = windowEnd(years.stream().max(Integer::compare).orElseThrow());
    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<Deadline> deadlines = configuration.getCommandExecutorTxRequired().execute(context -> query(from, to, context));
    for (Deadline deadline : deadlines) {
      byYear.forEach((year, list) -> {
        if (!deadline.due().before(windowStart(year)) && (deadline.created() == null || deadline.created().before(windowEnd(year)))) {
          list.add(deadline);
        }
      });
    }
    return byYear;
  }

  private static Date windowStart(int year) {
    return DeadlineService.startOfDay(LocalDate.of(year - 1, 12, 1));
  }

  private static Date windowEnd(int year) {
    return DeadlineService.startOfDay(LocalDate.of(year + 1, 1, 1));
  }

  private List<Deadline> query(Date from, Date to, CommandContext context) {
    Definitions definitions = new Definitions(context);
    List<Deadline> deadlines = new ArrayList<>();
    jdbc.sql("""
            select j.id_, j.process_instance_id_, j.process_def_id_, d.act_id_, d.job_configuration_, j.duedate_, j.create_time_,
                   e.business_key_, e.tenant_id_, s.text_ as subject, w.text_ as deadline_id
            from act_ru_job j
            join act_ru_jobdef d on d.id_ = j.job_def_id_
            join act_ru_execution e on e.id_ = j.process_instance_id_
            left join act_ru_variable s on s.execution_id_ = j.process_instance_id_ and s.name_ = :subject
            left join act_ru_variable w on w.execution_id_ = j.process_instance_id_ and w.name_ = :deadlineId
            where j.type_ = 'timer' and d.job_configuration_ like :dateTimer and j.duedate_ >= :from
              and (j.create_time_ is null or j.create_time_ < :to)""")
        .param("subject", Deadlines.SUBJECT).param("deadlineId", Deadlines.WATCHED_DEADLINE).param("dateTimer", DATE_TIMER + "%")
        .param("from", new Timestamp(from.getTime())).param("to", new Timestamp(to.getTime()))
        .query((rs, row) -> timer(rs, definitions)).list().forEach(deadlines::add);
    jdbc.sql("""
            select t.id_, t.proc_inst_id_, t.proc_def_id_, t.task_def_key_, t.name_, t.due_date_, t.create_time_, e.business_key_, e.tenant_id_
            from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_
            where t.due_date_ >= :from and (t.create_time_ is null or t.create_time_ < :to)""")
        .param("from", new Timestamp(from.getTime())).param("to", new Timestamp(to.getTime()))
        .query((rs, row) -> new Deadline(TASK, rs.getString("id_"), rs.getString("proc_inst_id_"), rs.getString("business_key_"),
            definitions.taskDeadline(rs.getString("proc_def_id_"), rs.getString("task_def_key_")), rs.getString("name_"),
            rs.getTimestamp("due_date_"), rs.getTimestamp("create_time_"), rs.getString("tenant_id_")))
        .list().forEach(deadlines::add);
    deadlines.sort(Comparator.comparing(Deadline::due).thenComparing(Deadline::name).thenComparing(Deadline::id));
    return deadlines;
  }

  /** A date timer: its label in the diagram, after the name of what it watches when its process says ({@link Deadlines#SUBJECT}). */
  private static Deadline timer(ResultSet rs, Definitions definitions) throws SQLException {
    String label = definitions.activityName(rs.getString("process_def_id_"), rs.getString("act_id_"));
    String subject = rs.getString("subject");
    String watched = rs.getString("deadline_id");
    String deadlineId = watched != null ? watched : deadlineIn(rs.getString("job_configuration_"));
    return new Deadline(TIMER, rs.getString("id_"), rs.getString("process_instance_id_"), rs.getString("business_key_"), deadlineId,
        subject == null ? label : subject + "：" + label, rs.getTimestamp("duedate_"), rs.getTimestamp("create_time_"),
        rs.getString("tenant_id_"));
  }

  /** The deadline id an expression names ({@link #DEADLINE_IN_EXPRESSION}), or null. */
  private static String deadlineIn(String expression) {
    Matcher found = expression == null ? null : DEADLINE_IN_EXPRESSION.matcher(expression);
    return found != null && found.find() ? found.group(1) : null;
  }

  /** Process definitions from the engine's deployment cache, looked up once per definition and request. */
  private static final class Definitions {

    private final CommandContext context;
    private final Map<String, ProcessDefinitionEntity> found = new LinkedHashMap<>();

    Definitions(CommandContext context) {
      this.context = context;
    }

    private ProcessDefinitionEntity definition(String id) {
      return found.computeIfAbsent(id, key -> context.runWithoutAuthorization(
          () -> context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(key)));
    }

    String activityName(String definitionId, String activityId) {
      ActivityImpl activity = definition(definitionId).findActivity(activityId);
      // The BPMN parser keeps an activity's name as its property "name".
      Object name = activity == null ? null : activity.getProperty("name");
      return name == null ? activityId : name.toString();
    }

    /** The deadline a task's due date expression names ({@code ${deadlineTable.due('D2', execution)}}), or null. */
    String taskDeadline(String definitionId, String taskDefinitionKey) {
      TaskDefinition task = definition(definitionId).getTaskDefinitions().get(taskDefinitionKey);
      Expression dueDate = task == null ? null : task.getDueDateExpression();
      return dueDate == null ? null : deadlineIn(dueDate.getExpressionText());
    }
  }

  /**
   * A running deadline.
   *
   * @param kind {@link #TIMER} (reminder, escalation, entry and withdrawal timers) or {@link #TASK} (a task's due date)
   * @param id the job's or task's id
   * @param businessKey the key of the timer's or task's process instance ({@code 2022-2/unit1#D4}), or null
   * @param deadlineId the deadline of the table ({@code processes/deadlines.yaml}) it keeps, or null
   * @param name the timer's label in the diagram (after what a deadline watch watches), or the task's name
   * @param created when the timer or task was created (null for a timer of an older engine version)
   * @param county the county (tenant) of its process instance, null for the national calendar's
   */
  record Deadline(String kind, String id, String processInstanceId, String businessKey, String deadlineId, String name, Date due,
                  Date created, String county) {
  }
}

package cn.xuncha.escalation;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.system.ExtensionProperties;
import java.util.ArrayList;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * The reminder/escalation pattern as one piece: a user task or a sub-process that carries the
 * extension property {@code <camunda:property name="deadline" value="D2"/>} gets, when its process is
 * deployed,
 * <ul>
 * <li>the due date of its user tasks (those inside a marked sub-process too):
 * {@code ${deadlineTable.due('D2', execution)}}, so that DeadlineRescheduler recomputes it like any
 * other due-date expression; and</li>
 * <li>a start listener that starts one {@link DeadlineWatch} for the activity instance and an end
 * listener that ends it quietly when the activity ends before the deadline. An escalation task the
 * watch has already created stays (procedure.md §3: nothing is cancelled silently).</li>
 * </ul>
 * The property may also name a process variable that holds the deadline's id,
 * {@code value="${replyDeadline}"}, when the id is chosen per instance (a clue's reply period, set by
 * the clue-routing table per kind and receiver); the id is then read, and refused with a Chinese
 * message if the table lacks it, when the activity starts.
 * The listeners are built-in, so they run even when an instance is changed with custom listeners
 * skipped. A deployment is refused, with a Chinese message, when it names a deadline the table does
 * not define or when a marked task also states its own due date.
 */
@Component
class DeadlineWatchPlugin extends AbstractProcessEnginePlugin {

  private final Deadlines deadlines;

  DeadlineWatchPlugin(Deadlines deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        watch(element, activity, configuration.getExpressionManager());
      }

      @Override
      public void parseSubProcess(Element element, ScopeImpl scope, ActivityImpl activity) {
        watch(element, activity, configuration.getExpressionManager());
      }
    });
  }

  private void watch(Element element, ActivityImpl activity, ExpressionManager expressions) {
    String id = ExtensionProperties.of(element, DeadlineWatch.PROPERTY);
    if (id == null) {
      return;
    }
    java.util.regex.Matcher variable = VARIABLE.matcher(id);
    if (variable.matches()) {
      String name = variable.group(1);
      setDueDates(activity, activity, name, expressions);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
          (ExecutionListener) execution -> DeadlineWatch.start(execution, chosen(execution, name, activity), deadlines));
    } else {
      if (!deadlines.defines(id)) {
        throw new ProcessEngineException("“" + name(activity) + "”（" + activity.getId() + "）的期限“" + id
            + "”不在期限表 processes/deadlines.yaml 中");
      }
      setDueDates(activity, activity, "'" + id + "'", expressions);
      activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> DeadlineWatch.start(execution, id, deadlines));
    }
    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) DeadlineWatch::end);
  }

  /** A property value naming a process variable that holds the deadline's id: {@code ${replyDeadline}}. */
  static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("^\\$\\{([A-Za-z_]\\w*)}$");

  /** The deadline id the variable {@code name} holds when the activity starts; refuses one the table lacks. */
  private String chosen(org.camunda.bpm.engine.delegate.DelegateExecution execution, String name, ActivityImpl activity) {
    Object id = execution.getVariable(name);
    if (!(id instanceof String text) || !deadlines.defines(text)) {
      throw new ProcessEngineException("“" + name(activity) + "”（" + activity.getId() + "）的期限由变量 " + name + " 指定，其值“" + id
          + "”不在期限表 processes/deadlines.yaml 中");
    }
    return text;
  }

  /** {@code deadline} is the EL argument naming the deadline: a quoted id ('D2') or a variable (replyDeadline). */
  private static void setDueDates(ActivityImpl marked, ActivityImpl activity, String deadline, ExpressionManager expressions) {
    if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
      TaskDefinition task = userTask.getTaskDefinition();
      if (task.getDueDateExpression() != null) {
        throw new ProcessEngineException("“" + name(activity) + "”（" + activity.getId() + "）的到期时间由"
            + (marked == activity ? "" : "“" + name(marked) + "”的") + "期限“" + deadline.replace("'", "") + "”决定，请删去它自己的到期时间（camunda:dueDate）");
      }
      task.setDueDateExpression(expressions.createExpression("${deadlineTable.due(" + deadline + ", execution)}"));
    }
    for (ActivityImpl child : activity.getActivities()) {
      setDueDates(marked, child, deadline, expressions);
    }
  }

  private static String name(ActivityImpl activity) {
    Object name = activity.getProperty("name");
    return name == null ? activity.getId() : name.toString();
  }
}

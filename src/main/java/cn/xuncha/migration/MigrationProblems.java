package cn.xuncha.migration;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlanValidationReport;

/**
 * Camunda's migration validation reports, read out in Chinese for the office: one line per
 * activity and reason, with the number of running instances it stops. The engine writes its
 * failures as English sentences (the validators in {@code org.camunda.bpm.engine.impl.migration.validation},
 * 7.24); each is recognised by a fragment of its sentence, and one the table does not know still
 * reads as a Chinese line, never as the English text (which goes to the log for developers).
 */
final class MigrationProblems {

  /** Camunda's sentence fragment → what it means for the analyst's change. Checked in this order. */
  private static final Map<String, String> REASONS = reasons();
  private static final String UNKNOWN = "新版本对这一环节的改动不支持迁移";

  /** Activity id → its name (in the newest version that has the activity), for lines an analyst recognises. */
  private final Function<String, String> names;
  /** Line → the instances it concerns, in the order found. */
  private final Map<String, Set<String>> lines = new LinkedHashMap<>();

  MigrationProblems(Function<String, String> names) {
    this.names = names;
  }

  /** The plan itself does not hold: an instruction the engine refuses for every instance. */
  void add(MigrationPlanValidationReport report) {
    for (MigrationInstructionValidationReport instruction : report.getInstructionReports()) {
      for (String failure : instruction.getFailures()) {
        add(instruction.getMigrationInstruction().getSourceActivityId(), failure, null);
      }
    }
  }

  /** One instance that cannot follow the plan, and where it waits. */
  void add(MigratingProcessInstanceValidationReport report) {
    String instance = report.getProcessInstanceId();
    report.getFailures().forEach(failure -> add(null, failure, instance));
    report.getActivityInstanceReports().forEach(activity -> activity.getFailures()
        .forEach(failure -> add(activity.getSourceScopeId(), failure, instance)));
    report.getTransitionInstanceReports().forEach(transition -> transition.getFailures()
        .forEach(failure -> add(transition.getSourceScopeId(), failure, instance)));
  }

  /** A problem the application found itself (the newest version changed meanwhile, too many instances). */
  void add(String line, String instance) {
    Set<String> instances = lines.computeIfAbsent(line, ignored -> new LinkedHashSet<>());
    if (instance != null) {
      instances.add(instance);
    }
  }

  /**
   * The new version's expressions (a task's name or due date, a timer) cannot be evaluated on the
   * instance's variables: most likely the variable contract changed. {@code activityId} may be null.
   */
  void addExpressionFailure(String activityId, String instance) {
    add(where(activityId) + "新版本的名称、期限或定时器表达式无法按实例现有的流程变量计算（变量约定不同？），不能迁移", instance);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The lines, each ending with the number of instances it stops where that is known. */
  List<String> lines() {
    return lines.entrySet().stream()
        .map(line -> line.getValue().isEmpty() ? line.getKey() : line.getKey() + "（涉及 " + line.getValue().size() + " 个在办实例）")
        .toList();
  }

  private void add(String activityId, String failure, String instance) {
    String reason = REASONS.entrySet().stream().filter(known -> failure.contains(known.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(UNKNOWN);
    add(where(activityId) + reason, instance);
  }

  private String where(String activityId) {
    if (activityId == null) {
      return "";
    }
    String activity = activityId.replace("#multiInstanceBody", "");
    return "“" + names.apply(activity) + "”（" + activity + "）：";
  }

  private static Map<String, String> reasons() {
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("no migration instruction for this instance's activity",
        "实例正停在这一环节，新版本中没有相同 id 的同类环节（被删除、改了 id 或改了类型），不能迁移");
    reasons.put("not supported for activity instance migration", "实例正停在这一类环节，Camunda 不支持迁移停在此类环节的实例");
    reasons.put("Target activity is not async", "新版本改变了这一环节的异步设置，正等待异步执行的实例不能迁移");
    reasons.put("ransition instance", "新版本改变了这一环节前后的连线或位置，正等待异步执行的实例不能迁移");
    reasons.put("multi-instance", "新版本改变了这一环节的多实例（并行或循环）设置");
    reasons.put("incompatible types", "新版本中这一环节的类型不同（如用户任务改成了服务任务）");
    reasons.put("event scope", "新版本中这一边界事件附着在别的环节上");
    reasons.put("not of the same type", "新版本中这一事件的类型不同（如定时改成了消息）");
    reasons.put("gateway", "新版本中这一网关的进入连线比原版本少");
    reasons.put("persistent event trigger", "这一环节没有可以更新的定时器或事件");
    reasons.put("Conditional event", "条件事件须随新版本更新其条件");
    reasons.put("ancestor", "新版本改变了这一环节所在的子流程或调用活动的结构");
    reasons.put("scope", "新版本改变了这一环节所在的子流程或调用活动的结构");
    reasons.put("multiple mappings", "这一环节在迁移计划中对应了多个环节");
    return reasons;
  }
}

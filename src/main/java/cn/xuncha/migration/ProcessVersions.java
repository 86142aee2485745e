package cn.xuncha.migration;

import cn.xuncha.escalation.DeadlineWatch;
import cn.xuncha.calendar.TaskDeadlines;
import cn.xuncha.system.ChinaTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.management.ProcessDefinitionStatistics;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The deployed versions of every process and the move of running instances to the newest one.
 *
 * <p>A changed model in {@code processes/} is deployed as a new version of its key (the Spring Boot
 * starter redeploys all resources when one changed, so forms bound with
 * {@code formRefBinding="deployment"} travel with it); running instances stay on the version they
 * started with and new ones start on the newest. {@link #migrate} moves the running instances of all
 * older versions of one key to the newest with Camunda's migration API, where the change allows it:
 * activities are mapped by equal id ({@code mapEqualActivities}), and timers and other event triggers
 * are recreated from the new model ({@code updateEventTriggers}), so a changed deadline takes effect.
 * Either every instance of the key moves or none does (one transaction); {@link #check} runs the same
 * migration and rolls it back, so the office reads the engine's own verdict, in Chinese
 * ({@link MigrationProblems}), before it decides.
 *
 * <p>Only the rules of this class decide what may be migrated: the engine's authorization checks are
 * off for the migration itself (the office holds no {@code MIGRATE_INSTANCE} grant, so the engine's
 * REST API cannot migrate with arbitrary mappings for it), while the caller is the engine's
 * authenticated user, so that the engine's user operation log records who migrated what
 * ({@link #history}). Who may call it is the controller's check.
 */
@Service
public class ProcessVersions {

  /**
   * Instances moved in one request, synchronously and in one transaction. A county runs a few dozen
   * units and clues at a time; more than this is a change for an administrator to migrate in
   * batches (the engine's {@code /migration/executeAsync}), not a button.
   */
  public static final int MAX_INSTANCES = 500;
  private static final int HISTORY_SHOWN = 100;
  private static final Logger LOG = LoggerFactory.getLogger(ProcessVersions.class);


  private final ProcessEngine engine;
  private final TransactionTemplate transactions;
  private final TaskDeadlines taskDeadlines;

  ProcessVersions(ProcessEngine engine, PlatformTransactionManager transactionManager, TaskDeadlines taskDeadlines) {
    this.engine = engine;
    this.transactions = new TransactionTemplate(transactionManager);
    this.taskDeadlines = taskDeadlines;
  }

  /** A deployed version of a process and how many instances run on it. */
  public record Version(int version, String definitionId, long running) {
  }

  /** A process key (its Chinese name from the newest version) and its versions, newest first. */
  public record Process(String key, String name, List<Version> versions) {

    /** Running instances on versions older than the newest. */
    public long onOlderVersions() {
      return versions.stream().skip(1).mapToLong(Version::running).sum();
    }
  }

  /**
   * What a migration of {@code key} to {@code targetVersion} does or did: the older versions with
   * running instances, their number, and the problems (in Chinese) that stop it. {@code migrated}
   * is true only when the instances were moved.
   */
  public record Outcome(String key, String name, int targetVersion, String targetDefinitionId, List<Version> sources,
                        long instances, List<String> problems, boolean migrated) {

    /** True when the migration would move every instance (there are some, and nothing stops them). */
    public boolean migratable() {
      return instances > 0 && problems.isEmpty();
    }
  }

  /** One migration the engine's user operation log recorded. */
  public record Record(String at, String user, String key, Integer fromVersion, Integer toVersion, String instances) {
  }

  /**
   * Every deployed process key with its versions and the running instances {@code userId} may migrate, by key: the
   * definitions are shared by the counties, the instances counted are those of the user's counties (the engine's
   * tenant check, as for the migration itself), whatever their authorizations.
   */
  public List<Process> processes(String userId, List<String> groupIds) {
    Map<String, List<ProcessDefinitionStatistics>> byKey = asUser(userId, groupIds, () -> configuration().getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> engine.getManagementService().createProcessDefinitionStatisticsQuery()
            .unlimitedList())))
        .stream().collect(Collectors.groupingBy(ProcessDefinition::getKey, TreeMap::new, Collectors.toList()));
    return byKey.values().stream().map(definitions -> {
      List<ProcessDefinitionStatistics> newestFirst = definitions.stream()
          .sorted(Comparator.comparingInt(ProcessDefinition::getVersion).reversed()).toList();
      ProcessDefinition newest = newestFirst.get(0);
      return new Process(newest.getKey(), newest.getName() == null ? newest.getKey() : newest.getName(),
          newestFirst.stream().map(d -> new Version(d.getVersion(), d.getId(), d.getInstances())).toList());
    }).toList();
  }

  /** The process of {@code key}, if one is deployed, as {@link #processes} shows it to {@code userId}. */
  public Optional<Process> process(String key, String userId, List<String> groupIds) {
    return processes(userId, groupIds).stream().filter(process -> process.key().equals(key)).findFirst();
  }

  /**
   * Validates the migration of every running instance of an older version of {@code key} to the
   * newest version by running it and rolling it back: nothing changes.
   */
  public Outcome check(String key, String userId, List<String> groupIds) {
    return attempt(key, null, false, userId, groupIds);
  }

  /**
   * Moves every running instance of an older version of {@code key} to the newest version, or none:
   * refused (with the reasons in {@link Outcome#problems()}, nothing changed) when the newest version
   * is no longer {@code targetDefinitionId} (null: whichever is newest), when more than
   * {@link #MAX_INSTANCES} instances would move, or when the engine's validation fails for any
   * instance (an activity where instances wait is missing from the new model, a changed sub-process
   * structure, …). The engine logs the migration under {@code userId}.
   */
  public Outcome migrate(String key, String targetDefinitionId, String userId, List<String> groupIds) {
    Outcome outcome = attempt(key, targetDefinitionId, true, userId, groupIds);
    if (outcome.migrated()) {
      LOG.info("{} migrated {} running instance(s) of {} from version(s) {} to version {}", userId, outcome.instances(), key,
          outcome.sources().stream().map(source -> String.valueOf(source.version())).collect(Collectors.joining(", ")),
          outcome.targetVersion());
    } else if (outcome.problems().isEmpty()) {
      LOG.info("Migration of {} by {}: no running instance on an older version", key, userId);
    } else {
      LOG.info("Migration of {} by {} refused: {}", key, userId, outcome.problems());
    }
    return outcome;
  }

  /** The migrations the engine recorded, newest first. */
  public List<Record> history() {
    Map<String, List<UserOperationLogEntry>> operations = engine.getHistoryService().createUserOperationLogQuery()
        .operationType(UserOperationLogEntry.OPERATION_TYPE_MIGRATE).orderByTimestamp().desc().listPage(0, HISTORY_SHOWN * 4)
        .stream().collect(Collectors.groupingBy(UserOperationLogEntry::getOperationId, LinkedHashMap::new, Collectors.toList()));
    Map<String, Integer> versions = new HashMap<>();
    return operations.values().stream().limit(HISTORY_SHOWN).map(entries -> {
      UserOperationLogEntry first = entries.get(0);
      Map<String, UserOperationLogEntry> byProperty = entries.stream()
          .collect(Collectors.toMap(UserOperationLogEntry::getProperty, entry -> entry, (a, b) -> a));
      UserOperationLogEntry definition = byProperty.get("processDefinitionId");
      UserOperationLogEntry count = byProperty.get("nrOfInstances");
      return new Record(ChinaTime.format(first.getTimestamp()), first.getUserId(), first.getProcessDefinitionKey(),
          definition == null ? null : version(definition.getOrgValue(), versions),
          definition == null ? null : version(definition.getNewValue(), versions),
          count == null ? "" : count.getNewValue());
    }).toList();
  }

  private Integer version(String definitionId, Map<String, Integer> known) {
    return definitionId == null ? null : known.computeIfAbsent(definitionId, id -> Optional.ofNullable(
        engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(id).singleResult())
        .map(ProcessDefinition::getVersion).orElse(null));
  }

  /**
   * The migration in one transaction, committed only when {@code commit} and nothing stopped it. The
   * caller is the engine's authenticated user for the operation log, restored afterwards.
   */
  private Outcome attempt(String key, String targetDefinitionId, boolean commit, String userId, List<String> groupIds) {
    try {
      return asUser(userId, groupIds, () -> transactions.execute(status -> {
        Outcome outcome = configuration().getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
            () -> run(key, targetDefinitionId, commit)));
        if (!outcome.migrated()) {
          status.setRollbackOnly();
        }
        return outcome;
      }));
    } catch (RuntimeException e) {
      LOG.error("Migration of {} failed and was rolled back", key, e);
      return new Outcome(key, key, 0, null, List.of(), 0, List.of("迁移未能完成，没有做任何改动。请联系系统管理员查看服务器日志。"), false);
    }
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /**
   * Runs {@code work} as the engine's authenticated {@code userId} (the operation log's user; the engine's tenant check
   * keeps it to the user's counties), and puts the caller's authentication back.
   */
  private <T> T asUser(String userId, List<String> groupIds, Supplier<T> work) {
    IdentityService identity = engine.getIdentityService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.setAuthentication(userId, groupIds);
    try {
      return work.get();
    } finally {
      if (caller == null) {
        identity.clearAuthentication();
      } else {
        identity.setAuthentication(caller);
      }
    }
  }

  private Outcome run(String key, String targetDefinitionId, boolean commit) {
    RepositoryService repository = engine.getRepositoryService();
    RuntimeService runtime = engine.getRuntimeService();
    List<ProcessDefinition> newestFirst = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .orderByProcessDefinitionVersion().desc().unlimitedList();
    ProcessDefinition target = newestFirst.get(0);
    MigrationProblems problems = new MigrationProblems(activityNames(newestFirst));
    if (targetDefinitionId != null && !targetDefinitionId.equals(target.getId())) {
      problems.add("最新版本已变为第 " + target.getVersion() + " 版，请重新检查后再迁移", null);
    }
    List<Version> sources = new ArrayList<>();
    Map<String, List<String>> instances = new LinkedHashMap<>();
    for (ProcessDefinition source : newestFirst.subList(1, newestFirst.size())) {
      List<String> ids = runtime.createProcessInstanceQuery().processDefinitionId(source.getId()).unlimitedList().stream()
          .map(ProcessInstance::getId).toList();
      if (!ids.isEmpty()) {
        sources.add(new Version(source.getVersion(), source.getId(), ids.size()));
        instances.put(source.getId(), ids);
      }
    }
    long total = sources.stream().mapToLong(Version::running).sum();
    if (total > MAX_INSTANCES) {
      problems.add("一次最多迁移 " + MAX_INSTANCES + " 个在办实例，旧版本共有 " + total + " 个在办实例：请系统管理员分批迁移", null);
    }
    instances.values().forEach(ids -> ids.forEach(id -> checkWatchedDeadlines(id, target.getId(), problems)));
    if (problems.isEmpty()) {
      instances.forEach((source, ids) -> migrate(source, target.getId(), ids, commit, problems));
    }
    String name = target.getName() == null ? key : target.getName();
    return new Outcome(key, name, target.getVersion(), target.getId(), sources, total, problems.lines(),
        commit && total > 0 && problems.isEmpty());
  }

  /**
   * A running deadline watch (processes/deadline-watch.bpmn) keeps the deadline its activity had when
   * it started; a new version that names another deadline (extension property {@code deadline}) for
   * an activity being watched would leave the watch reminding and escalating by the old one, so the
   * check refuses it for that instance.
   */
  private void checkWatchedDeadlines(String instanceId, String targetId, MigrationProblems problems) {
    var model = engine.getRepositoryService().getBpmnModelInstance(targetId);
    for (ProcessInstance watch : engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(DeadlineWatch.PROCESS)
        .variableValueEquals(DeadlineWatch.WATCHED_INSTANCE, instanceId).unlimitedList()) {
      String activityId = (String) engine.getRuntimeService().getVariable(watch.getId(), DeadlineWatch.WATCHED_ACTIVITY);
      String watched = (String) engine.getRuntimeService().getVariable(watch.getId(), DeadlineWatch.DEADLINE_ID);
      FlowElement activity = model.getModelElementById(activityId);
      String named = activity == null ? null : activity.getExtensionElements() == null ? null
          : activity.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
              .flatMap(properties -> properties.getCamundaProperties().stream())
              .filter(property -> DeadlineWatch.PROPERTY.equals(property.getCamundaName())).map(CamundaProperty::getCamundaValue)
              .findFirst().orElse(null);
      if (activity != null && !watched.equals(named)) {
        problems.add("“" + activity.getName() + "”（" + activityId + "）的期限由 " + watched + " 改为 " + (named == null ? "无" : named)
            + "：正在办理的实例的期限督办仍按原期限，这一修改只能用于新轮次", instanceId);
      }
    }
  }

  /**
   * Migrates the instances of one source version, collecting what the engine refuses. A check
   * migrates them one by one, so that every refused instance is counted; a commit in one call.
   */
  private void migrate(String sourceId, String targetId, List<String> ids, boolean commit, MigrationProblems problems) {
    RuntimeService runtime = engine.getRuntimeService();
    MigrationPlan plan;
    try {
      plan = runtime.createMigrationPlan(sourceId, targetId).mapEqualActivities().updateEventTriggers().build();
    } catch (MigrationPlanValidationException e) {
      LOG.info("Migration plan {} -> {} refused: {}", sourceId, targetId, e.getMessage());
      problems.add(e.getValidationReport());
      return;
    }
    for (List<String> chunk : commit ? List.of(ids) : ids.stream().map(List::of).toList()) {
      try {
        runtime.newMigration(plan).processInstanceIds(chunk).execute();
        chunk.forEach(instance -> refreshTasks(instance, targetId, problems));
      } catch (MigratingProcessInstanceValidationException e) {
        LOG.info("Migration {} -> {} refused for an instance: {}", sourceId, targetId, e.getMessage());
        problems.add(e.getValidationReport());
      } catch (ProcessEngineException e) {
        LOG.info("Migration {} -> {} failed for {}: {}", sourceId, targetId, chunk, e.getMessage());
        chunk.forEach(instance -> problems.addExpressionFailure(null, instance));
      }
    }
  }

  /**
   * The instance's open tasks take their name and due date from the new version, as its timers do
   * (Camunda's migration keeps a task as it was created); a due date the office extended by hand stays
   * ({@link TaskDeadlines}).
   */
  private void refreshTasks(String instanceId, String targetId, MigrationProblems problems) {
    CommandContext context = Context.getCommandContext();
    ProcessDefinitionEntity target = context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(targetId);
    for (TaskEntity task : context.getTaskManager().findTasksByProcessInstanceId(instanceId)) {
      TaskDefinition definition = target.getTaskDefinitions().get(task.getTaskDefinitionKey());
      task.setTaskDefinition(definition);
      try {
        Object name = definition.getNameExpression() == null ? null : definition.getNameExpression().getValue(task.getExecution());
        if (name != null && !name.toString().equals(task.getName())) {
          task.setName(name.toString());
          task.triggerUpdateEvent();
        }
        taskDeadlines.recompute(task);
      } catch (ProcessEngineException e) {
        LOG.info("Task {} ({}) of instance {} cannot take the name or due date of {}: {}", task.getTaskDefinitionKey(), task.getId(),
            instanceId, targetId, e.getMessage());
        problems.addExpressionFailure(task.getTaskDefinitionKey(), instanceId);
      }
    }
  }

  /** An activity's name in the newest version that has it (its id if it has none). */
  private Function<String, String> activityNames(List<ProcessDefinition> definitions) {
    Map<String, String> names = new HashMap<>();
    return id -> names.computeIfAbsent(id, activity -> definitions.stream()
        .map(definition -> engine.getRepositoryService().getBpmnModelInstance(definition.getId()).<FlowElement>getModelElementById(activity))
        .filter(element -> element != null && element.getName() != null)
        .map(FlowElement::getName).findFirst().orElse(activity));
  }
}

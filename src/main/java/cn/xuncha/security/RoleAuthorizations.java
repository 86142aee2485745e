package cn.xuncha.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The standing grants of each role (办法 25(三), 方案 四(六)). Everything a team, unit or department
 * sees beyond process models comes per instance ({@link AccessGroupsPlugin}) or per open task
 * (candidate groups). Runs on every start, after the identity set-up, so groups created in Admin
 * are included; it also withdraws the per-task history grants that earlier versions let the engine
 * give to candidate groups, which exposed whole instances ({@link InstanceHistoryAuthorizations}).
 */
@Component
public class RoleAuthorizations {

  static final String TASKLIST = "tasklist";
  static final String COCKPIT = "cockpit";
  static final String ROUND_PROCESS = "inspection-round";
  /** The groups that read every instance, live and in history ({@link #grantOverseer}). */
  static final Set<String> OVERSEERS = Set.of(Roles.OFFICE, Roles.LEADING_GROUP, Roles.COMMITTEE);

  private final IdentityService identityService;
  private final Grants grants;
  private final TaskFilters filters;
  /**
   * The workflow groups whose standing grants this node has ensured since it started, so that a login (every HTTP Basic
   * request is one) costs no statements for them. Only ever skips re-creating grants, never decides access: a grant an
   * administrator deletes in Admin stays deleted until the next start instead of coming back at the group's next login.
   */
  private final Set<String> ensuredWorkflowGroups = ConcurrentHashMap.newKeySet();

  RoleAuthorizations(IdentityService identityService, Grants grants, TaskFilters filters) {
    this.identityService = identityService;
    this.grants = grants;
    this.filters = filters;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Order(4)
  public void grantAll() {
    for (String groupId : workflowGroups()) {
      grantWorkflowGroup(groupId);
      ensuredWorkflowGroups.add(groupId);
    }
    for (String overseer : OVERSEERS) {
      grantOverseer(overseer);
    }
    grants.revokeSingleResourceGrants(Resources.HISTORIC_TASK);
    grants.ensure(Roles.OFFICE, Resources.PROCESS_DEFINITION, ROUND_PROCESS, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grants.ensure(Roles.OFFICE, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
  }

  /** The role groups and every group of type WORKFLOW (teams, units, departments). */
  private Set<String> workflowGroups() {
    Set<String> groups = new LinkedHashSet<>(OVERSEERS);
    identityService.createGroupQuery().groupType(Roles.WORKFLOW).unlimitedList().stream()
        .map(Group::getId)
        .forEach(groups::add);
    return groups;
  }

  /** Those of {@code groupIds} that are role groups or of type WORKFLOW; one query at most. */
  private Set<String> workflowGroups(Collection<String> groupIds) {
    Set<String> groups = new LinkedHashSet<>();
    List<String> others = new ArrayList<>();
    for (String groupId : groupIds) {
      (OVERSEERS.contains(groupId) ? groups : others).add(groupId);
    }
    if (!others.isEmpty()) {
      identityService.createGroupQuery().groupIdIn(others.toArray(String[]::new)).groupType(Roles.WORKFLOW).unlimitedList().stream()
          .map(Group::getId)
          .forEach(groups::add);
    }
    return groups;
  }

  /**
   * Called at login too, so that a group created in Admin works from its first member's first
   * login on, without a restart.
   */
  void grantWorkflowGroups(Collection<String> groupIds) {
    List<String> unknown = groupIds.stream().filter(groupId -> !ensuredWorkflowGroups.contains(groupId)).toList();
    if (unknown.isEmpty()) {
      return;
    }
    Set<String> workflow = workflowGroups(unknown);
    for (String groupId : workflow) {
      grantWorkflowGroup(groupId);
      ensuredWorkflowGroups.add(groupId);
    }
  }

  /**
   * Tasklist, its shared filters, and the process models (not their instances), which Tasklist shows with each task;
   * also for a team's group as its round's plan is approved ({@code TeamGroups}), inside the command that creates it.
   */
  public void grantWorkflowGroup(String groupId) {
    grants.ensure(groupId, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
    grants.ensure(groupId, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
    filters.sharedFilterIds().forEach(filterId -> grants.ensure(groupId, Resources.FILTER, filterId, Permissions.READ));
  }

  /**
   * The office, the leading group and the county committee see every instance of the round, live
   * and in history (decisions included), in Cockpit too.
   */
  private void grantOverseer(String groupId) {
    grants.ensure(groupId, Resources.APPLICATION, COCKPIT, Permissions.ACCESS);
    grants.ensure(groupId, Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
        ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE,
        ProcessDefinitionPermissions.READ_HISTORY_VARIABLE, ProcessDefinitionPermissions.READ_TASK_VARIABLE);
    grants.ensure(groupId, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
    grants.ensure(groupId, Resources.HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ);
    grants.ensure(groupId, Resources.TASK, ANY, TaskPermissions.READ);
    grants.ensure(groupId, Resources.HISTORIC_TASK, ANY, HistoricTaskPermissions.READ);
    grants.ensure(groupId, Resources.DEPLOYMENT, ANY, Permissions.READ);
    grants.ensure(groupId, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grants.ensure(groupId, Resources.FILTER, filters.allInspectionsFilterId(), Permissions.READ);
  }
}

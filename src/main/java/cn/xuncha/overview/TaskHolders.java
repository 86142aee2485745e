package cn.xuncha.overview;

import cn.xuncha.system.Unrestricted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * Who holds each of a page of open tasks, by name: the assignee ("巡察办工作人员（office1）") or the
 * groups the task waits in ("待认领（第一巡察组）"). However many tasks the page has, it costs one
 * statement for the tasks' candidate groups (the engine's identity-link table, named by
 * {@link ManagementService#getTableName}, since the engine's API reads the links of one task at a
 * time), one user query for all assignees and one group query for all groups.
 */
@Component
class TaskHolders {

  private final IdentityService identity;
  private final ManagementService management;
  private final JdbcClient jdbc;

  TaskHolders(IdentityService identity, ManagementService management, JdbcClient jdbc) {
    this.identity = identity;
    this.management = management;
    this.jdbc = jdbc;
  }

  /** An open task: its id and its assignee (null while it waits in its groups). */
  record Open(String id, String assignee) {
  }

  /** The holder of each task, by task id; "—" for a task that has neither an assignee nor a group. */
  Map<String, String> of(Collection<Open> tasks) {
    Map<String, List<String>> groupsByTask = groupsOf(tasks.stream().filter(task -> task.assignee() == null).map(Open::id).toList());
    Map<String, String> users = userNames(tasks.stream().map(Open::assignee).filter(assignee -> assignee != null).collect(Collectors.toSet()));
    Map<String, String> groups = groupNames(groupsByTask.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
    Map<String, String> holders = new HashMap<>();
    for (Open task : tasks) {
      holders.put(task.id(), task.assignee() != null ? assignee(task.assignee(), users)
          : waitingIn(groupsByTask.getOrDefault(task.id(), List.of()), groups));
    }
    return holders;
  }

  private static String assignee(String userId, Map<String, String> names) {
    String name = names.getOrDefault(userId, "");
    return name.isEmpty() ? userId : name + "（" + userId + "）";
  }

  private static String waitingIn(List<String> groupIds, Map<String, String> names) {
    if (groupIds.isEmpty()) {
      return "—";
    }
    return "待认领（" + groupIds.stream().map(group -> names.getOrDefault(group, group)).collect(Collectors.joining("、")) + "）";
  }

  private Map<String, List<String>> groupsOf(List<String> taskIds) {
    Map<String, List<String>> groups = new HashMap<>();
    if (taskIds.isEmpty()) {
      return groups;
    }
    jdbc.sql("select TASK_ID_, GROUP_ID_ from " + management.getTableName(IdentityLinkEntity.class)
            + " where TASK_ID_ in (:tasks) and GROUP_ID_ is not null order by TASK_ID_, ID_")
        .paramSource(new MapSqlParameterSource("tasks", taskIds))
        .query(rs -> {
          groups.computeIfAbsent(rs.getString(1), task -> new ArrayList<>()).add(rs.getString(2));
        });
    return groups;
  }

  /** Full names ("" where a user has none) of the users, in one query. */
  private Map<String, String> userNames(Set<String> userIds) {
    if (userIds.isEmpty()) {
      return Map.of();
    }
    return Unrestricted.lookup(() -> identity.createUserQuery().userIdIn(userIds.toArray(String[]::new)).list()).stream()
        .collect(Collectors.toMap(User::getId,
            user -> Stream.of(user.getFirstName(), user.getLastName()).filter(part -> part != null).collect(Collectors.joining())));
  }

  /** Names (the id where a group has none) of the groups, in one query. */
  private Map<String, String> groupNames(Set<String> groupIds) {
    if (groupIds.isEmpty()) {
      return Map.of();
    }
    return Unrestricted.lookup(() -> identity.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).list()).stream()
        .collect(Collectors.toMap(Group::getId, group -> group.getName() == null ? group.getId() : group.getName()));
  }
}

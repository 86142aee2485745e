package cn.xuncha.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * The engine's authorization checks, with two changes.
 *
 * <p>Instance counts per process definition ({@code
 * GET /process-definition/statistics}, Cockpit's dashboard) need READ_INSTANCE on the definition,
 * i.e. the right to read every instance counted (办法 25(三)).
 *
 * <p>Camunda 7.24 counts every running instance of each definition the caller may merely READ, and
 * every party reads the process models, which Tasklist shows with each task; so any signed-in user
 * saw how many inspections, clue transfers and rectifications were under way. Counts per activity
 * ({@code /process-definition/{id}/statistics}) are already limited by the engine to the instances
 * the caller may read.
 *
 * <p>A check uses all of the user's groups ({@link #filterAuthenticatedGroupIds}). Camunda 7.24 first reads every
 * distinct group id of {@code ACT_RU_AUTHORIZATION} in each command, to drop the user's groups that have no
 * authorization: a scan that grows with the team groups of every round ever run (issue 16 item 5: 0.1 ms at one
 * round, 26 ms at 1,001 rounds, in every authenticated command). Dropping them only shortens the {@code GROUP_ID_ IN
 * (…)} list of the check itself, which finds no row for such a group anyway; our users belong to a handful of groups.
 */
class AuthorizationChecks extends AuthorizationManager {

  @Override
  public void configureProcessDefinitionStatisticsQuery(ProcessDefinitionStatisticsQueryImpl query) {
    configureQuery(query, Resources.PROCESS_DEFINITION, "RES.KEY_", ProcessDefinitionPermissions.READ_INSTANCE);
  }

  /**
   * The user's groups, each once, without asking which of them hold an authorization: {@code groupIds} as given,
   * an empty list for none.
   */
  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> groupIds) {
    return groupIds == null ? new ArrayList<>() : new ArrayList<>(new LinkedHashSet<>(groupIds));
  }

  /** Opens this manager wherever the engine asks for its {@link AuthorizationManager}. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new AuthorizationChecks();
    }
  }
}

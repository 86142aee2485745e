package cn.xuncha.security;

import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.ProcessDefinitionStatisticsQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * The engine's authorization checks, except that instance counts per process definition ({@code
 * GET /process-definition/statistics}, Cockpit's dashboard) need READ_INSTANCE on the definition,
 * i.e. the right to read every instance counted (办法 25(三)).
 *
 * <p>Camunda 7.24 counts every running instance of each definition the caller may merely READ, and
 * every party reads the process models, which Tasklist shows with each task; so any signed-in user
 * saw how many inspections, clue transfers and rectifications were under way. Counts per activity
 * ({@code /process-definition/{id}/statistics}) are already limited by the engine to the instances
 * the caller may read.
 */
class InstanceCountAuthorizations extends AuthorizationManager {

  @Override
  public void configureProcessDefinitionStatisticsQuery(ProcessDefinitionStatisticsQueryImpl query) {
    configureQuery(query, Resources.PROCESS_DEFINITION, "RES.KEY_", ProcessDefinitionPermissions.READ_INSTANCE);
  }

  /** Opens this manager wherever the engine asks for its {@link AuthorizationManager}. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new InstanceCountAuthorizations();
    }
  }
}

package cn.xuncha.security;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's default grants for a task's candidate groups, candidate users, assignee and owner,
 * without the HISTORIC_TASK grant that {@code enableHistoricInstancePermissions} adds to them
 * (办法 25(三)).
 *
 * <p>Camunda 7.24 joins every historic variable and form detail to <em>all</em> historic tasks of
 * its process instance ({@code HistoricVariableInstance.xml}, {@code HistoricDetail.xml}: {@code
 * TI.PROC_INST_ID_ = RES.PROC_INST_ID_}), so READ on one historic task reads the whole instance's
 * history: the unit that signs a notice would read the team's 重点人、重点事、重点问题, a department
 * that answers a letter every other department's reply. History is therefore granted per instance
 * only, to the groups that own the instance ({@link AccessGroupsPlugin}), and to the overseers for
 * everything ({@link RoleAuthorizations}). A unit or department keeps READ and work on its open
 * tasks; once done, such a task is no longer in its view of the engine: the application's records
 * and documents addressed to it remain.
 */
class InstanceHistoryAuthorizations extends DefaultAuthorizationProvider {

  @Override
  protected AuthorizationEntity[] createOrUpdateAuthorizations(Task task, String groupId, String userId) {
    AuthorizationEntity runtime = createOrUpdateAuthorization(task, userId, groupId, Resources.TASK, false,
        getRuntimePermissions(isEnforceSpecificVariablePermission()));
    return new AuthorizationEntity[] {runtime};
  }
}

package cn.xuncha.security;

import cn.xuncha.system.OwnAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Per-instance secrecy without BPMN changes (办法 25(三)): every process gets a start listener that
 * grants the groups named in the variable {@value #ACCESS_GROUPS} read access to the new instance,
 * its variables and its history. Tasks reach their candidate groups through the engine's own
 * runtime grants, but never the instance's history ({@link InstanceHistoryAuthorizations}); instance
 * counts need the right to read the instances ({@link AuthorizationChecks}).
 *
 * <p>So the authorization table grows with parties and instances, never with tasks (issue 16): a
 * party gets one runtime row and one history row per instance; the engine deletes the runtime row
 * with the instance ({@code ExecutionManager.deleteExecution}) and the history row stays, the
 * party's read access to its finished work, until history cleanup removes the instance. The
 * overseers ({@link RoleAuthorizations#OVERSEERS}) read every instance already and get no rows.
 */
@Component
class AccessGroupsPlugin extends AbstractProcessEnginePlugin {

  /** A collection of group ids, or one comma-separated string. */
  static final String ACCESS_GROUPS = "accessGroups";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new InstanceHistoryAuthorizations());
    if (configuration.getCustomSessionFactories() == null) {
      configuration.setCustomSessionFactories(new ArrayList<>());
    }
    configuration.getCustomSessionFactories().add(new AuthorizationChecks.Factory());
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) AccessGroupsPlugin::grantAccess);
      }
    });
  }

  private static void grantAccess(DelegateExecution execution) {
    List<String> groups = groupIds(execution.getVariable(ACCESS_GROUPS)).stream()
        .filter(group -> !RoleAuthorizations.OVERSEERS.contains(group)).toList();
    if (groups.isEmpty()) {
      return;
    }
    AuthorizationService authorizations = execution.getProcessEngineServices().getAuthorizationService();
    String instanceId = execution.getProcessInstanceId();
    // The starting user may not create authorizations; the grant is the application's, not theirs.
    OwnAccount.run(() -> {
      for (String group : groups) {
        grant(authorizations, group, Resources.PROCESS_INSTANCE, instanceId, ProcessInstancePermissions.READ);
        grant(authorizations, group, Resources.HISTORIC_PROCESS_INSTANCE, instanceId, HistoricProcessInstancePermissions.READ);
      }
      return null;
    });
  }

  private static void grant(AuthorizationService authorizations, String group, Resource resource, String id, Permission permission) {
    Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(group);
    authorization.setResource(resource);
    authorization.setResourceId(id);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }

  static List<String> groupIds(Object variable) {
    Collection<?> values;
    if (variable instanceof Collection<?> collection) {
      values = collection;
    } else if (variable instanceof String text) {
      values = Arrays.asList(text.split(","));
    } else {
      return List.of();
    }
    return values.stream()
        .filter(value -> value != null)
        .map(value -> value.toString().trim())
        .filter(id -> !id.isEmpty())
        .distinct()
        .toList();
  }
}

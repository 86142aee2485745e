package cn.xuncha.security;

import cn.xuncha.system.ExtensionProperties;
import cn.xuncha.system.OwnAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngineException;
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
 * Per-instance secrecy (办法 25(三)), declared once per process: a process's extension property
 * {@code <camunda:property name="accessGroups" value="unitGroup,teamGroup"/>} names the variables
 * (comma-separated) that hold the parties who may read its instances — each a group id or
 * comma-separated group ids, and each one of the variables only the application writes
 * ({@link ProtectedVariables}; a deployment naming another is refused, since a user could then
 * choose who reads). A start listener grants those groups read access to the new instance,
 * its variables and its history; a process without the property is granted to no party (the
 * overseers read it). The caller passes only the variables the process works with; no extra
 * variable per instance carries the grant (issue 16: each is four statements and a history row).
 * Tasks reach their candidate groups through the engine's own
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

  /** The process's extension property naming the variables that hold the parties granted read access. */
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
        List<String> variables = groupIds(ExtensionProperties.of(processElement, ACCESS_GROUPS));
        variables.stream().filter(variable -> !ProtectedVariables.isProtected(variable)).findFirst().ifPresent(variable -> {
          throw new ProcessEngineException("流程“" + processDefinition.getKey() + "”的 accessGroups 列出的变量 " + variable
              + " 不受保护，用户可以改写它来决定谁能查看实例：请改用受保护的变量（security/ProtectedVariables.java）");
        });
        if (!variables.isEmpty()) {
          processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
              (ExecutionListener) execution -> grantAccess(execution, variables));
        }
      }
    });
  }

  /** Grants the groups the {@code variables} of the starting instance name. */
  private static void grantAccess(DelegateExecution execution, List<String> variables) {
    List<String> groups = variables.stream().flatMap(variable -> groupIds(execution.getVariable(variable)).stream()).distinct()
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

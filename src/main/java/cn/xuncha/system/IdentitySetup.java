package cn.xuncha.system;

import cn.xuncha.security.Roles;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, once, what every installation needs: the role groups of the procedure and the
 * administrator. Existing users and groups are left as the Admin webapp last saved them.
 */
@Component
public class IdentitySetup {

  static final String ADMIN_USER = "admin";
  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);
  private static final Map<String, String> ROLE_GROUPS = Map.of(
      Roles.OFFICE, "县委巡察办",
      Roles.LEADING_GROUP, "县委巡察工作领导小组",
      Roles.COMMITTEE, "县委");

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final String adminPassword;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, XunchaProperties properties) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    String password = properties.admin().password();
    if (properties.demo() && (password == null || password.isBlank())) {
      password = DemoAccounts.PASSWORD;
    }
    if (password == null || password.isBlank()) {
      throw new AdminPasswordMissingException();
    }
    this.adminPassword = password;
  }

  /** Makes sure the role groups and the administrator exist; a second call changes nothing. */
  @EventListener(ApplicationStartedEvent.class)
  @Order(1)
  public void ensureBaseIdentity() {
    ensureGroup(Roles.ADMIN, "系统管理员", "SYSTEM");
    ROLE_GROUPS.forEach((id, name) -> ensureGroup(id, name, Roles.WORKFLOW));
    if (ensureUser(ADMIN_USER, "系统", "管理员", adminPassword)) {
      LOG.info("Created the administrator account '{}'", ADMIN_USER);
    }
    ensureMembership(ADMIN_USER, Roles.ADMIN);
    grantAdministratorsEverything();
  }

  public void ensureGroup(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType(type);
      identityService.saveGroup(group);
    }
  }

  /** @return true if the user was created now */
  public boolean ensureUser(String id, String firstName, String lastName, String password) {
    if (identityService.createUserQuery().userId(id).count() > 0) {
      return false;
    }
    User user = identityService.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setPassword(password);
    identityService.saveUser(user);
    return true;
  }

  public void ensureMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  private void grantAdministratorsEverything() {
    for (Resource resource : Resources.values()) {
      boolean granted = authorizationService.createAuthorizationQuery()
          .groupIdIn(Roles.ADMIN)
          .resourceType(resource)
          .resourceId(Authorization.ANY)
          .count() > 0;
      if (!granted) {
        Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Roles.ADMIN);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(all);
      }
    }
  }
}

package cn.xuncha.security;

import java.util.Arrays;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Idempotent group grants: a second call with the same permissions changes nothing. */
@Component
class Grants {

  private final AuthorizationService authorizationService;

  Grants(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  void ensure(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = authorizationService.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    if (grant == null) {
      grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    } else if (Arrays.stream(permissions).allMatch(grant::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizationService.saveAuthorization(grant);
  }

  /** Deletes every grant on a single resource of this type; grants on all of them ({@code *}) stay. */
  void revokeSingleResourceGrants(Resource resource) {
    authorizationService.createAuthorizationQuery().resourceType(resource).unlimitedList().stream()
        .filter(authorization -> !Authorization.ANY.equals(authorization.getResourceId()))
        .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
  }
}

package cn.xuncha.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks user name and password against Camunda's identity service, so that users are managed in
 * the Admin webapp only. Camunda's own check also locks an account after repeated failures.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final RoleAuthorizations roleAuthorizations;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, RoleAuthorizations roleAuthorizations) {
    this.identityService = identityService;
    this.roleAuthorizations = roleAuthorizations;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    if (userId == null || userId.isBlank() || !identityService.checkPassword(userId, password)) {
      throw new BadCredentialsException("用户名或密码错误");
    }
    List<String> groupIds = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    roleAuthorizations.grantWorkflowGroups(groupIds);
    return UsernamePasswordAuthenticationToken.authenticated(userId, null,
        groupIds.stream().map(SimpleGrantedAuthority::new).toList());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}

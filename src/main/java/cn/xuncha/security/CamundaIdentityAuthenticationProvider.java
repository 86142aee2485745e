package cn.xuncha.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks user name and password against Camunda's identity service, so that users are managed in
 * the Admin webapp only. The check runs through {@link GuardedIdentityProvider}, which throttles
 * wrong passwords per client and account; a throttled client is told so ({@link LockedException},
 * the login page's 登录尝试过多) rather than "wrong password", even if the password is right. The user's groups become Spring authorities; they are
 * read again on every request of the session ({@link CurrentGroupsFilter}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String REFUSED = "用户名或密码错误";
  static final String THROTTLED = "登录尝试过多，请稍后再试";

  private final IdentityService identityService;
  private final RoleAuthorizations roleAuthorizations;
  private final LoginThrottle throttle;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, RoleAuthorizations roleAuthorizations, LoginThrottle throttle) {
    this.identityService = identityService;
    this.roleAuthorizations = roleAuthorizations;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    if (userId == null || userId.isBlank()) {
      throw new BadCredentialsException(REFUSED);
    }
    if (throttle.refuses(userId)) {
      throw new LockedException(THROTTLED);
    }
    if (!identityService.checkPassword(userId, password)) {
      throw new BadCredentialsException(REFUSED);
    }
    return signedIn(userId, groupsOf(userId));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** @return the user's groups as the identity service has them now; null if the account no longer exists */
  List<String> currentGroups(String userId) {
    if (identityService.createUserQuery().userId(userId).count() == 0) {
      return null;
    }
    return groupsOf(userId);
  }

  /**
   * The signed-in user with these groups as authorities. Workflow groups get their standing grants
   * here, so that a group created in Admin works from its first member's first login on.
   */
  Authentication signedIn(String userId, List<String> groupIds) {
    roleAuthorizations.grantWorkflowGroups(groupIds);
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, groupIds.stream().map(SimpleGrantedAuthority::new).toList());
  }

  private List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).unlimitedList().stream().map(Group::getId).toList();
  }
}

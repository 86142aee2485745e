package cn.xuncha.security;

import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbGroupQueryImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.identity.db.DbUserQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * Camunda's database identity provider with two rules of the office's, applied inside the engine so
 * that every path obeys them: our login page, HTTP Basic on the REST API, the webapps' internal API
 * and any later caller of {@code IdentityService}.
 * <ul>
 *   <li>Wrong passwords are throttled by {@link LoginThrottle} (per client and account, expiring by
 *   itself) instead of Camunda's per-account lock, which anyone could make permanent for any
 *   account (ENGINE-27002, issue 10 item 5). Camunda's own lock columns are ignored and reset at
 *   the next good password. Admin's 解锁用户 lifts the throttle of the account for every client.</li>
 *   <li>Accounts belong to the administrator: a user who is not in {@code camunda-admin} may change
 *   his own password but not his name or e-mail (Camunda grants every user UPDATE on his own
 *   account, so anyone could take an official's title), and may not delete accounts.</li>
 *   <li>A county (tenant, issue 16 item 2) is deleted only once it has no members: an account in no
 *   county's tenant belongs to the home county ({@code cn.xuncha.county.Counties}), so deleting a county
 *   with its accounts in it would give them the home county's tasks, pool and rounds. Applied to what a
 *   user sends (Admin, the REST API); the application itself never deletes a county.</li>
 * </ul>
 */
class GuardedIdentityProvider extends DbIdentityServiceProvider {

  static final String PROFILE_REFUSED = "只有系统管理员可以修改账号的姓名和邮箱；本人只能修改自己的密码。";
  static final String DELETE_REFUSED = "只有系统管理员可以删除账号。";
  static final String TENANT_WITH_MEMBERS = "县（租户）%s 还有成员：%s。没有加入任何县的账号属于本县，删除该县会让这些账号看到本县的工作；"
      + "请先在 Admin 中把这些账号和组移出该县（或加入它们所属的县），再删除该县。";

  private final LoginThrottle throttle;

  GuardedIdentityProvider(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected boolean isUserLocked(UserEntity user) {
    return throttle.refuses(user.getId());
  }

  @Override
  protected void lockUser(UserEntity user) {
    throttle.failed(user.getId());
  }

  @Override
  protected IdentityOperationResult unlockUser(UserEntity user) {
    throttle.succeeded(user.getId());
    return super.unlockUser(user);
  }

  /** Camunda's unlock (Admin's 解锁用户, {@code POST /user/{id}/unlock}); Camunda requires camunda-admin for it. */
  @Override
  public IdentityOperationResult unlockUser(String userId) {
    throttle.unlock(userId);
    return super.unlockUser(userId);
  }

  @Override
  public IdentityOperationResult saveUser(User user) {
    if (((UserEntity) user).getRevision() != 0 && !byAdministrator()) {
      UserEntity stored = getDbEntityManager().selectById(UserEntity.class, user.getId());
      if (stored != null && !sameProfile(stored, user)) {
        throw new AuthorizationException(PROFILE_REFUSED);
      }
    }
    return super.saveUser(user);
  }

  @Override
  public IdentityOperationResult deleteUser(String userId) {
    if (!byAdministrator()) {
      throw new AuthorizationException(DELETE_REFUSED);
    }
    return super.deleteUser(userId);
  }

  @Override
  public IdentityOperationResult deleteTenant(String tenantId) {
    CommandContext context = Context.getCommandContext();
    if (context.getAuthentication() != null) {
      DbUserQueryImpl users = new DbUserQueryImpl();
      users.memberOfTenant(tenantId);
      DbGroupQueryImpl groups = new DbGroupQueryImpl();
      groups.memberOfTenant(tenantId);
      List<String> members = Stream.concat(findUserByQueryCriteria(users).stream().map(User::getId),
          findGroupByQueryCriteria(groups).stream().map(Group::getId)).toList();
      if (!members.isEmpty()) {
        throw new InvalidInputException(TENANT_WITH_MEMBERS.formatted(tenantId, String.join("、", members.subList(0, Math.min(members.size(), 5)))
            + (members.size() > 5 ? " 等 " + members.size() + " 个" : "")));
      }
    }
    return super.deleteTenant(tenantId);
  }

  /** True for camunda-admin and for the application's own calls, which run without an authenticated user. */
  private static boolean byAdministrator() {
    CommandContext context = Context.getCommandContext();
    Authentication authentication = context.getAuthentication();
    boolean checked = authentication != null && context.isAuthorizationCheckEnabled()
        && Context.getProcessEngineConfiguration().isAuthorizationEnabled();
    return !checked || context.getAuthorizationManager().isCamundaAdmin(authentication);
  }

  private static boolean sameProfile(User stored, User changed) {
    return Objects.equals(stored.getFirstName(), changed.getFirstName())
        && Objects.equals(stored.getLastName(), changed.getLastName())
        && Objects.equals(stored.getEmail(), changed.getEmail());
  }
}

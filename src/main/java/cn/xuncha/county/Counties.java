package cn.xuncha.county;

import cn.xuncha.security.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The counties of an installation and who sees which (issue 16 item 2). A county is a Camunda tenant
 * (its id is the county's code, its name the county's): the office creates a further county in
 * Admin (租户) and makes its accounts, or its own groups, members of it. A user sees the counties whose
 * tenant they or one of their groups are member of — a city office account is member of all of them —
 * and an account member of none belongs to the {@link HomeCounty}. The engine applies the same rule to
 * its own queries ({@link CountyTenants}); the application's pages read {@link #visible()} and
 * filter their rows by it, so both agree on what a user sees.
 */
@Component
public class Counties {

  private final IdentityService identity;
  private final HomeCounty home;
  private final CountySettings settings;

  Counties(IdentityService identity, HomeCounty home, CountySettings settings) {
    this.identity = identity;
    this.home = home;
    this.settings = settings;
  }

  /** The settings of {@code county} (its documents' issuer, its units), the home county's where it has none ({@link CountySettings}). */
  public CountySettings.Settings settings(String county) {
    return settings.of(county, home.code());
  }

  /** The code of the installation's own county. */
  public String home() {
    return home.code();
  }

  /** Creates the home county's tenant on first start; an existing one keeps the name Admin gave it. */
  @EventListener(ApplicationStartedEvent.class)
  @Order(0)
  public void ensureHomeTenant() {
    if (identity.createTenantQuery().tenantId(home.code()).count() == 0) {
      Tenant tenant = identity.newTenant(home.code());
      tenant.setName(home.name());
      identity.saveTenant(tenant);
    }
  }

  /**
   * A single-county installation makes an account that signs in to the pages and webapps, member of no
   * county, member of the home county: Cockpit's own queries read the tenants of the session's
   * authentication as they stand, without the engine's completion ({@link CountyTenants}), and would
   * show such an account nothing. With several counties every account needs its county set in Admin.
   */
  @EventListener(InteractiveAuthenticationSuccessEvent.class)
  public void joinTheOnlyCounty(InteractiveAuthenticationSuccessEvent signedIn) {
    String userId = signedIn.getAuthentication().getName();
    asApplication(identity, () -> {
      if (identity.createTenantQuery().count() == 1 && identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).count() == 0) {
        identity.createTenantUserMembership(home.code(), userId);
      }
      return null;
    });
  }

  /**
   * The counties {@code userId} sees: the tenants they or their groups are member of; the home county
   * alone for an account member of none; every county for the administrators ({@code camunda-admin}),
   * whom the engine does not tenant-check either.
   */
  public List<String> visibleTo(String userId) {
    return visibleTo(userId, asApplication(identity, () -> identity.createUserQuery().userId(userId).memberOfGroup(Roles.ADMIN).count()) > 0);
  }

  private List<String> visibleTo(String userId, boolean admin) {
    if (admin) {
      return List.copyOf(names().keySet());
    }
    List<String> tenants = tenantsOf(identity, userId);
    return tenants.isEmpty() ? List.of(home.code()) : tenants;
  }

  /**
   * The tenants {@code userId} or their groups are member of, read on the application's authority:
   * the engine would otherwise show a signed-in user only the tenants granted to them for reading.
   */
  static List<String> tenantsOf(IdentityService identity, String userId) {
    return asApplication(identity, () ->
        identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
  }

  /** Runs an identity look-up with no user authenticated, and puts the caller's authentication back. */
  private static <T> T asApplication(IdentityService identity, Supplier<T> lookup) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /**
   * The counties the user of this request or command sees ({@link #visibleTo}): the signed-in user of
   * the web request, else the user the engine's command runs for (the Java API); every county for work
   * the application does on its own (nobody signed in: start-up, timers, the engine's jobs).
   */
  public List<String> visible() {
    org.springframework.security.core.Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
      return ofThisRequest(user);
    }
    Authentication engineUser = identity.getCurrentAuthentication();
    if (engineUser != null && engineUser.getUserId() != null) {
      return visibleTo(engineUser.getUserId());
    }
    return List.copyOf(names().keySet());
  }

  /**
   * {@link #visibleTo} the signed-in user, read once per web request (a page asks several times; the
   * memberships are read anew by the next request, so a change in Admin applies at once).
   */
  private List<String> ofThisRequest(org.springframework.security.core.Authentication user) {
    // the authorities are the user's groups, read anew by every request (CurrentGroupsFilter)
    boolean admin = user.getAuthorities().stream().anyMatch(authority -> Roles.ADMIN.equals(authority.getAuthority()));
    return oncePerRequest(Counties.class.getName() + ".visible." + user.getName(), () -> visibleTo(user.getName(), admin));
  }

  /** What {@code read} gives, read once per web request under {@code key}; read every time outside one (commands, start-up). */
  private static <T> T oncePerRequest(String key, Supplier<T> read) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null) {
      return read.get();
    }
    @SuppressWarnings("unchecked")
    T known = (T) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
    if (known == null) {
      known = read.get();
      request.setAttribute(key, known, RequestAttributes.SCOPE_REQUEST);
    }
    return known;
  }

  /** Whether the signed-in user of this request sees {@code county} ({@link #visible()}). */
  public boolean isVisible(String county) {
    return visible().contains(county);
  }

  /**
   * Whether the user of this request sees every county of the installation ({@link #visible()}): the city
   * office, member of every county's tenant, and the administrators — and, on a single-county installation,
   * that county's accounts. What the counties share (the national holiday calendar) is theirs to change.
   */
  public boolean seesEvery() {
    return visible().containsAll(names().keySet());
  }

  /**
   * The members of {@code groupId} who see every county ({@link #visibleTo}): all of them on a single-county
   * installation; on one of several those member of every county's tenant (the city office) and the administrators.
   * Read on the application's authority, whoever runs the command: who is given a shared task ({@code ScheduleLoaders})
   * does not depend on what the user whose command created it may read.
   */
  public List<String> membersSeeingEvery(String groupId) {
    java.util.Set<String> every = names().keySet();
    List<String> members = asApplication(identity, () ->
        identity.createUserQuery().memberOfGroup(groupId).list().stream().map(org.camunda.bpm.engine.identity.User::getId).toList());
    return members.stream().filter(member -> visibleTo(member).containsAll(every)).toList();
  }

  /** The counties as a user reads them, each name with the code to write, e.g. “松川县（songchuan）、本县（county）”. */
  public String named(List<String> codes) {
    Map<String, String> names = names();
    return String.join("、", codes.stream().map(code -> names.getOrDefault(code, code) + "（" + code + "）").toList());
  }

  /** The counties the user of this request sees ({@link #visible()}) by code, with their names, in the order of {@link #names()}. */
  public Map<String, String> visibleNames() {
    Map<String, String> visible = names();
    visible.keySet().retainAll(visible());
    return visible;
  }

  /**
   * Every county of the installation by code, with its name, the home county first: a new map the caller
   * may change, of the counties read once per web request (Admin's changes apply from the next request).
   */
  public Map<String, String> names() {
    return new LinkedHashMap<>(oncePerRequest(Counties.class.getName() + ".names", () -> {
      Map<String, String> names = new LinkedHashMap<>();
      names.put(home.code(), home.name());
      asApplication(identity, () -> identity.createTenantQuery().orderByTenantId().asc().list()).forEach(tenant ->
          names.put(tenant.getId(), tenant.getName() == null ? tenant.getId() : tenant.getName()));
      return names;
    }));
  }
}

package cn.xuncha.county;

import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The engine's side of counties (issue 16 item 2): every process instance belongs to its county's
 * Camunda tenant, and the engine's tenant check ({@code tenantCheckEnabled}, on by default) shows a
 * signed-in user only the instances, tasks, jobs, variables and history of the counties they see —
 * through every REST prefix, the webapps and the Java API alike, and whatever their authorizations:
 * the office's global READ grants are checked after the tenant, so county A's office reads nothing of
 * county B. Process models are deployed once, without tenant, and shared by all counties.
 *
 * <p>An instance's county ({@link #countyOf}): a called instance's is its caller's; an instance of a
 * round (start variable {@code roundKey} of a stored round) the round's; one started by a running
 * instance (a deadline watch) that instance's; otherwise the county of the user who starts it — one
 * who sees several counties (the city office) names one in the start variable {@code county}, or is
 * refused (so is naming a county they do not see) — and the {@link HomeCounty} for work the application starts on its own. The national holiday
 * calendar's instances have no county and are seen by all.
 *
 * <p>The authenticated user's counties: the REST API and the webapps read the user's tenant
 * memberships; a command authenticated without them (the Java API) reads them here, and an account
 * member of no tenant belongs to the home county — so a single-county installation works with no
 * membership at all. Members of {@code camunda-admin} are not tenant-checked (Camunda's rule).
 */
@Component
public class CountyTenants extends AbstractProcessEnginePlugin {

  /** Start variable naming the county of an instance started by a user who sees several. */
  public static final String COUNTY = "county";
  /** Processes of the whole country, not of a county: the holiday calendar's schedule request. */
  private static final Set<String> NATIONAL = Set.of("calendar-schedule");

  private final HomeCounty home;
  private final ObjectProvider<JdbcClient> jdbc;
  private final ObjectProvider<Counties> counties;
  private final ThreadLocal<Boolean> resolving = ThreadLocal.withInitial(() -> false);
  private IdentityService identity;

  CountyTenants(HomeCounty home, ObjectProvider<JdbcClient> jdbc, ObjectProvider<Counties> counties) {
    this.home = home;
    this.jdbc = jdbc;
    this.counties = counties;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantCheckEnabled(true);
    configuration.setTenantIdProvider(new Provider());
    CommandInterceptor counties = new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        withCounties(configuration.getIdentityService());
        return next.execute(command);
      }
    };
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(counties);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    identity = configuration.getIdentityService();
  }

  /**
   * Gives the thread's authentication its counties if it came without: the user's tenants when none
   * were given (null, the Java API), the home county when the user is member of none. Stored back on
   * the thread, so the look-up happens once per authentication, not per command.
   */
  private void withCounties(IdentityService identityService) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null || resolving.get()
        || (authentication.getTenantIds() != null && !authentication.getTenantIds().isEmpty())) {
      return;
    }
    resolving.set(true);
    try {
      List<String> tenants = authentication.getTenantIds() == null ? Counties.tenantsOf(identityService, authentication.getUserId()) : List.of();
      identityService.setAuthentication(new Authentication(authentication.getUserId(), authentication.getGroupIds(),
          tenants.isEmpty() ? List.of(home.code()) : tenants));
    } finally {
      resolving.set(false);
    }
  }

  /** The county of a new instance of a shared definition; null for the national calendar. */
  private String countyOf(TenantIdProviderProcessInstanceContext instance) {
    if (NATIONAL.contains(instance.getProcessDefinition().getKey())) {
      return null;
    }
    if (instance.getSuperExecution() != null) {
      return instance.getSuperExecution().getTenantId();
    }
    Object roundKey = instance.getVariables() == null ? null : instance.getVariables().get(RoundVariables.ROUND_KEY);
    if (roundKey instanceof String key) {
      String roundCounty = jdbc.getObject().sql("select county from xc_round where business_key = ?").param(key)
          .query(String.class).optional().orElse(null);
      if (roundCounty != null) {
        return roundCounty;
      }
    }
    BpmnExecutionContext starter = Context.getBpmnExecutionContext();
    if (starter != null && starter.getExecution() != null && starter.getExecution().getTenantId() != null) {
      return starter.getExecution().getTenantId();
    }
    return starterCounty(instance);
  }

  private String starterCounty(TenantIdProviderProcessInstanceContext instance) {
    Object named = instance.getVariables() == null ? null : instance.getVariables().get(COUNTY);
    Authentication starter = identity.getCurrentAuthentication();
    List<String> counties = starter == null || starter.getTenantIds() == null || starter.getTenantIds().isEmpty()
        ? null : starter.getTenantIds();
    if (counties == null) {
      return named instanceof String county && !county.isBlank() ? county : home.code();
    }
    if (named instanceof String county && !county.isBlank()) {
      if (!counties.contains(county)) {
        throw new InvalidInputException("县的代码“" + county + "”不是您所属的县，不能为该县发起流程；您所属的县：" + named(counties));
      }
      return county;
    }
    if (counties.size() == 1) {
      return counties.get(0);
    }
    throw new InvalidInputException("您可以办理多个县的巡察工作，发起流程时请在流程变量 county 中写明所属县的代码：" + named(counties));
  }

  private String named(List<String> codes) {
    return counties.getObject().named(codes);
  }

  /** Camunda's hook: each new instance's tenant, decided by {@link #countyOf}. */
  private final class Provider implements TenantIdProvider {

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext instance) {
      return countyOf(instance);
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext instance) {
      return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext decision) {
      DelegateExecution execution = decision.getExecution();
      return execution == null ? null : execution.getTenantId();
    }
  }
}

package cn.xuncha.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.stereotype.Component;

/**
 * Installs the engine-level defences of issue 10 (items 1, 3, 4): the restricted expression
 * language ({@link RestrictedExpressionManager}, replacing the one the Spring starter's
 * {@code ProcessEngineFactoryBean} set before the plugins run) and the guard on every command a
 * signed-in user sends ({@link UserCommandGuard}), on both of the engine's command executors.
 */
@Component
class EngineGuardPlugin extends AbstractProcessEnginePlugin {

  private final BeanFactory beans;

  EngineGuardPlugin(BeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new RestrictedExpressionManager(beans));
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new UserCommandGuard(configuration::getIdentityService));
    if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequiresNew(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new UserCommandGuard(configuration::getIdentityService));
  }
}

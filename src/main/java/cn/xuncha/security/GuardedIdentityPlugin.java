package cn.xuncha.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.springframework.stereotype.Component;

/** Puts {@link GuardedIdentityProvider} in place of Camunda's database identity provider. */
@Component
class GuardedIdentityPlugin extends AbstractProcessEnginePlugin {

  private final LoginThrottle throttle;

  GuardedIdentityPlugin(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return GuardedIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new GuardedIdentityProvider(throttle);
      }
    });
  }
}

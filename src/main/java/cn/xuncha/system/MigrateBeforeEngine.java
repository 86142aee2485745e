package cn.xuncha.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.stereotype.Component;

/**
 * The application's migrations run before the engine creates its tables. Otherwise, whenever a bean
 * that needs the engine happens to be created first, Flyway finds Camunda's tables in a fresh
 * database, baselines it (baseline-on-migrate) and skips V1.
 */
@Component
class MigrateBeforeEngine extends AbstractDependsOnBeanFactoryPostProcessor {

  MigrateBeforeEngine() {
    super(ProcessEngine.class, ProcessEngineFactoryBean.class, FlywayMigrationInitializer.class);
  }
}

package cn.xuncha.archive;

import cn.xuncha.system.ChinaTime;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the records of a round are kept: the office's archive retention rule (立卷归档),
 * {@code xuncha.archive.retention-years} (default 30; 0 keeps everything for good). Camunda's history
 * is removed by its own history cleanup, per root process instance, {@link #ttlDays} after the
 * instance ended (removal-time strategy “end”). The models state the default rule, 30 years
 * ({@code camunda:historyTimeToLive="10980"}), for Modeler and for deployments made outside the
 * application; the configured rule replaces it at start-up. Cleanup runs in the night window
 * {@code xuncha.archive.cleanup-window} (Beijing time, default 01:00–05:00); every definition gets
 * the rule as its history time-to-live, deployed ones too at start-up, and when the rule changes the
 * removal times of finished instances are computed again, so a longer rule also protects records
 * already finished. The application's own records of a round (plan, units, records, papers, clues,
 * reviews — all cascading from {@code xc_round}) are removed once its round instance's history is
 * gone, never earlier: a round created more than the retention period ago whose instance the engine
 * no longer knows.
 */
@Component
public class ArchiveRetention extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(ArchiveRetention.class);
  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");
  static final String ROUND_PROCESS = "inspection-round";

  private final int years;
  private final LocalTime windowStart;
  private final LocalTime windowEnd;
  private final JdbcClient jdbc;
  private final Clock clock;

  ArchiveRetention(@Value("${xuncha.archive.retention-years:30}") int years,
      @Value("${xuncha.archive.cleanup-window:01:00-05:00}") String window, JdbcClient jdbc, Clock clock) {
    if (years < 0) {
      throw new IllegalArgumentException("xuncha.archive.retention-years（档案保管年限）不能为负数：" + years + "；0 表示永久保存");
    }
    String[] times = window.split("-");
    if (times.length != 2) {
      throw new IllegalArgumentException("xuncha.archive.cleanup-window（历史清理时段）应写作 01:00-05:00，而不是“" + window + "”");
    }
    this.years = years;
    this.windowStart = LocalTime.parse(times[0].strip());
    this.windowEnd = LocalTime.parse(times[1].strip());
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The history time-to-live, in days, for a retention of {@code years}: 366 days a year, so that a
   * record is never removed before the rule allows; null (kept for good) for 0 years.
   */
  public static Integer ttlDays(int years) {
    return years == 0 ? null : years * 366;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    Integer days = ttlDays(years);
    configuration.setHistoryTimeToLive(days == null ? null : String.valueOf(days));
    // Every model must carry a time-to-live unless records are kept for good; the default above supplies it.
    configuration.setEnforceHistoryTimeToLive(days != null);
    configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfigurationImpl.HISTORY_REMOVAL_TIME_STRATEGY_END);
    // The engine reads the window in the JVM's time zone; the office means Beijing time.
    configuration.setHistoryCleanupBatchWindowStartTime(inJvmZone(windowStart));
    configuration.setHistoryCleanupBatchWindowEndTime(inJvmZone(windowEnd));
  }

  private static String inJvmZone(LocalTime beijing) {
    return ZonedDateTime.of(LocalDate.of(2000, 1, 3), beijing, ChinaTime.ZONE).withZoneSameInstant(ZoneId.systemDefault())
        .toLocalTime().format(HOUR_MINUTE);
  }

  /**
   * Gives every deployed process and decision definition the rule's time-to-live, and when any had
   * another one, computes again the removal time of every finished root instance's history (a batch
   * the job executor runs), so that records already finished are kept as long as the rule now says.
   */
  @EventListener(ApplicationStartedEvent.class)
  void applyToDeployedDefinitions(ApplicationStartedEvent started) {
    ProcessEngine engine = started.getApplicationContext().getBean(ProcessEngine.class);
    RepositoryService repository = engine.getRepositoryService();
    Integer days = ttlDays(years);
    boolean changed = false;
    for (var definition : repository.createProcessDefinitionQuery().list()) {
      if (!java.util.Objects.equals(definition.getHistoryTimeToLive(), days)) {
        repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
        changed = true;
      }
    }
    for (var definition : repository.createDecisionDefinitionQuery().list()) {
      if (!java.util.Objects.equals(definition.getHistoryTimeToLive(), days)) {
        repository.updateDecisionDefinitionHistoryTimeToLive(definition.getId(), days);
        changed = true;
      }
    }
    HistoryService history = engine.getHistoryService();
    if (changed && history.createHistoricProcessInstanceQuery().finished().rootProcessInstances().count() > 0) {
      history.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime()
          .byQuery(history.createHistoricProcessInstanceQuery().finished().rootProcessInstances()).hierarchical().executeAsync();
      LOG.info("档案保管年限改为 {}：已办结流程的历史清除时间正在按新规则重新计算", years == 0 ? "永久" : years + " 年");
    }
  }

  /**
   * Removes the application's records of rounds whose engine history the cleanup has removed: rounds
   * created more than the retention period ago whose round instance the engine knows neither as
   * running nor in history. Runs daily after the cleanup window; returns the business keys removed.
   */
  @Scheduled(cron = "0 30 6 * * *", zone = ChinaTime.ZONE_ID)
  public List<String> removeRoundsWithoutHistory() {
    if (years == 0) {
      return List.of();
    }
    java.sql.Timestamp before = java.sql.Timestamp.from(clock.instant().atZone(ChinaTime.ZONE).minusYears(years).toInstant());
    List<String> removed = jdbc.sql("""
            select r.business_key from xc_round r where r.created_at < ?
            and not exists (select 1 from act_hi_procinst h where h.business_key_ = r.business_key and h.proc_def_key_ = ?)
            and not exists (select 1 from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
                            where e.business_key_ = r.business_key and d.key_ = ?)""")
        .params(before, ROUND_PROCESS, ROUND_PROCESS).query(String.class).list();
    removed.forEach(key -> jdbc.sql("delete from xc_round where business_key = ?").param(key).update());
    if (!removed.isEmpty()) {
      LOG.info("已按档案保管年限删除 {} 个轮次的平台记录（其流程历史已由清理任务删除）：{}", removed.size(), removed);
    }
    return removed;
  }
}

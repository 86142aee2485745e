package cn.xuncha.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PackagedApp;
import cn.xuncha.PostgresDatabase;
import cn.xuncha.RestCaller;
import cn.xuncha.faults.PreparationWork.WorkItem;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The packaged application killed with SIGKILL in the middle of a burst of task completions over
 * REST, then started again on the same PostgreSQL database: a completion either happened whole or
 * not at all. Relies on each completion (engine rows and the app's {@code xc_} rows) being one
 * transaction, which PostgreSQL rolls back when the killed process's connection drops.
 */
class ProcessKillIT {

  private static final int ROUNDS = 3;
  private static final int CLIENTS = 4;
  private static final int KILL_AFTER = 12;

  @Test
  void everyAcknowledgedCompletionIsThereExactlyOnceAfterKillAndRestart() throws Exception {
    String url = PostgresDatabase.create("process_kill_it");
    JdbcTemplate db = new JdbcTemplate(PostgresDatabase.dataSource(url));
    PackagedApp first = PackagedApp.start("process-kill-1", url, PreparationWork.promptJobExecutor("node"));
    List<String> rounds = new ArrayList<>();
    List<WorkItem> items;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      RestCaller rest = new RestCaller(first.baseUrl());
      for (int i = 0; i < ROUNDS; i++) {
        rounds.add(PreparationWork.approvedRound(rest));
      }
      items = PreparationWork.openItems(db);
      assertThat(items).hasSize(ROUNDS * 12);
      Map<String, Timestamp> timersBefore = PreparationWork.inquiryTimers(db);
      assertThat(timersBefore).hasSize(ROUNDS * 5);

      CountDownLatch enough = new CountDownLatch(KILL_AFTER);
      ConcurrentLinkedQueue<WorkItem> queue = new ConcurrentLinkedQueue<>(items);
      Map<String, Integer> attempts = new ConcurrentHashMap<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int i = 0; i < CLIENTS; i++) {
        clients.submit(() -> {
          for (WorkItem item = queue.poll(); item != null; item = queue.poll()) {
            RestCaller.Answer answer = PreparationWork.complete(rest, item);
            if (answer.ok()) {
              acknowledged.add(item.taskId());
              enough.countDown();
            } else if (answer.status() >= 500 && attempts.merge(item.taskId(), 1, Integer::sum) < 5) {
              // Parallel siblings completed at once collide on their parent execution; a client tries again, as Tasklist's user would.
              queue.add(item);
            }
          }
        });
      }
      assertThat(enough.await(3, TimeUnit.MINUTES)).as("%d completions acknowledged before the kill", KILL_AFTER).isTrue();
      first.kill();
      clients.shutdown();
      assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
      assertThat(acknowledged.size()).as("the kill came in the middle of the burst").isLessThan(items.size());

      try (PackagedApp second = PackagedApp.start("process-kill-2", url, PreparationWork.promptJobExecutor("node"))) {
        PreparationWork.assertConsistent(db, items, acknowledged);
        Map<String, Timestamp> timersAfter = PreparationWork.inquiryTimers(db);
        assertThat(timersBefore).as("surviving timers keep their due dates").containsAllEntriesOf(timersAfter);

        assertThat(PreparationWork.fireInquiryTimers(db, rounds)).isEqualTo(timersAfter.size());

        RestCaller again = new RestCaller(second.baseUrl());
        for (WorkItem item : PreparationWork.openItems(db)) {
          RestCaller.Answer answer = PreparationWork.complete(again, item);
          assertThat(answer.ok()).as(answer.body()).isTrue();
          acknowledged.add(item.taskId());
        }
        PreparationWork.assertConsistent(db, items, acknowledged);
        // A completion committed just before the kill has no acknowledgement; it must be done once, not open.
        assertThat(PreparationWork.openItems(db)).as("every task completed after the restart").isEmpty();
      }
    } finally {
      if (first.isAlive()) {
        first.close();
      }
    }
  }
}

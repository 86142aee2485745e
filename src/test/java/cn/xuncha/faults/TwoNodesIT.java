package cn.xuncha.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PackagedApp;
import cn.xuncha.PostgresDatabase;
import cn.xuncha.RestCaller;
import cn.xuncha.faults.PreparationWork.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one PostgreSQL database, each with its job executor: every task is
 * submitted to both nodes at once while both fire due timers. Relies on the engine's optimistic
 * locking (a task or job row changed by one node makes the other node's transaction roll back)
 * and on the job executors' exclusive job locks.
 */
class TwoNodesIT {

  private static final int ROUNDS = 3;
  /** The inquiry replies of these rounds stay open, so that their reminder timers fire while the other tasks are completed. */
  private static final int ROUNDS_WITH_TIMERS = 2;

  @Test
  void twoNodesCompleteEachTaskOnceAndFireEachTimerOnce() throws Exception {
    String url = PostgresDatabase.create("two_nodes_it");
    JdbcTemplate db = new JdbcTemplate(PostgresDatabase.dataSource(url));
    // One after the other: the first creates the schema and the demo accounts, the second finds them.
    try (PackagedApp a = PackagedApp.start("node-a", url, PreparationWork.promptJobExecutor("node-a"));
         PackagedApp b = PackagedApp.start("node-b", url, PreparationWork.promptJobExecutor("node-b"))) {
      RestCaller nodeA = new RestCaller(a.baseUrl());
      RestCaller nodeB = new RestCaller(b.baseUrl());
      List<String> rounds = new ArrayList<>();
      for (int i = 0; i < ROUNDS; i++) {
        rounds.add(PreparationWork.approvedRound(i % 2 == 0 ? nodeA : nodeB));
      }
      List<WorkItem> items = PreparationWork.openItems(db);
      List<String> timerRounds = rounds.subList(0, ROUNDS_WITH_TIMERS);
      List<WorkItem> raced = items.stream()
          .filter(item -> !(item.taskKey().equals("Task_AnswerInquiry") && timerRounds.contains(item.round()))).toList();

      Map<String, Integer> successes = new ConcurrentHashMap<>();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> work = new ArrayList<>();
      for (WorkItem item : raced) {
        for (RestCaller node : List.of(nodeA, nodeB)) {
          work.add(clients.submit(() -> {
            if (PreparationWork.complete(node, item).ok()) {
              successes.merge(item.taskId(), 1, Integer::sum);
              acknowledged.add(item.taskId());
            }
          }));
        }
      }
      CompletableFuture<Integer> timers = CompletableFuture.supplyAsync(() -> PreparationWork.fireInquiryTimers(db, timerRounds));
      for (Future<?> future : work) {
        future.get(3, TimeUnit.MINUTES);
      }
      clients.shutdown();
      assertThat(timers.get(3, TimeUnit.MINUTES)).isEqualTo(ROUNDS_WITH_TIMERS * 5);

      assertThat(successes.values()).as("no task completed twice").allMatch(count -> count == 1);
      // A task both nodes refused (each rolled back by the other's change) is still open; complete it now.
      for (WorkItem item : raced) {
        if (!acknowledged.contains(item.taskId())) {
          assertThat(PreparationWork.complete(nodeA, item).ok()).isTrue();
          acknowledged.add(item.taskId());
        }
      }
      PreparationWork.assertConsistent(db, items, acknowledged);
      assertThat(db.queryForObject("select count(*) from act_ru_task where task_def_key_ = 'Task_AnswerInquiry'", Long.class))
          .as("inquiry replies left open for the timers").isEqualTo(ROUNDS_WITH_TIMERS * 5L);
      List<String> watches = PreparationWork.inquiryWatches(db, timerRounds);
      assertThat(watches).as("inquiry reply watches of the rounds with timers").hasSize(ROUNDS_WITH_TIMERS * 5);
      assertThat(db.queryForList("select distinct hostname_ from act_hi_job_log where process_instance_id_ = any (?)", String.class,
          (Object) watches.toArray(String[]::new))).as("nodes that fired the timers").isSubsetOf("node-a", "node-b").isNotEmpty();
    }
  }
}

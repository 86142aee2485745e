package cn.xuncha.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PackagedApp;
import cn.xuncha.RestCaller;
import cn.xuncha.RestCaller.Answer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under the running packaged application: requests during
 * the outage fail with an answer (no hang, no stack trace), and once the database is back the
 * same process serves reads and writes again. Relies on HikariCP testing a pooled connection
 * before lending it and replacing the broken ones.
 */
class DatabaseRestartIT {

  private static final String TASK_COUNT = "/engine-rest/task/count";

  @Test
  void theApplicationRecoversFromADatabaseRestartWithoutRestartingItself(@TempDir Path data) throws Exception {
    int port = freePort();
    EmbeddedPostgres database = start(data, port);
    try (Connection connection = database.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create role xuncha login password 'xuncha'");
      statement.execute("create database database_restart_it owner xuncha encoding 'UTF8' template template0");
    }
    // A request waits this long for a connection while the database is away (HikariCP's default is 30 s).
    try (PackagedApp app = PackagedApp.start("database-restart", "jdbc:postgresql://localhost:" + port + "/database_restart_it",
        "--spring.datasource.hikari.connection-timeout=5000")) {
      RestCaller rest = new RestCaller(app.baseUrl());
      PreparationWork.approvedRound(rest);
      assertThat(rest.get("office1", TASK_COUNT).ok()).isTrue();

      database.close();
      Answer during = rest.get("office1", TASK_COUNT);
      assertThat(during.status()).as("answered, not hung or dropped: %s", during.body()).isBetween(400, 599);
      assertThat(during.body()).doesNotContain("\tat ").doesNotContain("Caused by");
      assertThat(rest.get("office1", "/overview").status()).isBetween(400, 599);

      database = start(data, port);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (!rest.get("office1", TASK_COUNT).ok()) {
        assertThat(System.nanoTime()).as("reads succeed within a minute of the database's return").isLessThan(deadline);
        PreparationWork.pause(500);
      }
      PreparationWork.approvedRound(rest);
      assertThat(rest.get("office1", "/overview").status()).isEqualTo(200);
      assertThat(app.isAlive()).isTrue();
    } finally {
      database.close();
    }
  }

  /** PostgreSQL on a fixed port and data directory, so that a second start finds the first one's data. */
  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

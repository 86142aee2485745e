package cn.xuncha;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A real PostgreSQL server, started by the build from the binaries zonky ships as a Maven artifact,
 * with the database, user and password that docker/docker-compose.yml gives the application.
 * One server per test JVM; each caller gets a database of its own.
 */
public final class PostgresDatabase {

  private static EmbeddedPostgres server;

  private PostgresDatabase() {
  }

  /** Creates a fresh database owned by the user {@code xuncha} and returns its JDBC URL. */
  public static synchronized String create(String name) {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
        execute("create role xuncha login password 'xuncha'");
      }
      execute("create database " + name + " owner xuncha encoding 'UTF8' template template0");
      return "jdbc:postgresql://localhost:" + server.getPort() + "/" + name;
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
    }
  }

  /**
   * The whole application in demo mode on the "postgres" profile, on the given database's JDBC URL,
   * with a random port and the job executor off (tests fire jobs themselves); extra arguments are
   * Spring Boot command-line properties ({@code --key=value}).
   */
  public static ConfigurableApplicationContext application(String url, String... arguments) {
    return application(url, context -> { }, arguments);
  }

  /** As {@link #application(String, String...)}, with {@code initializer} run on the context before its beans are made. */
  public static ConfigurableApplicationContext application(String url, ApplicationContextInitializer<ConfigurableApplicationContext> initializer,
                                                           String... arguments) {
    return new SpringApplicationBuilder(XunchaApplication.class).profiles("postgres").initializers(initializer).run(Stream.concat(Stream.of(
        "--XUNCHA_DB_URL=" + url, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
        "--XUNCHA_ADMIN_PASSWORD=it-admin-secret", "--xuncha.demo=true", "--server.port=0",
        "--camunda.bpm.job-execution.enabled=false"), Stream.of(arguments)).toArray(String[]::new));
  }

  /** A plain connection source to the given database as the user {@code xuncha}, outside any application. */
  public static DataSource dataSource(String url) {
    return new DriverManagerDataSource(url, "xuncha", "xuncha");
  }

  private static void execute(String sql) {
    try (Connection connection = server.getPostgresDatabase().getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the test database: " + sql, e);
    }
  }
}

package cn.xuncha.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The first-run default database keeps every commit it confirmed when its process is killed
 * ({@code kill -9}): a child JVM opens H2 by the URL {@code application.yaml} configures (its file moved
 * into a temporary directory through {@code xuncha.h2.file}), commits one row after another and prints
 * each row's number once its commit returned; after the kill, the database opened again holds every
 * printed row. H2 writes committed changes to its file in the background every {@code WRITE_DELAY}
 * milliseconds (500 by default), so without {@code WRITE_DELAY=0} in the URL the last half second of
 * confirmed work is lost (measured: 14,233 of 256,284 confirmed rows). {@link ProcessKillIT} proves the
 * same of the whole application on PostgreSQL.
 */
class H2DurabilityIT {

  /** Confirmed commits to wait for before the kill: at least a second of work on this machine. */
  private static final int CONFIRMED_BEFORE_KILL = 3_000;

  @Test
  void everyConfirmedCommitSurvivesAKill() throws Exception {
    String url = configuredUrl(Files.createTempDirectory("h2-durability-it").resolve("xuncha"));
    assertThat(url).as("the configured URL with its file moved").contains("h2-durability-it").doesNotContain("./data");
    Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url).redirectErrorStream(true).start();
    long lastConfirmed = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null && lastConfirmed < CONFIRMED_BEFORE_KILL; line = out.readLine()) {
        assertThat(line).as("the writer's output").startsWith("committed ");
        lastConfirmed = Long.parseLong(line.substring("committed ".length()));
      }
      writer.destroyForcibly().waitFor();
    }
    assertThat(lastConfirmed).as("rows confirmed before the kill").isGreaterThanOrEqualTo(CONFIRMED_BEFORE_KILL);

    try (Connection connection = DriverManager.getConnection(url, "sa", "");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("select count(*), max(n) from durability")) {
      rows.next();
      assertThat(rows.getLong(2)).as("the last row confirmed before the kill is there").isGreaterThanOrEqualTo(lastConfirmed);
      assertThat(rows.getLong(1)).as("no row missing before it").isEqualTo(rows.getLong(2) + 1);
    }
  }

  /** {@code spring.datasource.url} of {@code application.yaml}, its placeholders resolved with the H2 file at {@code file}. */
  private static String configuredUrl(Path file) throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    List<org.springframework.core.env.PropertySource<?>> yaml =
        new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
    environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("xuncha.h2.file", file.toString())));
    yaml.forEach(environment.getPropertySources()::addLast);
    return environment.getRequiredProperty("spring.datasource.url");
  }

  /** The child process: commits rows 0, 1, 2 … into the database at {@code args[0]}, printing each number after its commit. */
  public static final class Writer {

    public static void main(String[] args) throws Exception {
      try (Connection connection = DriverManager.getConnection(args[0], "sa", "");
           Statement statement = connection.createStatement()) {
        statement.execute("create table durability (n bigint primary key)");
        for (long n = 0; ; n++) {
          statement.execute("insert into durability values (" + n + ")");
          System.out.println("committed " + n);
          System.out.flush();
        }
      }
    }
  }
}

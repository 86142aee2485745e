package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the compose file is checked against what the
 * application reads: every variable it sets is read, every variable the application reads is set,
 * and the database is the one the PostgreSQL tests use.
 */
class DockerComposeTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void appServiceSetsExactlyTheVariablesTheApplicationReads() throws IOException {
    Map<String, Object> environment = appEnvironment();
    Set<String> set = new TreeSet<>(environment.keySet());
    set.remove("SPRING_PROFILES_ACTIVE");

    assertThat(set).isEqualTo(variablesTheApplicationReads());
    assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("postgres");
    assertThat(RESOURCES.resolve("application-postgres.yaml")).exists();
  }

  @Test
  void databaseMatchesTheProfileDefaultsAndTheTestedPostgresVersion() throws IOException {
    Map<String, Object> postgres = service("postgres");
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) postgres.get("environment");
    String profile = Files.readString(RESOURCES.resolve("application-postgres.yaml"));

    assertThat(profile).contains("${XUNCHA_DB_URL:jdbc:postgresql://localhost:5432/" + env.get("POSTGRES_DB") + "}");
    assertThat(profile).contains("${XUNCHA_DB_USER:" + env.get("POSTGRES_USER") + "}");
    assertThat(appEnvironment().get("XUNCHA_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + env.get("POSTGRES_DB"));
    String image = (String) postgres.get("image");
    Matcher binaries = Pattern.compile("<postgres.binaries.version>(\\d+)\\.").matcher(Files.readString(Path.of("pom.xml")));
    assertThat(binaries.find()).isTrue();
    assertThat(image).isEqualTo("postgres:" + binaries.group(1));
  }

  private static Set<String> variablesTheApplicationReads() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(RESOURCES)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> appEnvironment() throws IOException {
    return (Map<String, Object>) service("xuncha").get("environment");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/docker-compose.yml")));
    return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
  }
}

package cn.xuncha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/**
 * The application as operators run it: the packaged jar ({@code ./mvnw package}) unpacked and started
 * with its class data sharing archive, as the Dockerfile does ({@code docker/class-data-sharing.sh}),
 * in a JVM of its own, on PostgreSQL with the demo accounts, so that tests can kill it with SIGKILL,
 * restart it, run two of it on one database and read its memory and CPU time from {@code /proc}. Its
 * output goes to {@code target/packaged-app/<name>.log}.
 */
public final class PackagedApp implements AutoCloseable {

  /** Generous: start-up took up to a minute on a loaded 2-core machine (issue 16). */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  /**
   * Small heap and serial GC: several of these JVMs share a 2-core machine with the build. Only the
   * quick JIT compiler, as in the Docker image.
   */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8");
  /** How the JVM is started, for reports. */
  public static final String COMMAND = "java " + String.join(" ", JVM_OPTIONS)
      + " -XX:SharedArchiveFile=app.jsa -jar app.jar, the jar unpacked and its class data sharing archive recorded"
      + " by docker/class-data-sharing.sh";
  /** Linux's clock ticks per second in {@code /proc/<pid>/stat} ({@code getconf CLK_TCK}). */
  private static final int CLOCK_TICKS = 100;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String name;
  private final Process process;
  private final int port;
  private Duration startUp;
  private Duration startUpCpu;

  private PackagedApp(String name, Process process, int port) {
    this.name = name;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the jar on the database {@code jdbcUrl} (user and password {@code xuncha}) and waits
   * until {@code /actuator/health} answers UP. {@code extraArgs} are further Spring properties
   * ({@code --key=value}). Fails if the process exits or is not healthy within four minutes, and
   * if the class data sharing archive cannot be used ({@code -Xshare:on}).
   */
  public static PackagedApp start(String name, String jdbcUrl, String... extraArgs) {
    Path unpacked = unpacked();
    int port = freePort();
    Path log = Path.of("target", "packaged-app", name + ".log");
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + unpacked.resolve("app.jsa"), "-jar", unpacked.resolve("app.jar").toString(),
        "--spring.profiles.active=postgres",
        "--XUNCHA_DB_URL=" + jdbcUrl, "--XUNCHA_DB_USER=xuncha", "--XUNCHA_DB_PASSWORD=xuncha",
        "--XUNCHA_ADMIN_PASSWORD=packaged-admin-secret", "--XUNCHA_SECURE_COOKIES=false",
        "--xuncha.demo=true", "--server.port=" + port,
        "--xuncha.calendar.dir=" + Path.of("target", "packaged-app", name + "-calendar").toAbsolutePath()));
    command.addAll(List.of(extraArgs));
    try {
      Files.createDirectories(log.getParent());
      long started = System.nanoTime();
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      PackagedApp app = new PackagedApp(name, process, port);
      app.awaitHealthy();
      app.startUp = Duration.ofNanos(System.nanoTime() - started);
      app.startUpCpu = app.cpuTime();
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the packaged application", e);
    }
  }

  /** The packaged jar of this build; {@code verify} runs after {@code package}, so it exists there. */
  public static Path jar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(file -> file.getFileName().toString().matches("xuncha-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/xuncha-*.jar: run ./mvnw package first"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The jar of this build unpacked into {@code target/packaged-app/unpacked} (an absolute path) with
   * its class data sharing archive {@code app.jsa}, made by the same commands as in the Dockerfile
   * (the training run's output goes to {@code target/packaged-app/class-data-sharing.log}); made again
   * when the jar is newer than the archive, so once per build.
   */
  private static synchronized Path unpacked() {
    Path jar = jar();
    Path unpacked = Path.of("target", "packaged-app", "unpacked").toAbsolutePath();
    Path archive = unpacked.resolve("app.jsa");
    try {
      if (Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
        return unpacked;
      }
      FileSystemUtils.deleteRecursively(unpacked);
      Files.createDirectories(unpacked.getParent());
      Path log = unpacked.resolveSibling("class-data-sharing.log");
      Files.deleteIfExists(log);
      run(log, java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", unpacked.toString(),
          "--application-filename", "app.jar");
      List<String> training = new ArrayList<>(List.of("sh", Path.of("docker", "class-data-sharing.sh").toString(), unpacked.toString()));
      training.addAll(JVM_OPTIONS);
      run(log, training.toArray(String[]::new));
      return unpacked;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + jar, e);
    }
  }

  private static void run(Path log, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    try {
      Process process = builder.start();
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end within 15 minutes; see " + log);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed with " + process.exitValue() + "; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up; see its log");
      }
      if (healthy()) {
        return;
      }
      sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException(name + " was not healthy within " + START_TIMEOUT + "; see its log");
  }

  /** Whether {@code /actuator/health} answers 200 UP now. */
  public boolean healthy() {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("UP");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** From the launch of the JVM to the first healthy answer. */
  public Duration startUp() {
    return startUp;
  }

  /**
   * CPU time (user + system, all threads) the JVM had used when it first answered healthy: unlike
   * {@link #startUp()}, hardly affected by other load on the machine.
   */
  public Duration startUpCpu() {
    return startUpCpu;
  }

  /** CPU time the process has used so far ({@code utime + stime} of {@code /proc/<pid>/stat}, Linux only). */
  private Duration cpuTime() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces: utime is the 14th field.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return Duration.ofMillis(ticks * 1000 / CLOCK_TICKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resident memory of the JVM in kB ({@code VmRSS} of {@code /proc/<pid>/status}, Linux only). */
  public long residentKilobytes() {
    try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
          .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no graceful close of anything. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** A normal stop (SIGTERM), forced after 30 seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    waitForExit();
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

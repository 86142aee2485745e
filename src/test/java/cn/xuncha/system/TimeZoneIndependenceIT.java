package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same database, started once by a JVM whose default zone is UTC and once by one in
 * Asia/Shanghai ({@code -Duser.timezone}, each a JVM of its own running {@link TimeZoneProbe}):
 * timers, due dates, timestamps in the application's records and the deadline as /overview shows
 * it are the same instants, and the entry-day timer is due at 00:00 of the entry day, Beijing time.
 */
class TimeZoneIndependenceIT {

  @Test
  void deadlinesAndRecordsAreTheSameInstantsWhateverTheJvmsZone() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "time-zone-it", String.valueOf(System.nanoTime()))).toAbsolutePath();
    String url = "jdbc:h2:file:" + dir.resolve("xuncha") + ";AUTO_SERVER=FALSE";

    Properties utc = probe("UTC", dir, "write", url);
    Properties shanghai = probe("Asia/Shanghai", dir, "read", url, utc.getProperty("processInstanceId"));

    assertThat(utc.getProperty("jvmZoneAtStart")).isEqualTo("UTC");
    assertThat(shanghai.getProperty("jvmZoneAtStart")).isEqualTo("Asia/Shanghai");
    for (String value : List.of("taskDue", "taskDueShown", "taskCreated", "entryTimer", "literalTimer", "instanceStarted",
        "recordRequestedAt", "entryTimerDueAtEveBeforeEntry", "entryTimerDueAtEntry")) {
      assertThat(shanghai.getProperty(value)).as(value + " read in Asia/Shanghai as written in UTC").isEqualTo(utc.getProperty(value));
    }
    // Monday 2022-04-18; Sunday 04-24 worked, 04-30..05-04 off (2022 notice): the 10th working day is Friday 04-29
    assertThat(utc.getProperty("taskDue")).isEqualTo(millis("2022-04-29T23:59:59.999+08:00"));
    assertThat(utc.getProperty("taskDueShown")).isEqualTo("2022-04-29 23:59");
    assertThat(utc.getProperty("taskCreated")).isEqualTo(millis("2022-04-18T10:00:00+08:00"));
    assertThat(utc.getProperty("recordRequestedAt")).isEqualTo(millis("2022-04-18T10:00:00+08:00"));
    assertThat(utc.getProperty("entryTimer")).isEqualTo(millis("2022-04-21T00:00:00+08:00"));
    assertThat(utc.getProperty("literalTimer")).as("a timeDate without offset is Beijing time").isEqualTo(millis("2022-04-21T09:00:00+08:00"));
    assertThat(shanghai.getProperty("entryTimerDueAtEveBeforeEntry")).isEqualTo("0");
    assertThat(shanghai.getProperty("entryTimerDueAtEntry")).isEqualTo("1");
  }

  private static Properties probe(String zone, Path dir, String... args) throws IOException, InterruptedException {
    Path out = dir.resolve(args[0] + ".properties");
    Path log = dir.resolve(args[0] + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.timezone=" + zone, "-Dfile.encoding=UTF-8", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), TimeZoneProbe.class.getName(), args[0], args[1], out.toString(),
        dir.resolve("calendar").toString()));
    command.addAll(List.of(args).subList(2, args.length));
    // run outside the project: the class path may name the working directory, whose processes/ would be deployed twice
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("probe in " + zone + " finished, see " + log).isTrue();
    assertThat(process.exitValue()).as("probe in " + zone + " succeeded, see " + log).isZero();
    Properties found = new Properties();
    try (InputStream in = Files.newInputStream(out)) {
      found.load(in);
    }
    return found;
  }

  private static String millis(String instant) {
    return String.valueOf(OffsetDateTime.parse(instant).toInstant().toEpochMilli());
  }
}

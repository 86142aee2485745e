package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;

/**
 * Every flow node of every process in {@code processes/} is reached by some process test. Runs
 * after the fast tests, whose coverage reports ({@code target/process-test-coverage/<class>/report.json})
 * it adds up; writes the totals to {@code target/process-test-coverage/summary.txt}.
 */
class ProcessCoverageIT {

  private static final Path REPORTS = Path.of("target", "process-test-coverage");

  @Test
  void everyFlowNodeOfEveryProcessIsCoveredByTheProcessTests() throws IOException {
    Map<String, Set<String>> covered = coveredNodes();
    Map<String, Set<String>> missing = new TreeMap<>();
    List<String> summary = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("processes"))) {
      for (Path file : files.filter(path -> path.toString().endsWith(".bpmn")).sorted().toList()) {
        var model = Bpmn.readModelFromFile(file.toFile());
        for (var process : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)) {
          Set<String> nodes = new TreeSet<>();
          model.getModelElementsByType(FlowNode.class).forEach(node -> nodes.add(node.getId()));
          Set<String> notCovered = new TreeSet<>(nodes);
          notCovered.removeAll(covered.getOrDefault(process.getId(), Set.of()));
          summary.add(String.format("%-22s %3d of %3d flow nodes covered", process.getId(), nodes.size() - notCovered.size(), nodes.size()));
          if (!notCovered.isEmpty()) {
            missing.put(process.getId(), notCovered);
          }
        }
      }
    }
    Files.write(REPORTS.resolve("summary.txt"), summary);
    summary.forEach(System.out::println);
    assertThat(missing).as("flow nodes no process test reaches").isEmpty();
  }

  private static Map<String, Set<String>> coveredNodes() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> covered = new TreeMap<>();
    try (Stream<Path> reports = Files.walk(REPORTS)) {
      for (Path report : reports.filter(path -> path.getFileName().toString().equals("report.json")).toList()) {
        for (JsonNode suite : json.readTree(report.toFile()).path("suites")) {
          for (JsonNode run : suite.path("runs")) {
            for (JsonNode event : run.path("events")) {
              if ("FLOW_NODE".equals(event.path("source").asText())) {
                covered.computeIfAbsent(event.path("modelKey").asText(), key -> new TreeSet<>()).add(event.path("definitionKey").asText());
              }
            }
          }
        }
      }
    }
    assertThat(covered).as("coverage reports of the process tests under " + REPORTS).isNotEmpty();
    return covered;
  }
}

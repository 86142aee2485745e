package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.XunchaSpringTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;

/** A deadline the deployed models name cannot leave the table: the start refuses, naming who uses it. */
@XunchaSpringTest
class DeadlineReferencesTest {

  @Autowired
  RepositoryService repository;
  @Autowired
  Deadlines shipped;

  @Test
  void theShippedTableHoldsEveryDeadlineTheModelsName() {
    assertThatCode(() -> new DeadlineReferences(repository, shipped).checkDeployedModels()).doesNotThrowAnyException();
  }

  @Test
  void aRenamedDeadlineStopsTheStartNamingTheProcessAndTheActivity() throws IOException {
    String table = Files.readString(Path.of("processes/deadlines.yaml")).replace("\nD7:", "\nD7x:");
    Deadlines renamed = new Deadlines(null, new ByteArrayResource(table.getBytes(StandardCharsets.UTF_8), "deadlines.yaml") {
      @Override
      public String getFilename() {
        return "deadlines.yaml";
      }
    });

    assertThatThrownBy(() -> new DeadlineReferences(repository, renamed).checkDeployedModels())
        .isInstanceOf(DeadlineTable.InvalidTableException.class)
        .hasMessageContaining("制定方案").hasMessageContaining("step-04-team-plan")
        .hasMessageContaining("“制定巡察组工作方案”（Task_DraftTeamPlan）引用的期限“D7”")
        .hasMessageNotContaining("D2”");
  }
}

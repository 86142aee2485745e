package cn.xuncha.clue;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every deployment that holds the decision {@value ClueRoutingTable#DECISION} — whoever makes it: the
 * application's start-up, the office's page, an administrator through the engine's REST or Java API —
 * must hold exactly the clue-routing table ({@link ClueRoutingTable#problems}); otherwise the whole
 * deployment is refused with the problems in Chinese (an {@link InvalidInputException}, 400) and nothing
 * is deployed. Without this an administrator could deploy a table whose receiver is an expression, or
 * whose shape the clue step cannot read, and every later clue would fail at its transfer.
 *
 * <p>Mechanism: a Camunda pre-deployer ({@code customPreDeployers}) runs inside the deployment command
 * before the engine's own deployers; it looks only at new deployments ({@link DeploymentEntity#isNew}),
 * not at deployments the engine loads again into its cache. A resource that is not readable DMN is left
 * to the engine's DMN deployer, which refuses it itself.
 */
@Component
public class ClueRoutingDeployments extends AbstractProcessEnginePlugin {

  private final ObjectProvider<Deadlines> deadlines;

  ClueRoutingDeployments(ObjectProvider<Deadlines> deadlines) {
    this.deadlines = deadlines;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreDeployers() == null) {
      configuration.setCustomPreDeployers(new ArrayList<>());
    }
    configuration.getCustomPreDeployers().add(new Check());
  }

  private final class Check implements Deployer {

    @Override
    public void deploy(DeploymentEntity deployment) {
      if (!deployment.isNew() || deployment.getResources() == null) {
        return;
      }
      for (ResourceEntity resource : deployment.getResources().values()) {
        DmnModelInstance model = routingTable(resource);
        if (model != null) {
          List<String> problems = ClueRoutingTable.problems(model, Set.copyOf(ClueRoutingTable.replyPeriods(deadlines.getObject())));
          if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.stream().map(problem -> "问题线索移交规则 " + resource.getName() + "：" + problem).toList());
          }
        }
      }
    }
  }

  /** The DMN model of {@code resource} when it is DMN holding a decision with the routing table's key; null otherwise. */
  private static DmnModelInstance routingTable(ResourceEntity resource) {
    String name = resource.getName() == null ? "" : resource.getName();
    if (!(name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) || resource.getBytes() == null) {
      return null;
    }
    try {
      DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
      boolean routing = model.getModelElementsByType(Decision.class).stream()
          .anyMatch(decision -> ClueRoutingTable.DECISION.equals(decision.getId()));
      return routing ? model : null;
    } catch (ModelException unreadable) {
      return null;
    }
  }
}

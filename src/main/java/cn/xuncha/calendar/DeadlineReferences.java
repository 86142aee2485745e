package cn.xuncha.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, every deadline a deployed process can still reach must be in the deadline table:
 * that of the latest version of each process (what new instances start) and that of every older
 * version a running instance still follows. Otherwise the engine would parse such a model only when
 * a task needs it, and every task list holding such a task would fail. A missing deadline stops the
 * start with a Chinese message naming the process, its version and the activity
 * ({@link DeadlineTableFailureAnalyzer}), like any other mistake in the table.
 *
 * <p>Older versions without running instances are not parsed: new instances start on the latest
 * version, and only the running ones follow an older one. So the start-up cost grows with the
 * deployed versions (a count query for each older one) and the versions running instances follow,
 * never with the finished instances.
 */
@Component
class DeadlineReferences {

  /** The extension property that names an activity's deadline (cn.xuncha.escalation.DeadlineWatch). */
  private static final String PROPERTY = cn.xuncha.escalation.DeadlineWatch.PROPERTY;
  private static final String CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS.getNamespaceUri();
  /** Stored models are the application's own deployments; no external entities or DTDs are read anyway. */
  private static final XMLInputFactory XML = xmlInputFactory();

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final Deadlines deadlines;

  DeadlineReferences(RepositoryService repository, RuntimeService runtime, Deadlines deadlines) {
    this.repository = repository;
    this.runtime = runtime;
    this.deadlines = deadlines;
  }

  @EventListener(ApplicationStartedEvent.class)
  void checkDeployedModels() {
    List<String> missing = new ArrayList<>();
    for (ProcessDefinition definition : reachable()) {
      for (Reference reference : references(definition)) {
        // ${variable}: the id is chosen per instance and checked where it is chosen and when the activity starts
        if (!reference.deadline().startsWith("${") && !deadlines.defines(reference.deadline())) {
          missing.add("流程“" + definition.getName() + "”（" + definition.getKey() + " 第 " + definition.getVersion() + " 版）的“"
              + reference.activityName() + "”（" + reference.activityId() + "）引用的期限“" + reference.deadline() + "”");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new DeadlineTable.InvalidTableException("（processes/deadlines.yaml）中没有" + String.join("；", missing)
          + "。已部署的流程（包括在办实例所用的旧版本）仍在使用这些期限，不能删除或改名");
    }
  }

  /** A {@code deadline} property of an activity: {@code <activity><extensionElements><camunda:properties><camunda:property>}. */
  private record Reference(String activityId, String activityName, String deadline) {
  }

  /**
   * The deadline properties in the definition's process, read from its stored XML with a streaming
   * reader: neither the model API (a schema-validated DOM per model) nor the engine's deployment cache,
   * which would parse every process of the deployment at start-up instead of at its first use.
   */
  private List<Reference> references(ProcessDefinition definition) {
    List<Reference> found = new ArrayList<>();
    try (InputStream xml = repository.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      XMLStreamReader reader = XML.createXMLStreamReader(xml);
      Deque<String[]> open = new ArrayDeque<>();
      int processDepth = -1;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String id = reader.getAttributeValue(null, "id");
          open.push(new String[] {id, reader.getAttributeValue(null, "name")});
          if (processDepth < 0 && "process".equals(reader.getLocalName()) && definition.getKey().equals(id)) {
            processDepth = open.size();
          }
          if (processDepth > 0 && "property".equals(reader.getLocalName()) && CAMUNDA.equals(reader.getNamespaceURI())
              && PROPERTY.equals(reader.getAttributeValue(null, "name")) && open.size() >= 4) {
            String[] activity = open.stream().skip(3).findFirst().orElseThrow();
            found.add(new Reference(activity[0], activity[1], reader.getAttributeValue(null, "value")));
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (open.size() == processDepth) {
            processDepth = -1;
          }
          open.pop();
        }
      }
      reader.close();
    } catch (IOException | XMLStreamException e) {
      throw new IllegalStateException("cannot read the model of " + definition.getId(), e);
    }
    return found;
  }

  private static XMLInputFactory xmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }

  /** The latest version of every process, and the older versions that running instances follow. */
  private List<ProcessDefinition> reachable() {
    Set<String> latest = repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getId).collect(Collectors.toSet());
    return repository.createProcessDefinitionQuery().orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list()
        .stream().filter(definition -> latest.contains(definition.getId())
            || runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count() > 0)
        .toList();
  }
}

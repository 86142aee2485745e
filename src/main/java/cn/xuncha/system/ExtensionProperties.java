package cn.xuncha.system;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Reads a BPMN element's Camunda extension properties while the engine parses a deployment
 * ({@code <bpmn:extensionElements><camunda:properties><camunda:property name="…" value="…"/>}), the
 * way the application's parse listeners take their settings from a diagram (a process's
 * {@code accessGroups}, an activity's {@code deadline}); Modeler edits them in the properties panel.
 */
public final class ExtensionProperties {

  private ExtensionProperties() {
  }

  /** The value of the element's first extension property called {@code name}, or null when it has none. */
  public static String of(Element element, String name) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return null;
    }
    return properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream()
        .filter(property -> name.equals(property.attribute("name")))
        .map(property -> property.attribute("value"))
        .findFirst().orElse(null);
  }
}

package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Camunda Modeler offers the element templates of {@code processes/.camunda/element-templates/}
 * by name, so analysts pick delegates instead of typing bean names: every service task's
 * delegate needs a template, and every template must call a delegate bean the application has.
 */
class ElementTemplatesTest {

  private static final String CAMUNDA_7_SCHEMA =
      "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final Path PROCESSES = Path.of("processes");
  private static final Path TEMPLATES = PROCESSES.resolve(".camunda/element-templates");
  private static final Pattern ONE_BEAN = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** A Hidden property bound to camunda:delegateExpression, as one template declares it. */
  record Template(String file, String id, String name, String schema, List<String> appliesTo,
                  List<String> delegateExpressions) {
  }

  @Test
  void everyServiceTaskDelegateHasATemplate() throws Exception {
    Map<String, String> delegates = serviceTaskDelegates();
    Set<String> templated = templates().stream()
        .flatMap(template -> template.delegateExpressions().stream())
        .collect(Collectors.toSet());

    assertThat(delegates).as("service tasks with a delegate expression in processes/").isNotEmpty();
    delegates.forEach((expression, task) -> {
      assertThat(ONE_BEAN.matcher(expression).matches())
          .as("%s: delegate expression %s must name one bean, as ${beanName}", task, expression)
          .isTrue();
      assertThat(templated)
          .as("%s calls %s: add an element template for it to %s", task, expression, TEMPLATES)
          .contains(expression);
    });
  }

  @Test
  void everyTemplateIsACamunda7ServiceTaskTemplateThatSetsOneDelegateExpression() throws IOException {
    List<Template> templates = templates();

    assertThat(templates).as("templates in %s", TEMPLATES).isNotEmpty();
    for (Template template : templates) {
      String where = template.file() + " " + template.id();
      assertThat(template.schema()).as("%s: $schema (the Camunda 7 one, or Modeler hides it in Camunda 7 diagrams)", where)
          .isEqualTo(CAMUNDA_7_SCHEMA);
      assertThat(template.id()).as("%s: id", template.file()).isNotBlank();
      assertThat(template.name()).as("%s: name, shown to analysts", where).isNotBlank();
      assertThat(template.appliesTo()).as("%s: appliesTo", where).containsExactly("bpmn:ServiceTask");
      assertThat(template.delegateExpressions())
          .as("%s: Hidden properties bound to camunda:delegateExpression", where)
          .hasSize(1)
          .allSatisfy(expression -> assertThat(expression).matches(ONE_BEAN));
    }
    assertThat(templates.stream().map(Template::id))
        .as("template ids in %s", TEMPLATES)
        .doesNotHaveDuplicates();
  }

  @Test
  void everyTemplateCallsADelegateBeanOfTheApplication() throws Exception {
    Map<String, Class<?>> beans = applicationBeans();

    for (Template template : templates()) {
      for (String expression : template.delegateExpressions()) {
        Matcher bean = ONE_BEAN.matcher(expression);
        assertThat(bean.matches()).as("%s: %s names one bean", template.file(), expression).isTrue();
        assertThat(beans)
            .as("%s: %s needs a @Component(\"%s\") in src/main/java", template.file(), expression, bean.group(1))
            .containsKey(bean.group(1));
        assertThat(beans.get(bean.group(1)))
            .as("%s: bean %s runs as a service task, so it must be a JavaDelegate", template.file(), bean.group(1))
            .isAssignableTo(JavaDelegate.class);
      }
    }
  }

  /** Delegate expression → "file#task id" of the first service task that uses it. */
  private static Map<String, String> serviceTaskDelegates() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Map<String, String> delegates = new TreeMap<>();
    for (Path file : files(PROCESSES, ".bpmn")) {
      NodeList tasks = factory.newDocumentBuilder().parse(file.toFile())
          .getElementsByTagNameNS(BPMN_NS, "serviceTask");
      for (int i = 0; i < tasks.getLength(); i++) {
        Element task = (Element) tasks.item(i);
        String expression = task.getAttributeNS(CAMUNDA_NS, "delegateExpression");
        if (!expression.isEmpty()) {
          delegates.putIfAbsent(expression, file + "#" + task.getAttribute("id"));
        }
      }
    }
    return delegates;
  }

  private static List<Template> templates() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Template> templates = new ArrayList<>();
    for (Path file : files(TEMPLATES, ".json")) {
      JsonNode root = json.readTree(file.toFile());
      for (JsonNode template : root.isArray() ? root : List.of(root)) {
        List<String> appliesTo = new ArrayList<>();
        template.path("appliesTo").forEach(type -> appliesTo.add(type.asText()));
        List<String> delegateExpressions = new ArrayList<>();
        for (JsonNode property : template.path("properties")) {
          JsonNode binding = property.path("binding");
          if ("Hidden".equals(property.path("type").asText())
              && "property".equals(binding.path("type").asText())
              && "camunda:delegateExpression".equals(binding.path("name").asText())) {
            delegateExpressions.add(property.path("value").asText());
          }
        }
        templates.add(new Template(file.toString(), template.path("id").asText(),
            template.path("name").asText(), template.path("$schema").asText(), appliesTo, delegateExpressions));
      }
    }
    return templates;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Bean name → class of every component that component scanning finds in the main code. */
  private static Map<String, Class<?>> applicationBeans() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
    AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
    SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
    URL mainClasses = location(XunchaApplication.class);
    Map<String, Class<?>> beans = new TreeMap<>();
    for (BeanDefinition definition : scanner.findCandidateComponents(XunchaApplication.class.getPackageName())) {
      Class<?> type = Class.forName(definition.getBeanClassName(), false, ElementTemplatesTest.class.getClassLoader());
      // Test classes share the package; a component only they declare is no bean of the application.
      if (location(type).equals(mainClasses)) {
        beans.put(names.generateBeanName(definition, registry), type);
      }
    }
    return beans;
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}

package cn.xuncha.clue;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.system.Departments;
import cn.xuncha.system.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clue-routing table (decision {@code clue-routing}, 办法 第十九条) as the office keeps it: which
 * receivers get a clue of each kind (one or more; each receiver handles and answers on its own) and
 * within which reply period — the id of a deadline of the deadline table that counts from the
 * transfer ({@code transferredOn}), e.g. D6, one month (办法 第十九条). The office publishes a new version from a page; new clues are
 * routed by the latest version (the BPMN binds the decision {@code latest}), transfers already under
 * way keep the receiver they were given. Who published which version, for which county and when, is
 * kept in {@code xc_clue_routing_change}; versions deployed with the application show as such.
 *
 * <p>Each county keeps its own table (issue 16 item 2): an office publishes for its county only, as a
 * deployment of the county's Camunda tenant, which the engine's tenant check hides from every other
 * county. A county that never published one routes by the installation's default — the decision
 * deployed without tenant ({@code processes/clue-routing.dmn}, or a version published before counties
 * had their own). The clue step names the tenant to resolve the decision in
 * ({@code camunda:decisionRefTenantId}, {@link #routingTenant}): Camunda resolves a decision of a shared
 * process definition without tenant unless told otherwise, and does not fall back to the shared
 * decision when the named tenant has none — hence the county, or null for the default.
 *
 * <p>The office never uploads a model: the table is built here from one choice per kind, and any
 * table, built here or in any deployment ({@link ClueRoutingDeployments}), is checked by {@link #problems} to be exactly this
 * decision — key {@code clue-routing}, hit policy COLLECT, one input {@code clueKind}, the outputs
 * {@code receiver} and {@code replyDeadline}, at least one rule per kind, each with a quoted kind as
 * input entry, as receiver a quoted department group or one of the variables
 * {@link #RECEIVER_VARIABLES}, as reply deadline a quoted id of a reply period, no receiver twice for
 * a kind — so that it cannot carry an expression, a script or another decision. General deployment stays with administrators.
 */
@Service
public class ClueRoutingTable {

  public static final String DECISION = "clue-routing";
  /** Receivers that are not a department: resolved per clue from the process's variables. */
  public static final Map<String, String> RECEIVER_VARIABLES = orderedVariables();
  /**
   * The one kind each per-clue receiver serves: only a work problem goes to the inspected unit itself
   * (办法 第十九条), and only a clue of kind other names its department in the report.
   */
  static final Map<String, String> VARIABLE_KIND = Map.of("unitGroup", "work", "namedDepartment", "other");

  static final String DEPLOYMENT = "巡察办修改问题线索移交规则";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClueRoutingTable.class);
  private static final Pattern QUOTED = Pattern.compile("^\"([A-Za-z0-9_-]{1,64})\"$");

  /** What a reply period counts from: the transfer (clue-transfer's variable). */
  static final String REPLY_FROM = "transferredOn";

  private final RepositoryService repository;
  private final Departments departments;
  private final Deadlines deadlines;
  private final JdbcClient jdbc;
  private final Clock clock;

  ClueRoutingTable(RepositoryService repository, Departments departments, Deadlines deadlines, JdbcClient jdbc, Clock clock) {
    this.repository = repository;
    this.departments = departments;
    this.deadlines = deadlines;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One receiver of a kind of clue and its reply period (a deadline id). */
  public record Route(String receiver, String replyDeadline) {
  }

  private static Map<String, String> orderedVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("unitGroup", "被巡察单位党组织");
    variables.put("namedDepartment", "报告中指定的相关部门");
    return java.util.Collections.unmodifiableMap(variables);
  }

  /**
   * One published version: its number (counted per county, and separately for the default), the county it is
   * for (null: the installation's default, used by every county without its own), who published it (null:
   * deployed with the application) and when, its receivers per kind.
   */
  public record Version(int version, String county, String publishedBy, Instant publishedAt, Map<String, List<Route>> routes) {

    /** Who published it as a page shows it: the account, or “随程序部署”. */
    public String publisher() {
      return publishedBy == null ? "随程序部署" : publishedBy;
    }

    /** When, in Beijing time (empty for a version deployed with the application). */
    public String publishedAtText() {
      return publishedAt == null ? "" : cn.xuncha.system.ChinaTime.format(java.util.Date.from(publishedAt));
    }
  }

  /** The version new clues of {@code county} are routed by: the county's latest, else the default's latest. */
  public Version current(String county) {
    return version(own(county).orElseGet(this::defaultTable));
  }

  /** Every version {@code county} has published, newest first, then every version of the default, newest first. */
  public List<Version> history(String county) {
    return java.util.stream.Stream.concat(
            repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).tenantIdIn(county).orderByDecisionDefinitionVersion().desc().list().stream(),
            repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).withoutTenantId().orderByDecisionDefinitionVersion().desc().list().stream())
        .map(this::version).toList();
  }

  /**
   * The tenant the clue step resolves the decision in for a clue of {@code county} (the process instance's
   * tenant): the county when it has published its own table, null — the decision deployed without tenant —
   * otherwise, and for an instance without county.
   */
  public String routingTenant(String county) {
    return county != null && own(county).isPresent() ? county : null;
  }

  private Optional<DecisionDefinition> own(String county) {
    return Optional.ofNullable(repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).tenantIdIn(county)
        .latestVersion().singleResult());
  }

  private DecisionDefinition defaultTable() {
    return repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).withoutTenantId().latestVersion().singleResult();
  }

  /** The reply periods a receiver may be given, as deadline id → “名称（1个月内）”, in the order of the deadline table. */
  public Map<String, String> replyDeadlineChoices() {
    Map<String, String> choices = new LinkedHashMap<>();
    replyPeriods(deadlines).forEach(id -> choices.put(id, id + " " + deadlines.within(id)));
    return choices;
  }

  /** The ids of the deadlines a reply period may be: those of the deadline table counted from the transfer. */
  static List<String> replyPeriods(Deadlines deadlines) {
    return deadlines.countingFrom(REPLY_FROM).stream().map(cn.xuncha.calendar.DeadlineTable.Entry::id).toList();
  }

  /** Who may receive a clue, as value → Chinese name: the two per-clue receivers, then every department group. */
  public Map<String, String> receiverChoices() {
    Map<String, String> choices = new LinkedHashMap<>(RECEIVER_VARIABLES);
    departments.options().forEach(option -> choices.put(option.get("value"), option.get("label")));
    return choices;
  }

  /**
   * Publishes a new version of {@code county}'s table (deployed for its tenant) with {@code routes} (kind → its
   * receivers with their reply periods, at least one for each kind of {@link ClueService#KINDS}) as
   * {@code actor}; whether the actor may publish for that county is the caller's check. Refuses with Chinese
   * messages, publishing nothing, a kind missing or unknown, a receiver that is neither a per-clue
   * receiver nor an existing department group, a receiver twice for a kind and a reply period that
   * is not one of {@link #replyDeadlineChoices}; a table equal to the county's current one is refused as
   * unchanged.
   */
  @Transactional
  public Version publish(String county, Map<String, List<Route>> routes, String actor) {
    List<String> problems = new ArrayList<>();
    Map<String, String> choices = receiverChoices();
    Map<String, String> periods = replyDeadlineChoices();
    for (String kind : routes.keySet()) {
      if (!ClueService.KINDS.containsKey(kind)) {
        problems.add("问题类别“" + kind + "”不存在");
      }
    }
    Map<String, List<Route>> table = new LinkedHashMap<>();
    for (String kind : ClueService.KINDS.keySet()) {
      String label = ClueService.KINDS.get(kind);
      List<Route> chosen = Optional.ofNullable(routes.get(kind)).orElse(List.of()).stream().filter(java.util.Objects::nonNull)
          .filter(route -> route.receiver() != null && !route.receiver().isBlank()).toList();
      if (chosen.isEmpty()) {
        problems.add(label + "：请至少选择一个接收单位");
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Route route : chosen) {
        if (!choices.containsKey(route.receiver())) {
          problems.add(label + "：接收单位“" + route.receiver() + "”不存在（只能选择列出的部门或单位）");
        } else if (VARIABLE_KIND.containsKey(route.receiver()) && !VARIABLE_KIND.get(route.receiver()).equals(kind)) {
          problems.add(label + "：不能移交“" + choices.get(route.receiver()) + "”（只用于"
              + ClueService.KINDS.get(VARIABLE_KIND.get(route.receiver())) + "）");
        } else if (!seen.add(route.receiver())) {
          problems.add(label + "：接收单位“" + choices.get(route.receiver()) + "”选了两次");
        }
        if (!periods.containsKey(route.replyDeadline())) {
          problems.add(label + "：答复期限“" + route.replyDeadline() + "”不是期限表中从移交之日起算的期限（可选：" + String.join("、", periods.keySet()) + "）");
        }
      }
      table.put(kind, chosen);
    }
    if (problems.isEmpty() && table.equals(current(county).routes())) {
      problems.add("移交规则没有改动，无需发布新版本");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    DmnModelInstance model = model(table);
    List<String> wrong = problems(model, periods.keySet());
    if (!wrong.isEmpty()) {
      throw new IllegalStateException("Built clue-routing table is not valid: " + wrong);
    }
    DecisionDefinition published = deploy(model, county);
    Instant now = clock.instant();
    record(published, county, actor, now);
    return new Version(published.getVersion(), county, actor, now, table);
  }

  /**
   * After the application deployed its models again — because another model changed, with
   * {@code processes/clue-routing.dmn} itself unchanged — its copy of the table is the newest default
   * and would silently undo a rule the office published as the default before counties had their own
   * tables (a county's own table is not touched by a deployment without tenant). Then the office's newest version is published again
   * (with its publisher, now) and returned. A changed file in processes/ is an analyst's deliberate
   * change and stays in force; so does a table the office has not changed yet. Runs at start-up.
   */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
  @Transactional
  public Optional<Version> keepOfficeVersion() {
    List<DecisionDefinition> versions = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION).withoutTenantId()
        .orderByDecisionDefinitionVersion().desc().list();
    List<DecisionDefinition> deployed = versions.stream().filter(definition -> publisher(definition).isEmpty()).toList();
    Optional<DecisionDefinition> office = versions.stream().filter(definition -> publisher(definition).isPresent()).findFirst();
    if (office.isEmpty() || deployed.size() < 2 || deployed.get(0) != versions.get(0)
        || deployed.get(1).getVersion() > office.get().getVersion() || !sameModel(deployed.get(0), deployed.get(1))) {
      return Optional.empty();
    }
    Version kept = version(office.get());
    DecisionDefinition published = deploy(model(kept.routes()), null);
    Instant now = clock.instant();
    record(published, null, kept.publishedBy(), now);
    LOG.info("程序重新部署后沿用巡察办发布的第 {} 版问题线索移交规则（现为第 {} 版）", kept.version(), published.getVersion());
    return Optional.of(new Version(published.getVersion(), null, kept.publishedBy(), now, kept.routes()));
  }

  private Optional<String> publisher(DecisionDefinition definition) {
    return change(definition).map(Change::by);
  }

  /** Who published {@code definition} through the page and when; empty for a version deployed with the application. */
  private Optional<Change> change(DecisionDefinition definition) {
    return jdbc.sql("select published_by, published_at from xc_clue_routing_change where decision_definition_id = ?")
        .param(definition.getId())
        .query((rs, n) -> new Change(rs.getString("published_by"), rs.getTimestamp("published_at").toInstant())).optional();
  }

  private record Change(String by, Instant at) {
  }

  private boolean sameModel(DecisionDefinition one, DecisionDefinition other) {
    try (InputStream a = repository.getDecisionModel(one.getId()); InputStream b = repository.getDecisionModel(other.getId())) {
      return java.util.Arrays.equals(a.readAllBytes(), b.readAllBytes());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Deploys {@code model} for {@code county}'s tenant, or without tenant (the default) for null. */
  private DecisionDefinition deploy(DmnModelInstance model, String county) {
    return repository.getDecisionDefinition(repository.createDeployment().name(DEPLOYMENT).tenantId(county)
        .addModelInstance(DECISION + ".dmn", model).deployWithResult().getDeployedDecisionDefinitions().get(0).getId());
  }

  private void record(DecisionDefinition published, String county, String actor, Instant at) {
    jdbc.sql("insert into xc_clue_routing_change (decision_definition_id, version, county, published_by, published_at) values (?, ?, ?, ?, ?)")
        .params(published.getId(), published.getVersion(), county, actor, Timestamp.from(at)).update();
  }

  /**
   * What makes {@code model} something other than the clue-routing table, in Chinese; empty when it
   * is one: see the class comment for the exact shape. {@code replyDeadlines} are the ids a reply
   * period may have.
   */
  public static List<String> problems(DmnModelInstance model, java.util.Set<String> replyDeadlines) {
    List<String> problems = new ArrayList<>();
    Collection<Decision> decisions = model.getModelElementsByType(Decision.class);
    if (decisions.size() != 1 || !DECISION.equals(decisions.iterator().next().getId())) {
      return List.of("只能包含一个标识为 clue-routing 的决策");
    }
    if (!(decisions.iterator().next().getExpression() instanceof DecisionTable table)) {
      return List.of("clue-routing 必须是决策表");
    }
    if (table.getHitPolicy() != HitPolicy.COLLECT || table.getAggregation() != null) {
      problems.add("命中策略必须是 COLLECT（不聚合）");
    }
    List<Input> inputs = List.copyOf(table.getInputs());
    if (inputs.size() != 1 || !"clueKind".equals(text(inputs.get(0).getInputExpression().getText()))) {
      problems.add("只能有一个输入：clueKind（问题类别）");
    }
    List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
    if (!outputs.equals(List.of("receiver", "replyDeadline"))) {
      problems.add("输出必须依次是 receiver（接收单位）和 replyDeadline（答复期限），而不是 " + outputs);
      return problems;
    }
    java.util.Set<String> kinds = new java.util.HashSet<>();
    java.util.Set<String> pairs = new java.util.HashSet<>();
    for (Rule rule : table.getRules()) {
      List<String> entries = rule.getInputEntries().stream().map(entry -> text(entry.getText())).toList();
      List<String> results = rule.getOutputEntries().stream().map(entry -> text(entry.getText())).toList();
      var kind = entries.size() == 1 ? QUOTED.matcher(entries.get(0)) : null;
      if (kind == null || !kind.matches() || !ClueService.KINDS.containsKey(kind.group(1))) {
        problems.add("规则的输入必须是一个带引号的问题类别，而不是“" + String.join("，", entries) + "”");
      } else {
        kinds.add(kind.group(1));
      }
      if (results.size() != 2 || !(QUOTED.matcher(results.get(0)).matches() || RECEIVER_VARIABLES.containsKey(results.get(0)))) {
        problems.add("规则的接收单位必须是带引号的部门账户组或 " + String.join("、", RECEIVER_VARIABLES.keySet()) + "，而不是“"
            + String.join("，", results) + "”");
        continue;
      }
      if (kind != null && kind.matches() && VARIABLE_KIND.containsKey(results.get(0)) && !VARIABLE_KIND.get(results.get(0)).equals(kind.group(1))) {
        problems.add("接收单位 " + results.get(0) + " 只用于问题类别 " + VARIABLE_KIND.get(results.get(0)));
      }
      if (!pairs.add(String.join("|", entries) + "→" + results.get(0))) {
        problems.add("同一问题类别的接收单位“" + results.get(0) + "”重复");
      }
      if (!replyDeadlines.contains(unquoted(results.get(1))) || !QUOTED.matcher(results.get(1)).matches()) {
        problems.add("规则的答复期限必须是带引号的期限编号 " + replyDeadlines + " 之一，而不是“" + results.get(1) + "”");
      }
    }
    if (!kinds.containsAll(ClueService.KINDS.keySet())) {
      problems.add("每个问题类别至少要有一条规则");
    }
    boolean extra = model.getDocumentElement().getDomElement().getChildElements().stream()
        .anyMatch(element -> !List.of("decision", "DMNDI", "description").contains(element.getLocalName()));
    if (extra) {
      problems.add("除决策表外不能包含其他元素");
    }
    return problems;
  }

  private Version version(DecisionDefinition definition) {
    DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
    Map<String, List<Route>> receivers = new LinkedHashMap<>();
    DecisionTable table = (DecisionTable) model.getModelElementById(DECISION).getUniqueChildElementByType(DecisionTable.class);
    for (Rule rule : table.getRules()) {
      String kind = unquoted(text(rule.getInputEntries().iterator().next().getText()));
      List<String> outputs = rule.getOutputEntries().stream().map(entry -> unquoted(text(entry.getText()))).toList();
      receivers.computeIfAbsent(kind, key -> new ArrayList<>())
          .add(new Route(outputs.get(0), outputs.size() > 1 ? outputs.get(1) : ClueService.DEFAULT_REPLY_DEADLINE));
    }
    Optional<Change> change = change(definition);
    return new Version(definition.getVersion(), definition.getTenantId(), change.map(Change::by).orElse(null), change.map(Change::at).orElse(null),
        receivers);
  }

  /** The table for {@code receivers}, with the rule descriptions the office reads in Cockpit. */
  private DmnModelInstance model(Map<String, List<Route>> routes) {
    StringBuilder rules = new StringBuilder();
    Map<String, String> choices = receiverChoices();
    Map<String, String> periods = replyDeadlineChoices();
    int i = 0;
    for (Map.Entry<String, List<Route>> kind : routes.entrySet()) {
      for (Route route : kind.getValue()) {
        i++;
        String output = RECEIVER_VARIABLES.containsKey(route.receiver()) ? route.receiver() : "\"" + route.receiver() + "\"";
        rules.append("""
                <rule id="Rule_%d"><description>%s → %s，%s</description>
                  <inputEntry id="InputEntry_%d"><text>"%s"</text></inputEntry>
                  <outputEntry id="OutputEntry_%d"><text>%s</text></outputEntry>
                  <outputEntry id="ReplyDeadline_%d"><text>"%s"</text></outputEntry>
                </rule>
            """.formatted(i, escape(ClueService.KINDS.get(kind.getKey())), escape(choices.get(route.receiver())),
            escape(periods.get(route.replyDeadline())), i, kind.getKey(), i, escape(output), i, route.replyDeadline()));
      }
    }
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                     id="Definitions_ClueRouting" name="问题线索移交" namespace="http://xuncha.cn/dmn">
          <decision id="clue-routing" name="问题线索移交对象">
            <description>办法第十九条。由巡察办在“问题线索移交规则”页面发布。</description>
            <decisionTable id="DecisionTable_ClueRouting" hitPolicy="COLLECT">
              <input id="Input_ClueKind" label="问题类别">
                <inputExpression id="InputExpression_ClueKind" typeRef="string"><text>clueKind</text></inputExpression>
              </input>
              <output id="Output_Receiver" label="接收单位（账户组）" name="receiver" typeRef="string" />
              <output id="Output_ReplyDeadline" label="答复期限（期限表编号）" name="replyDeadline" typeRef="string" />
        %s    </decisionTable>
          </decision>
        </definitions>
        """.formatted(rules);
    InputStream stream = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    return Dmn.readModelFromStream(stream);
  }

  private static String text(org.camunda.bpm.model.dmn.instance.Text text) {
    return text == null || text.getTextContent() == null ? "" : text.getTextContent().strip();
  }

  private static String unquoted(String text) {
    return text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package cn.xuncha.calendar;

import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The deadline table an analyst edits ({@code processes/deadlines.yaml}): one entry per deadline of
 * the procedure (procedure.md §3, D1–D8, and the ones without a number), each with its Chinese name,
 * the process variable (or expression) it counts from, its length, its reminder and its source.
 *
 * <p>Plain Java, no engine: {@link #parse} reads and checks the whole table and refuses it with a
 * {@link InvalidTableException} naming the file, the line and the entry of the first problem, in
 * Chinese, so that a mistyped length or a duplicated id stops the application at start instead of
 * running with a wrong deadline.
 */
public final class DeadlineTable {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{[^{}]+}");
  private static final Pattern COUNTED = Pattern.compile("(\\d{1,4})\\s*(个?工作日|日|天|个?月)");
  private static final Pattern WORKDAYS_BEFORE = Pattern.compile("(\\d{1,3})\\s*个?工作日前");
  private static final Pattern DAY_AFTER = Pattern.compile("第\\s*(\\d{1,4})\\s*[日天]");
  /** A reminder at 00:00 of the deadline's own day, for work due at the end of a day the user set. */
  private static final String DUE_DAY = "当日";
  private static final Set<String> FIELDS = Set.of("name", "from", "length", "remind", "source");
  private static final String LENGTHS = "“10 工作日”“7 日”“1 月”“当日”或“当日零时”";

  private final Map<String, Entry> entries;

  private DeadlineTable(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  /** The entry with this id, or empty. */
  public Optional<Entry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /** Every entry, in the order of the file. */
  public List<Entry> all() {
    return entries.values().stream().sorted(java.util.Comparator.comparingInt(Entry::line)).toList();
  }

  /** The entry with this id; refuses an id the table does not define, naming it. */
  public Entry get(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("期限表中没有期限“" + id + "”"));
  }

  /**
   * Reads the table.
   *
   * @param file the file's name as the analyst knows it, for messages
   * @throws InvalidTableException on the first problem: not YAML, not a map of entries, an id or a
   *     field repeated, an unknown or missing field, a length or reminder that is not one of the forms
   *     the file's header lists, a reminder not before the deadline
   */
  public static DeadlineTable parse(Reader yaml, String file) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(yaml);
    } catch (MarkedYAMLException e) {
      throw new InvalidTableException(file + " 第 " + line(e.getProblemMark() == null ? e.getContextMark() : e.getProblemMark())
          + " 行：格式错误，不是有效的 YAML（" + e.getProblem() + "）");
    } catch (YAMLException e) {
      throw new InvalidTableException(file + "：格式错误，不是有效的 YAML（" + e.getMessage() + "）");
    }
    if (!(root instanceof MappingNode table) || table.getValue().isEmpty()) {
      throw new InvalidTableException(file + "：期限表为空，或不是“编号: 期限”的列表");
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : table.getValue()) {
      Entry entry = entry(tuple, file);
      if (entries.putIfAbsent(entry.id(), entry) != null) {
        throw new InvalidTableException(file + " 第 " + entry.line() + " 行：期限编号“" + entry.id() + "”重复（第 "
            + entries.get(entry.id()).line() + " 行已有）");
      }
    }
    return new DeadlineTable(entries);
  }

  private static Entry entry(NodeTuple tuple, String file) {
    int line = line(tuple.getKeyNode().getStartMark());
    String id = tuple.getKeyNode() instanceof ScalarNode key ? key.getValue().strip() : "";
    String where = file + " 第 " + line + " 行（" + id + "）：";
    if (!ID.matcher(id).matches()) {
      throw new InvalidTableException(file + " 第 " + line + " 行：期限编号“" + id + "”只能由字母、数字和连字符组成，例如 D2");
    }
    if (!(tuple.getValueNode() instanceof MappingNode fields)) {
      throw new InvalidTableException(where + "应列出 name、from、length、remind、source 各项");
    }
    Map<String, ScalarNode> values = new LinkedHashMap<>();
    for (NodeTuple field : fields.getValue()) {
      String name = field.getKeyNode() instanceof ScalarNode key ? key.getValue() : "";
      int fieldLine = line(field.getKeyNode().getStartMark());
      String fieldWhere = file + " 第 " + fieldLine + " 行（" + id + "）：";
      if (!FIELDS.contains(name)) {
        throw new InvalidTableException(fieldWhere + "不认识的项“" + name + "”，只能是 name、from、length、remind、source");
      }
      if (!(field.getValueNode() instanceof ScalarNode value) || value.getValue().isBlank()) {
        throw new InvalidTableException(fieldWhere + name + " 不能为空");
      }
      if (values.put(name, value) != null) {
        throw new InvalidTableException(fieldWhere + name + " 写了两次");
      }
    }
    for (String required : new String[] {"name", "from", "length", "source"}) {
      if (!values.containsKey(required)) {
        throw new InvalidTableException(where + "缺少 " + required);
      }
    }
    Length length = length(values.get("length"), file, id);
    Reminder remind = values.containsKey("remind") ? reminder(values.get("remind"), length, file, id) : null;
    return new Entry(id, text(values, "name"), anchor(values.get("from"), file, id), length, remind, text(values, "source"), line);
  }

  private static String text(Map<String, ScalarNode> values, String field) {
    return values.get(field).getValue().strip();
  }

  private static String anchor(ScalarNode from, String file, String id) {
    String text = from.getValue().strip();
    if (VARIABLE.matcher(text).matches()) {
      return "${" + text + "}";
    }
    if (EXPRESSION.matcher(text).matches()) {
      return text;
    }
    throw new InvalidTableException(at(from, file, id) + "起算“" + text + "”应是流程变量名（如 withdrawalDate）或表达式（如 ${rectification.deadlineOf(itemId)}）");
  }

  private static Length length(ScalarNode node, String file, String id) {
    String text = node.getValue().strip();
    if ("当日".equals(text)) {
      return new Length(Unit.END_OF_DAY, 0, text);
    }
    if ("当日零时".equals(text)) {
      return new Length(Unit.START_OF_DAY, 0, text);
    }
    Matcher counted = COUNTED.matcher(text);
    if (counted.matches()) {
      int count = Integer.parseInt(counted.group(1));
      if (count == 0) {
        throw new InvalidTableException(at(node, file, id) + "期限“" + text + "”为 0；当天截止请写“当日”");
      }
      Unit unit = switch (counted.group(2)) {
        case "工作日", "个工作日" -> Unit.WORKDAYS;
        case "日", "天" -> Unit.DAYS;
        default -> Unit.MONTHS;
      };
      return new Length(unit, count, text);
    }
    throw new InvalidTableException(at(node, file, id) + "期限“" + text + "”无法识别，应写作" + LENGTHS);
  }

  private static Reminder reminder(ScalarNode node, Length length, String file, String id) {
    String text = node.getValue().strip();
    Matcher before = WORKDAYS_BEFORE.matcher(text);
    Matcher after = DAY_AFTER.matcher(text);
    Reminder reminder;
    if (text.equals(DUE_DAY)) {
      if (length.unit() == Unit.START_OF_DAY) {
        throw new InvalidTableException(at(node, file, id) + "提醒“" + text + "”不在截止之前：期限“" + length.text() + "”在当日零时截止");
      }
      return new Reminder(Reminder.Kind.DUE_DAY, 0, text);
    }
    if (before.matches()) {
      reminder = new Reminder(Reminder.Kind.WORKDAYS_BEFORE, Integer.parseInt(before.group(1)), text);
    } else if (after.matches()) {
      reminder = new Reminder(Reminder.Kind.DAY_AFTER, Integer.parseInt(after.group(1)), text);
    } else {
      throw new InvalidTableException(at(node, file, id) + "提醒“" + text + "”无法识别，应写作“2 工作日前”“第5日”或“当日”");
    }
    if (reminder.count() == 0) {
      throw new InvalidTableException(at(node, file, id) + "提醒“" + text + "”不在截止之前");
    }
    if (reminder.kind() == Reminder.Kind.DAY_AFTER && (length.unit() != Unit.DAYS || reminder.count() >= length.count())) {
      throw new InvalidTableException(at(node, file, id) + "提醒“" + text + "”须在期限“" + length.text()
          + "”之内；“第N日”只用于按日计算的期限，其他期限请写“N 工作日前”");
    }
    return reminder;
  }

  private static String at(Node node, String file, String id) {
    return file + " 第 " + line(node.getStartMark()) + " 行（" + id + "）：";
  }

  private static int line(org.yaml.snakeyaml.error.Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  /** How a deadline's length is counted from its start (day 0). */
  public enum Unit {
    /** Working days after day 0 ({@link DeadlineService#workdaysAfter}). */
    WORKDAYS,
    /** Calendar days after day 0 ({@link DeadlineService#daysAfter}). */
    DAYS,
    /** Calendar months after day 0 ({@link DeadlineService#monthsAfter}). */
    MONTHS,
    /** The end of day 0 itself: a fixed date such as the plan's filing date. */
    END_OF_DAY,
    /** The beginning of day 0: what must be done before a date, such as entry. */
    START_OF_DAY
  }

  /** A length as written in the table ({@code text}) and as counted. */
  public record Length(Unit unit, int count, String text) {
  }

  /**
   * When the watched work is reminded: {@code count} working days before the deadline, on day
   * {@code count}, or at 00:00 of the deadline's own day (“当日”).
   */
  public record Reminder(Kind kind, int count, String text) {

    public enum Kind { WORKDAYS_BEFORE, DAY_AFTER, DUE_DAY }
  }

  /**
   * One deadline.
   *
   * @param from the JUEL expression of its start, {@code ${withdrawalDate}} for a plain variable
   * @param remind null when the deadline has no reminder
   * @param line where the entry starts in the file
   */
  public record Entry(String id, String name, String from, Length length, Reminder remind, String source, int line) {
  }

  /** The table is not valid; the message says where and why, in Chinese. */
  public static final class InvalidTableException extends RuntimeException {

    InvalidTableException(String message) {
      super("期限表 " + message);
    }
  }
}

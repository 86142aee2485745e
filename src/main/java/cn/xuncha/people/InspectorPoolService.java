package cn.xuncha.people;

import cn.xuncha.county.Counties;
import cn.xuncha.people.Inspector.Conflict;
import cn.xuncha.people.Inspector.PastPost;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.system.Unrestricted;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The office's 巡察工作人才库: reads, checks and saves entries, each change logged with who and when.
 * Past posts and conflicts are entered one per line, in the page and in the spreadsheet alike:
 * {@code 单位，职务，起始日期，截止日期} (截止 empty while held) and {@code 单位，说明}.
 * Refuses, in Chinese naming the field: an account that is not a user of the platform, a missing
 * name, unit, post or rank, an unknown speciality, a 组长库 entry below 正科级 (实施办法 第八条),
 * and malformed or inverted dates.
 *
 * <p>Each county keeps its own pool ({@link Counties}): a new entry goes into the county named for it,
 * or, named none, into the one county of its account the user sees; an entry keeps its county when it
 * is changed. Refused, naming the counties to choose from ({@link Counties#named}): a county the user
 * does not see, a county the account is no user of, no county for an account of several the user
 * sees, an entry of a county the user does not see, and another county for an existing entry.
 */
@Service
public class InspectorPoolService {

  private final InspectorPool pool;
  private final IdentityService identity;
  private final Counties counties;
  private final Clock clock;

  InspectorPoolService(InspectorPool pool, IdentityService identity, Counties counties, Clock clock) {
    this.pool = pool;
    this.identity = identity;
    this.counties = counties;
    this.clock = clock;
  }

  /** One entry as a page or a sheet gives it, with the county named for it: a code or a name, null if none named. */
  public record Entry(Inspector person, String county) {
  }

  /** Every entry of the counties the user sees, ordered by name. */
  public List<Inspector> all() {
    return pool.all();
  }

  /** The entry of {@code account}, empty if it has none or it belongs to a county the user does not see. */
  public Optional<Inspector> find(String account) {
    return pool.find(account);
  }

  /** The name of the county of every entry the user sees, by account: what the list and the sheet show as 县. */
  Map<String, String> countyNames() {
    Map<String, String> names = counties.names();
    Map<String, String> byAccount = new HashMap<>();
    pool.countyByAccount().forEach((account, county) -> byAccount.put(account, names.getOrDefault(county, county)));
    return byAccount;
  }

  /** The name of the county of the entry of {@code account}, empty if it has none the user sees. */
  Optional<String> countyName(String account) {
    return pool.countyOf(account).filter(counties::isVisible).map(county -> counties.names().getOrDefault(county, county));
  }

  /**
   * The counties a new entry may be put into, code to name, for a user who sees several; empty for a
   * user of one county, whose entries go into it without naming it.
   */
  Map<String, String> countyChoices() {
    return counties.visible().size() < 2 ? Map.of() : counties.visibleNames();
  }

  List<InspectorChange> changes(String account) {
    return pool.changes(account);
  }

  /**
   * Saves one entry, a new one into the county {@code entry.county()} names (a code or a name; null: the
   * one county of the account the user sees). Refuses with every problem at once (those found reading
   * the lines of past posts and conflicts, {@code inputProblems}, the entry's own and its county's, see
   * the class) and stores nothing.
   */
  @Transactional
  public void save(Entry entry, List<String> inputProblems, String by) {
    List<String> problems = new ArrayList<>(inputProblems);
    Inspector person = entry.person();
    problems.addAll(problems(person, ""));
    String county = county(entry, "", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    pool.save(person, county, by, clock.instant(), summary(pool.find(person.account()).orElse(null), person));
  }

  /**
   * Saves every entry of an import, each new one into the county its row names (or, naming none, the one
   * county of its account the user sees), and returns how many; or refuses, with every problem naming the
   * row it is on (also those of reading the sheet, {@code inputProblems}), and saves none of them.
   */
  @Transactional
  public int importAll(List<Entry> entries, List<String> inputProblems, String by) {
    List<String> problems = new ArrayList<>(inputProblems);
    List<String> accounts = new ArrayList<>();
    List<String> intoCounties = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Inspector person = entries.get(i).person();
      String row = "第 " + (i + 2) + " 行：";
      problems.addAll(problems(person, row));
      intoCounties.add(county(entries.get(i), row, problems));
      if (person.account() != null && accounts.contains(person.account())) {
        problems.add(row + "账号 " + person.account() + " 在表中出现了两次");
      }
      accounts.add(person.account());
    }
    if (entries.isEmpty() && problems.isEmpty()) {
      problems.add("表中没有人员：请按模板从第 2 行起每行填写一人");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    for (int i = 0; i < entries.size(); i++) {
      Inspector person = entries.get(i).person();
      pool.save(person, intoCounties.get(i), by, clock.instant(), "导入：" + summary(pool.find(person.account()).orElse(null), person));
    }
    return entries.size();
  }

  /**
   * The county the entry goes into (see the class), or null with a problem added, each beginning with
   * {@code prefix}. A user of several counties is told them by name, never “本县”.
   */
  private String county(Entry entry, String prefix, List<String> problems) {
    String account = entry.person().account();
    if (blank(account)) {
      return null;
    }
    List<String> visible = counties.visible();
    boolean one = visible.size() == 1;
    String named = blank(entry.county()) ? null : code(entry.county().strip());
    Optional<String> stored = pool.countyOf(account);
    if (stored.isPresent()) {
      if (!visible.contains(stored.get())) {
        problems.add(prefix + "账号：" + account + " 在其他县的人才库中，" + (one ? "不能在本县修改" : "您不能修改"));
      } else if (named != null && !named.equals(stored.get())) {
        problems.add(prefix + "县：" + account + " 在" + counties.named(List.of(stored.get())) + "的人才库中，修改时不能改为其他县");
      }
      return stored.get();
    }
    List<String> own = counties.visibleTo(account);
    List<String> possible = own.stream().filter(visible::contains).toList();
    if (!blank(entry.county())) {
      if (named == null || !visible.contains(named)) {
        problems.add(prefix + "县：“" + entry.county().strip() + "”不是您可选的县，请从" + counties.named(visible) + "中选择");
      } else if (!own.contains(named)) {
        problems.add(prefix + "县：账号 " + account + " 不是" + counties.named(List.of(named)) + "的用户"
            + (possible.isEmpty() ? "" : "，可选：" + counties.named(possible)));
      } else {
        return named;
      }
      return null;
    }
    if (possible.size() == 1) {
      return possible.get(0);
    }
    if (possible.isEmpty()) {
      problems.add(prefix + "账号：" + account + (one ? " 不是本县的用户，不能加入本县的人才库"
          : " 不是您所管理的县（" + counties.named(visible) + "）的用户，不能加入人才库"));
    } else {
      problems.add(prefix + "县：账号 " + account + " 属于多个县，请选择加入哪个县的人才库：" + counties.named(possible));
    }
    return null;
  }

  /** The code of the county named by its code or its name, null if none is. */
  private String code(String county) {
    return counties.names().entrySet().stream().filter(named -> named.getKey().equals(county) || named.getValue().equals(county))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** Past posts from lines {@code 单位，职务，起始日期，截止日期}; a malformed line is a problem naming its number. */
  static List<PastPost> posts(String lines, List<String> problems) {
    List<PastPost> posts = new ArrayList<>();
    List<String> rows = lines(lines);
    for (int i = 0; i < rows.size(); i++) {
      String[] fields = rows.get(i).split("[，,]", -1);
      String where = "过往任职第 " + (i + 1) + " 行";
      if (fields.length < 3 || fields.length > 4) {
        problems.add(where + "：请按“单位，职务，起始日期，截止日期”填写（截止日期现任可空）");
        continue;
      }
      LocalDate from = date(fields[2], where + "起始日期", true, problems);
      LocalDate to = fields.length == 4 ? date(fields[3], where + "截止日期", false, problems) : null;
      posts.add(new PastPost(fields[0].strip(), fields[1].strip(), from, to));
    }
    return posts;
  }

  /** Declared conflicts from lines {@code 单位，说明}. */
  static List<Conflict> conflicts(String lines, List<String> problems) {
    List<Conflict> conflicts = new ArrayList<>();
    List<String> rows = lines(lines);
    for (int i = 0; i < rows.size(); i++) {
      String[] fields = rows.get(i).split("[，,]", 2);
      if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
        problems.add("回避申报第 " + (i + 1) + " 行：请按“单位，说明”填写，如“赵村镇党委，配偶在该镇任职”");
        continue;
      }
      conflicts.add(new Conflict(fields[0].strip(), fields[1].strip()));
    }
    return conflicts;
  }

  /** The lines a page or a spreadsheet cell shows for past posts and conflicts: what {@link #posts} and {@link #conflicts} read. */
  static String postLines(List<PastPost> posts) {
    return String.join("\n", posts.stream()
        .map(post -> post.unit() + "，" + post.post() + "，" + post.from() + "，" + (post.to() == null ? "" : post.to())).toList());
  }

  static String conflictLines(List<Conflict> conflicts) {
    return String.join("\n", conflicts.stream().map(conflict -> conflict.unit() + "，" + conflict.detail()).toList());
  }

  private List<String> problems(Inspector person, String prefix) {
    List<String> problems = new ArrayList<>();
    if (blank(person.account())) {
      problems.add(prefix + "账号：不能为空");
    } else if (Unrestricted.lookup(() -> identity.createUserQuery().userId(person.account()).count()) == 0) {
      problems.add(prefix + "账号：" + person.account() + " 不是本平台的用户，请先在管理后台创建");
    }
    text(problems, person.name(), prefix + "姓名", 100);
    text(problems, person.unit(), prefix + "工作单位", 200);
    text(problems, person.post(), prefix + "职务", 100);
    if (!Inspector.RANKS.contains(person.rank())) {
      problems.add(prefix + "职级：请从" + String.join("、", Inspector.RANKS) + "中选择");
    } else if (person.mayLead() && !Inspector.LEADER_RANKS.contains(person.rank())) {
      problems.add(prefix + "组长库：组长由正科级以上领导干部担任（实施办法第八条），" + person.rank() + "人员不能列入组长库");
    }
    if (person.hometown() != null && person.hometown().strip().length() > 100) {
      problems.add(prefix + "籍贯：过长（最多 100 字）");
    }
    person.specialities().stream().filter(s -> !Inspector.SPECIALITIES.contains(s)).forEach(s ->
        problems.add(prefix + "专长：“" + s + "”不在" + String.join("、", Inspector.SPECIALITIES) + "之中"));
    if (person.note() != null && person.note().length() > 2000) {
      problems.add(prefix + "备注：过长（最多 2000 字）");
    }
    LocalDate today = ChinaTime.today(clock);
    for (PastPost post : person.pastPosts()) {
      String where = prefix + "过往任职“" + Objects.toString(post.unit(), "") + "”";
      text(problems, post.unit(), where + "单位", 200);
      text(problems, post.post(), where + "职务", 100);
      if (post.from() != null && post.from().isAfter(today)) {
        problems.add(where + "：起始日期 " + post.from() + " 晚于今天");
      }
      if (post.from() != null && post.to() != null && post.to().isBefore(post.from())) {
        problems.add(where + "：截止日期 " + post.to() + " 早于起始日期 " + post.from());
      }
    }
    for (Conflict conflict : person.conflicts()) {
      text(problems, conflict.unit(), prefix + "回避申报单位", 200);
      text(problems, conflict.detail(), prefix + "回避申报说明", 500);
    }
    return problems;
  }

  private static String summary(Inspector before, Inspector after) {
    if (before == null) {
      return "新增 " + after.name() + "（" + after.unit() + after.post() + "）";
    }
    List<String> changed = new ArrayList<>();
    compare(changed, "姓名", before.name(), after.name());
    compare(changed, "工作单位", before.unit(), after.unit());
    compare(changed, "职务", before.post(), after.post());
    compare(changed, "职级", before.rank(), after.rank());
    compare(changed, "籍贯", before.hometown(), after.hometown());
    compare(changed, "专长", String.join("、", before.specialities()), String.join("、", after.specialities()));
    compare(changed, "组长库", yesNo(before.mayLead()), yesNo(after.mayLead()));
    compare(changed, "可抽调", yesNo(before.available()), yesNo(after.available()));
    compare(changed, "备注", before.note(), after.note());
    compare(changed, "过往任职", postLines(before.pastPosts()), postLines(after.pastPosts()));
    compare(changed, "回避申报", conflictLines(before.conflicts()), conflictLines(after.conflicts()));
    return changed.isEmpty() ? "保存（无变化）" : "修改" + String.join("、", changed);
  }

  private static void compare(List<String> changed, String field, String before, String after) {
    if (!Objects.equals(blankToNull(before), blankToNull(after))) {
      changed.add(field + "（" + Objects.toString(blankToNull(before), "空") + " → " + Objects.toString(blankToNull(after), "空") + "）");
    }
  }

  static String yesNo(boolean value) {
    return value ? "是" : "否";
  }

  private static LocalDate date(String text, String field, boolean required, List<String> problems) {
    if (text.isBlank()) {
      if (required) {
        problems.add(field + "：不能为空");
      }
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(field + "：“" + text.strip() + "”不是“年-月-日”格式的日期，如 2021-03-01");
      return null;
    }
  }

  private static List<String> lines(String text) {
    return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static void text(List<String> problems, String value, String field, int max) {
    if (blank(value)) {
      problems.add(field + "：不能为空");
    } else if (value.strip().length() > max) {
      problems.add(field + "：过长（最多 " + max + " 字）");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

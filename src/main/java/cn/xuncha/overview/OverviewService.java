package cn.xuncha.overview;

import cn.xuncha.calendar.WorkingDayCalendar;
import cn.xuncha.round.RoundKind;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.ChinaTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What supervisors see at a glance: the rounds and units of a term with each unit's current step,
 * its open tasks and who holds them, every deadline coloured, and the rounds' counts (办法 第二十二条).
 * A page costs the same few statements however many rounds the installation keeps (issue 16): the
 * units are filtered, counted and paged in the database ({@link #PAGE_SIZE} a page); then, for the
 * page's units only, one statement each finds their spines, their spines' call activities and
 * waiting events, their open tasks (by the read model {@link RunningInstances}, the round and unit of
 * every running instance) and the rounds' counts, and {@link TaskHolders} names the holders. Engine
 * tables are read by SQL because the engine's queries answer for one instance or one key at a time;
 * only supervisors reach these pages ({@link OverviewController}), who may see every round.
 */
@Service
class OverviewService {

  static final int PAGE_SIZE = 20;
  private static final String ROUND_PROCESS = "inspection-round";
  private static final String UNIT_PROCESS = "unit-inspection";
  /** One per team (step 2): on a unit's timeline only its own team's counts. */
  private static final String PARTY_BRANCH_PROCESS = "step-02-party-branch";
  private static final String PLANNING = "新的巡察轮次（正在编制巡察工作方案）";
  private static final String UNITS = " from xc_unit u join xc_round r on r.id = u.round_id join xc_team t on t.id = u.team_id where 1 = 1";

  private final RoundUnits roundUnits;
  private final TaskHolders taskHolders;
  private final WorkingDayCalendar calendar;
  private final JdbcClient jdbc;
  private final Clock clock;

  OverviewService(RoundUnits roundUnits, TaskHolders taskHolders, WorkingDayCalendar calendar, JdbcClient jdbc, Clock clock) {
    this.roundUnits = roundUnits;
    this.taskHolders = taskHolders;
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * The page {@code requested} (from 1; beyond the last, the last) of the units the filter lets
   * through, newest round first, grouped by round; rounds still being planned (a running round
   * process without a plan, so without a term yet) come first on page 1 unless the filter names a
   * year, team or unit.
   */
  Page page(Filter filter, int requested) {
    Instant now = clock.instant();
    MapSqlParameterSource params = new MapSqlParameterSource();
    String where = where(filter, now, params);
    long total = jdbc.sql("select count(*)" + UNITS + where).paramSource(params).query(Long.class).single();
    int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(Math.max(requested, 1), pages);
    params.addValue("offset", (page - 1) * PAGE_SIZE).addValue("size", PAGE_SIZE);
    List<UnitRow> rows = jdbc.sql("select r.business_key, r.name as round_name, u.group_id, u.name, t.name as team_name, r.kind, r.county" + UNITS + where
            + " order by r.id desc, u.id offset :offset rows fetch next :size rows only")
        .paramSource(params)
        .query((rs, row) -> new UnitRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            RoundKind.valueOf(rs.getString(6)).label(), rs.getString(7))).list();

    Map<String, String> roundNames = new LinkedHashMap<>();
    Map<String, String> roundCounties = new HashMap<>();
    if (page == 1 && filter.year() == null && filter.team() == null && filter.unit() == null) {
      planningRounds(filter.round(), filter.counties()).forEach((key, county) -> {
        roundNames.put(key, PLANNING);
        roundCounties.put(key, county);
      });
    }
    rows.forEach(row -> {
      roundNames.putIfAbsent(row.roundKey(), row.roundName());
      roundCounties.putIfAbsent(row.roundKey(), row.county());
    });
    List<String> roundKeys = List.copyOf(roundNames.keySet());
    Map<String, List<TaskView>> tasks = openTasks(roundKeys, rows.stream().map(UnitRow::group).distinct().toList(), now);
    Map<String, String> steps = currentSteps(rows.stream().map(UnitRow::key).toList());
    Map<String, Map<String, Long>> counts = counts(roundKeys);

    List<RoundView> rounds = new ArrayList<>();
    for (Map.Entry<String, String> round : roundNames.entrySet()) {
      List<UnitView> units = rows.stream().filter(row -> row.roundKey().equals(round.getKey()))
          .map(row -> new UnitView(row.roundKey(), row.group(), row.name(), row.team(), steps.get(row.key()),
              tasks.getOrDefault(row.key(), List.of())))
          .toList();
      String kind = rows.stream().filter(row -> row.roundKey().equals(round.getKey())).map(UnitRow::roundKind).findFirst().orElse(null);
      rounds.add(new RoundView(round.getKey(), round.getValue(), roundCounties.get(round.getKey()), kind, tasks.getOrDefault(round.getKey(), List.of()), units,
          counts.getOrDefault(round.getKey(), counts(0, 0, 0, 0, 0))));
    }
    return new Page(rounds, total, page, pages);
  }

  /** The filter as SQL over {@link #UNITS}: each given field narrows; names and ids are both accepted for round, team and unit. */
  private String where(Filter filter, Instant now, MapSqlParameterSource params) {
    StringBuilder where = new StringBuilder(inCounties("r.county", filter.counties(), params));
    if (filter.term() != null) {
      where.append(" and r.term = :term");
      params.addValue("term", filter.term());
    }
    if (filter.year() != null) {
      where.append(" and extract(year from r.created_at) = :year");
      params.addValue("year", filter.year());
    }
    if (filter.round() != null) {
      where.append(" and (r.name = :round or r.business_key = :round)");
      params.addValue("round", filter.round());
    }
    if (filter.team() != null) {
      where.append(" and (t.name = :team or t.group_id = :team)");
      params.addValue("team", filter.team());
    }
    if (filter.unit() != null) {
      where.append(" and (u.name = :unit or u.group_id = :unit)");
      params.addValue("unit", filter.unit());
    }
    if (filter.colour() != null) {
      // A unit has the colour when one of its open tasks is due in the colour's window (DeadlineColour's bounds).
      // The set of such units is built from the open tasks first: a correlated exists() let PostgreSQL look up each
      // unit's instances by its group alone, which grows with every round that inspected a unit of that group.
      where.append(" and (r.business_key, u.group_id) in (select x.round_key, x.unit_group from act_ru_task k"
          + " join xc_running_instance x on x.proc_inst_id = k.proc_inst_id_ where 1 = 1");
      Instant from = switch (filter.colour()) {
        case RED, NONE -> null;
        case YELLOW -> now;
        case BLUE -> calendar.windowEnd(now, 10);
        case GREEN -> calendar.windowEnd(now, 20);
      };
      Instant to = switch (filter.colour()) {
        case RED -> now;
        case YELLOW -> calendar.windowEnd(now, 10);
        case BLUE -> calendar.windowEnd(now, 20);
        case GREEN, NONE -> null;
      };
      if (filter.colour() == DeadlineColour.NONE) {
        where.append(" and k.due_date_ is null");
      }
      if (from != null) {
        where.append(" and k.due_date_ >= :dueFrom");
        params.addValue("dueFrom", Timestamp.from(from));
      }
      if (to != null) {
        where.append(" and k.due_date_ < :dueTo");
        params.addValue("dueTo", Timestamp.from(to));
      }
      where.append(")");
    }
    return where.toString();
  }

  /**
   * Rounds whose round process runs but whose plan has not been submitted, by key with their county: they
   * have no {@code xc_round} row yet; their county is their instance's tenant.
   */
  private Map<String, String> planningRounds(String round, List<String> counties) {
    MapSqlParameterSource params = new MapSqlParameterSource("process", ROUND_PROCESS);
    Map<String, String> planning = new LinkedHashMap<>();
    jdbc.sql("""
            select e.business_key_, e.tenant_id_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_
            where e.id_ = e.proc_inst_id_ and d.key_ = :process and e.business_key_ is not null
            and not exists (select 1 from xc_round r where r.business_key = e.business_key_)"""
            + inCounties("e.tenant_id_", counties, params) + " order by e.business_key_")
        .paramSource(params).query(rs -> {
          if (round == null || round.equals(rs.getString(1))) {
            planning.put(rs.getString(1), rs.getString(2));
          }
        });
    return planning;
  }

  /**
   * The open tasks of the rounds' own instances (by round key) and of the units' (by {@code round/unit}),
   * most urgent first, in one statement over the read model, with their holders.
   */
  private Map<String, List<TaskView>> openTasks(List<String> roundKeys, List<String> unitGroups, Instant now) {
    if (roundKeys.isEmpty()) {
      return Map.of();
    }
    record Row(String id, String name, String assignee, Date due, String processKey, String owner) {
    }
    List<Row> rows = jdbc.sql("""
            select k.id_, k.name_, k.assignee_, k.due_date_, d.key_, x.round_key, x.unit_group
            from xc_running_instance x join act_ru_task k on k.proc_inst_id_ = x.proc_inst_id join act_re_procdef d on d.id_ = k.proc_def_id_
            where x.round_key in (:rounds) and (x.unit_group is null or x.unit_group in (:units)) order by k.due_date_, k.id_""")
        .param("rounds", roundKeys).param("units", unitGroups.isEmpty() ? List.of("") : unitGroups)
        .query((rs, row) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4), rs.getString(5),
            rs.getString(7) == null ? rs.getString(6) : rs.getString(6) + "/" + rs.getString(7)))
        .list();
    Map<String, String> holders = taskHolders.of(rows.stream().map(row -> new TaskHolders.Open(row.id(), row.assignee())).toList());
    Map<String, List<TaskView>> tasks = new HashMap<>();
    for (Row row : rows) {
      tasks.computeIfAbsent(row.owner(), owner -> new ArrayList<>()).add(new TaskView(row.name(), holders.get(row.id()), format(row.due()),
          DeadlineColour.of(row.due(), now, calendar), Steps.ofKey(row.processKey())));
    }
    tasks.values().forEach(list -> list.sort(Comparator.comparing(TaskView::colour)));
    return tasks;
  }

  /**
   * Where each unit's spine stands, by unit key ({@code round/unit}), in two statements for all of
   * them: "尚未开始（本轮处于准备阶段）" before it starts, "已结束" after; while it runs, the steps
   * whose call activities are active ("第8步 巡察反馈、第9步 督促整改"), or, between steps, the last
   * step done and the events the spine waits for ("第5步 巡察预告 · 等待进驻日").
   */
  private Map<String, String> currentSteps(List<String> unitKeys) {
    Map<String, String> steps = new HashMap<>();
    unitKeys.forEach(key -> steps.put(key, "尚未开始（本轮处于准备阶段）"));
    if (unitKeys.isEmpty()) {
      return steps;
    }
    Map<String, String> running = new HashMap<>();
    jdbc.sql("select p.id_, p.business_key_, p.end_time_ from act_hi_procinst p where p.proc_def_key_ = :process"
            + " and p.business_key_ in (:keys) order by p.start_time_")
        .param("process", UNIT_PROCESS).param("keys", unitKeys)
        .query(rs -> {
          if (rs.getTimestamp(3) == null) {
            running.put(rs.getString(1), rs.getString(2));
          } else {
            steps.put(rs.getString(2), "已结束");
          }
        });
    if (running.isEmpty()) {
      return steps;
    }
    record Activity(String type, String name, Date end, int step) {
    }
    Map<String, List<Activity>> bySpine = new HashMap<>();
    jdbc.sql("""
            select a.proc_inst_id_, a.act_type_, a.act_name_, a.end_time_, c.proc_def_key_
            from act_hi_actinst a left join act_hi_procinst c on c.id_ = a.call_proc_inst_id_
            where a.proc_inst_id_ in (:spines) and (a.act_type_ = 'callActivity' or (a.end_time_ is null and a.act_type_ like 'intermediate%'))
            order by a.start_time_, a.id_""")
        .param("spines", running.keySet())
        .query(rs -> {
          bySpine.computeIfAbsent(rs.getString(1), spine -> new ArrayList<>())
              .add(new Activity(rs.getString(2), rs.getString(3), rs.getTimestamp(4), Steps.ofKey(rs.getString(5))));
        });
    running.forEach((spine, key) -> {
      List<Activity> activities = bySpine.getOrDefault(spine, List.of());
      List<Integer> active = activities.stream().filter(a -> a.type().equals("callActivity") && a.end() == null && a.step() > 0)
          .map(Activity::step).distinct().sorted().toList();
      if (!active.isEmpty()) {
        steps.put(key, active.stream().map(Steps::label).collect(Collectors.joining("、")));
        return;
      }
      int done = activities.stream().filter(a -> a.type().equals("callActivity") && a.end() != null)
          .max(Comparator.comparing(Activity::end)).map(Activity::step).orElse(0);
      String events = activities.stream().filter(a -> a.type().startsWith("intermediate")).map(Activity::name).filter(name -> name != null)
          .distinct().collect(Collectors.joining("、"));
      steps.put(key, (done == 0 ? "" : Steps.label(done) + " · ") + "等待" + (events.isEmpty() ? "下一步" : events));
    });
    return steps;
  }

  /** Whether the round of {@code roundKey} inspects the unit whose group is {@code unitGroup}: one statement. */
  boolean inspects(String roundKey, String unitGroup) {
    return jdbc.sql("select count(*) from xc_unit u join xc_round r on r.id = u.round_id where r.business_key = ? and u.group_id = ?")
        .params(roundKey, unitGroup).query(Long.class).single() > 0;
  }

  /**
   * The unit's ten steps: when each began and ended and who acted, from the tasks in history of the
   * round's process tree (one statement, by the tree's root, whatever the number of rounds): the
   * round's own processes (its own team's party branch only) and the unit's (business key
   * {@code round/unit}, clue transfers {@code round/unit/clue}).
   */
  List<StepView> timeline(String roundKey, String unitGroup) {
    String team = roundUnits.teamGroupOf(roundKey, unitGroup);
    String unitKey = roundKey + "/" + unitGroup;
    record Done(int step, Date start, Date end, String assignee) {
    }
    List<Done> tasks = jdbc.sql("""
            select p.proc_def_key_, k.start_time_, k.end_time_, k.assignee_
            from act_hi_procinst s join act_hi_taskinst k on k.root_proc_inst_id_ = s.id_ join act_hi_procinst p on p.id_ = k.proc_inst_id_
            where s.business_key_ = :round and s.proc_def_key_ = :roundProcess
            and (p.business_key_ = :round or p.business_key_ = :unit or p.business_key_ like :clues)
            and (p.proc_def_key_ <> :partyBranch or exists (select 1 from act_hi_varinst v
                 where v.proc_inst_id_ = p.id_ and v.name_ = :teamVariable and v.text_ = :team))
            order by k.start_time_""")
        .param("round", roundKey).param("roundProcess", ROUND_PROCESS).param("unit", unitKey).param("clues", unitKey + "/%")
        .param("partyBranch", PARTY_BRANCH_PROCESS).param("teamVariable", RoundVariables.TEAM_GROUP).param("team", team)
        .query((rs, row) -> new Done(Steps.ofKey(rs.getString(1)), rs.getTimestamp(2), rs.getTimestamp(3), rs.getString(4))).list();
    Map<Integer, List<Done>> byStep = new TreeMap<>(tasks.stream().filter(task -> task.step() > 0).collect(Collectors.groupingBy(Done::step)));
    List<StepView> timeline = new ArrayList<>();
    for (int step = 1; step <= 10; step++) {
      List<Done> done = byStep.getOrDefault(step, List.of());
      Date start = done.stream().map(Done::start).min(Date::compareTo).orElse(null);
      boolean open = done.stream().anyMatch(task -> task.end() == null);
      Date end = open ? null : done.stream().map(Done::end).max(Date::compareTo).orElse(null);
      List<String> actors = done.stream().map(Done::assignee).filter(a -> a != null).distinct().toList();
      timeline.add(new StepView(step, Steps.NAMES.get(step), format(start), format(end), open, actors));
    }
    return timeline;
  }

  /**
   * The term of the latest approved round of the counties, or of their latest round when none is approved;
   * null before the first round.
   */
  String currentTerm(List<String> counties) {
    MapSqlParameterSource params = new MapSqlParameterSource("approved", "APPROVED");
    String ofCounties = inCounties("r.county", counties, params);
    return jdbc.sql("select term from xc_round r where status = :approved" + ofCounties + " order by approved_at desc, id desc fetch first 1 rows only")
        .paramSource(params).query(String.class).optional()
        .or(() -> jdbc.sql("select term from xc_round r where 1 = 1" + ofCounties + " order by id desc fetch first 1 rows only")
            .paramSource(params).query(String.class).optional())
        .orElse(null);
  }

  /**
   * The condition that keeps rows of the counties, its parameter added to {@code params}; for null (the
   * user sees every county) those of every county that is a tenant, without listing a city's hundred codes
   * in each statement: rows of a county whose tenant Admin deleted are no one's to see, whoever sees every other.
   */
  private static String inCounties(String column, List<String> counties, MapSqlParameterSource params) {
    if (counties == null) {
      return " and " + column + " in (select t.id_ from act_id_tenant t)";
    }
    params.addValue("counties", counties.isEmpty() ? List.of("") : counties);
    return " and " + column + " in (:counties)";
  }

  /**
   * Every term and year of the counties' rounds (every county when null), in one statement: terms by their
   * newest round first, years latest first; the one of the page that reads every round of the counties, a
   * few a year each.
   */
  Periods periods(List<String> counties) {
    MapSqlParameterSource params = new MapSqlParameterSource();
    String ofCounties = " where 1 = 1" + inCounties("r.county", counties, params);
    Map<String, List<String>> lists = new HashMap<>();
    jdbc.sql("select 'term', term, max(id) from xc_round r" + ofCounties + " group by term"
            + " union all select 'year', cast(cast(extract(year from created_at) as integer) as varchar(4)), max(id) from xc_round r" + ofCounties
            + " group by cast(cast(extract(year from created_at) as integer) as varchar(4)) order by 1, 3 desc")
        .paramSource(params).query(rs -> {
          lists.computeIfAbsent(rs.getString(1), kind -> new ArrayList<>()).add(rs.getString(2));
        });
    List<String> years = new ArrayList<>(lists.getOrDefault("year", List.of()));
    years.sort(java.util.Comparator.reverseOrder()); // four digits each: by text is by year
    return new Periods(lists.getOrDefault("term", List.of()), years);
  }

  /**
   * What the filter's lists offer: the {@code periods}, and, when {@code byName} (one county is shown), the
   * rounds, teams and units of {@code term} (all terms when null) by name, in one statement; only of the
   * counties (every county when null). Of several counties the names are not listed: a city's hundred
   * counties have a thousand rounds in a term, which no list can offer and every page would read.
   */
  Options options(Periods periods, String term, List<String> counties, boolean byName) {
    Map<String, List<String>> lists = new HashMap<>();
    if (byName) {
      MapSqlParameterSource params = new MapSqlParameterSource("term", term);
      String inTerm = " where 1 = 1" + inCounties("r.county", counties, params) + (term == null ? "" : " and r.term = :term");
      jdbc.sql("select 'round', r.name, r.id from xc_round r" + inTerm
              + " union all select 'team', t.name, -min(t.team_no) from xc_team t join xc_round r on r.id = t.round_id" + inTerm + " group by t.name"
              + " union all select 'unit', u.name, -min(u.id) from xc_unit u join xc_round r on r.id = u.round_id" + inTerm + " group by u.name"
              + " order by 1, 3 desc")
          .paramSource(params).query(rs -> {
            lists.computeIfAbsent(rs.getString(1), kind -> new ArrayList<>()).add(rs.getString(2));
          });
    }
    return new Options(periods.terms(), periods.years(), lists.getOrDefault("round", List.of()),
        lists.getOrDefault("team", List.of()), lists.getOrDefault("unit", List.of()), byName);
  }

  /** The rounds' counts by round key, in one statement: problems confirmed, clues transferred and answered, rectification items. */
  private Map<String, Map<String, Long>> counts(List<String> roundKeys) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    if (roundKeys.isEmpty()) {
      return counts;
    }
    jdbc.sql("""
            select r.business_key,
              (select count(*) from xc_working_paper p join xc_unit u on u.id = p.unit_id where u.round_id = r.id and p.status = 'CONFIRMED'),
              (select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id where u.round_id = r.id
                 and exists (select 1 from xc_clue_transfer t where t.clue_id = c.id)),
              (select count(*) from xc_clue c join xc_unit u on u.id = c.unit_id where u.round_id = r.id and c.status = 'ANSWERED'),
              (select count(*) from xc_rectification_item i join xc_unit u on u.id = i.unit_id where u.round_id = r.id and i.status = 'CLOSED'),
              (select count(*) from xc_rectification_item i join xc_unit u on u.id = i.unit_id where u.round_id = r.id)
            from xc_round r where r.business_key in (:rounds)""")
        .param("rounds", roundKeys)
        .query(rs -> {
          counts.put(rs.getString(1), counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        });
    return counts;
  }

  private static Map<String, Long> counts(long problems, long cluesTransferred, long cluesAnswered, long itemsClosed, long items) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("problems", problems);
    counts.put("cluesTransferred", cluesTransferred);
    counts.put("cluesAnswered", cluesAnswered);
    counts.put("itemsClosed", itemsClosed);
    counts.put("items", items);
    return counts;
  }

  private static String format(Date date) {
    return date == null ? "" : ChinaTime.format(date);
  }

  /** A page's unit: its round, group, name and team. */
  private record UnitRow(String roundKey, String roundName, String group, String name, String team, String roundKind, String county) {
    String key() {
      return roundKey + "/" + group;
    }
  }

  /**
   * What the overview shows; null fields do not narrow. {@code round}, {@code team} and {@code unit}
   * match a name or an id (a round's business key, a team's or unit's group); {@code colour}: a unit
   * with an open task of that colour.
   */
  /**
   * What a page shows; each field narrows, null does not. {@code counties} are the counties whose rounds
   * may appear ({@code Counties}: the user's, or the one a city user chose); null only for callers
   * inside the application that look at every county.
   */
  record Filter(String term, Integer year, String round, String team, String unit, DeadlineColour colour, List<String> counties) {

    Filter(String term, Integer year, String round, String team, String unit, DeadlineColour colour) {
      this(term, year, round, team, unit, colour, null);
    }
  }

  /** One page: its rounds with their units, how many units the filter lets through, this page's number and the number of pages. */
  public record Page(List<RoundView> rounds, long units, int number, int pages) {
  }

  /** Every term and year the counties' rounds have, newest first. */
  record Periods(List<String> terms, List<String> years) {
  }

  /** The choices of the filter's lists; {@code byName}: whether rounds, teams and units are listed (one county shown). */
  public record Options(List<String> terms, List<String> years, List<String> rounds, List<String> teams, List<String> units, boolean byName) {
  }

  /** A round as the overview lists it; {@code county} the code of its county; {@code kind} is its 巡察类型 (常规, 专项 … 回头看), null while it is planned. */
  public record RoundView(String key, String name, String county, String kind, List<TaskView> tasks, List<UnitView> units,
                          Map<String, Long> counts) {
  }

  public record UnitView(String roundKey, String group, String name, String team, String step, List<TaskView> tasks) {
  }

  public record TaskView(String name, String holder, String due, DeadlineColour colour, int step) {
  }

  public record StepView(int number, String name, String started, String ended, boolean open, List<String> actors) {
  }
}

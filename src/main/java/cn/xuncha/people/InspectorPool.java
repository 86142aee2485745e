package cn.xuncha.people;

import cn.xuncha.county.Counties;
import cn.xuncha.people.Inspector.Conflict;
import cn.xuncha.people.Inspector.PastPost;
import cn.xuncha.system.ChinaTime;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pool's tables (xc_inspector and its posts, conflicts and change log). Specialities are kept
 * as one "、"-separated column: they are few, fixed words and are only ever read with their person.
 * Each county keeps its own pool (issue 16 item 2): an entry belongs to the county {@link InspectorPoolService}
 * chose for it when it was added, and is read only by those who see that county ({@link Counties#visible()}).
 */
@Repository
class InspectorPool {

  private static final String SEPARATOR = "、";

  private final JdbcClient jdbc;
  private final Counties counties;

  InspectorPool(JdbcClient jdbc, Counties counties) {
    this.jdbc = jdbc;
    this.counties = counties;
  }

  /** Everyone in the pool ordered by name, with their posts and conflicts: three statements whatever the size. */
  List<Inspector> all() {
    String ofCounties = " x where x.account in (select i.account from xc_inspector i where i.county in (:counties)) order by x.account, x.position";
    Map<String, List<PastPost>> posts = jdbc.sql("select x.* from xc_inspector_post" + ofCounties).param("counties", counties.visible())
        .query((rs, n) -> new Row<>(rs.getString("account"), post(rs))).list().stream()
        .collect(Collectors.groupingBy(Row::account, Collectors.mapping(Row::value, Collectors.toList())));
    Map<String, List<Conflict>> conflicts = jdbc.sql("select x.* from xc_inspector_conflict" + ofCounties).param("counties", counties.visible())
        .query((rs, n) -> new Row<>(rs.getString("account"), new Conflict(rs.getString("unit"), rs.getString("detail")))).list().stream()
        .collect(Collectors.groupingBy(Row::account, Collectors.mapping(Row::value, Collectors.toList())));
    return jdbc.sql("select * from xc_inspector where county in (:counties) order by name, account")
        .param("counties", counties.visible()).query((rs, n) -> inspector(rs,
        posts.getOrDefault(rs.getString("account"), List.of()), conflicts.getOrDefault(rs.getString("account"), List.of()))).list();
  }

  Optional<Inspector> find(String account) {
    List<PastPost> posts = jdbc.sql("select * from xc_inspector_post where account = ? order by position")
        .param(account).query((rs, n) -> post(rs)).list();
    List<Conflict> conflicts = jdbc.sql("select * from xc_inspector_conflict where account = ? order by position")
        .param(account).query((rs, n) -> new Conflict(rs.getString("unit"), rs.getString("detail"))).list();
    return jdbc.sql("select * from xc_inspector where account = :account and county in (:counties)")
        .param("account", account).param("counties", counties.visible())
        .query((rs, n) -> inspector(rs, posts, conflicts)).optional();
  }

  /** The county of the account's entry, whoever sees it: what the pool's rules check an entry against; empty if none. */
  Optional<String> countyOf(String account) {
    return jdbc.sql("select county from xc_inspector where account = ?").param(account).query(String.class).optional();
  }

  /** The county of every entry the user sees ({@link Counties#visible()}), by account. */
  Map<String, String> countyByAccount() {
    return jdbc.sql("select account, county from xc_inspector where county in (:counties)").param("counties", counties.visible())
        .query((rs, n) -> new Row<>(rs.getString("account"), rs.getString("county"))).list().stream()
        .collect(Collectors.toMap(Row::account, Row::value));
  }

  /**
   * Inserts the entry into {@code county}, or replaces the existing entry of its account, which keeps
   * its county; then its posts and conflicts, and logs who changed what. Checks nothing: the rules,
   * which county an entry may go into among them, are {@link InspectorPoolService}'s.
   */
  void save(Inspector person, String county, String by, Instant at, String summary) {
    boolean exists = countyOf(person.account()).isPresent();
    Object[] values = {person.name(), person.unit(), person.post(), person.rank(), person.hometown(),
        String.join(SEPARATOR, person.specialities()), person.mayLead(), person.available(), person.note(), by, Timestamp.from(at),
        person.account(), county};
    jdbc.sql(exists
        ? """
          update xc_inspector set name = ?, unit = ?, post = ?, rank_title = ?, hometown = ?, specialities = ?, may_lead = ?,
          available = ?, note = ?, updated_by = ?, updated_at = ? where account = ?"""
        : """
          insert into xc_inspector (name, unit, post, rank_title, hometown, specialities, may_lead, available, note,
          updated_by, updated_at, account, county) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(exists ? Arrays.copyOf(values, values.length - 1) : values).update();
    jdbc.sql("delete from xc_inspector_post where account = ?").param(person.account()).update();
    jdbc.sql("delete from xc_inspector_conflict where account = ?").param(person.account()).update();
    for (int i = 0; i < person.pastPosts().size(); i++) {
      PastPost post = person.pastPosts().get(i);
      jdbc.sql("insert into xc_inspector_post (account, position, unit, post, from_date, to_date) values (?, ?, ?, ?, ?, ?)")
          .params(person.account(), i, post.unit(), post.post(), Date.valueOf(post.from()), post.to() == null ? null : Date.valueOf(post.to()))
          .update();
    }
    for (int i = 0; i < person.conflicts().size(); i++) {
      Conflict conflict = person.conflicts().get(i);
      jdbc.sql("insert into xc_inspector_conflict (account, position, unit, detail) values (?, ?, ?, ?)")
          .params(person.account(), i, conflict.unit(), conflict.detail()).update();
    }
    jdbc.sql("insert into xc_inspector_change (account, changed_by, changed_at, summary) values (?, ?, ?, ?)")
        .params(person.account(), by, Timestamp.from(at), summary).update();
  }

  /** The entry's change log, newest first. */
  List<InspectorChange> changes(String account) {
    return jdbc.sql("select changed_by, changed_at, summary from xc_inspector_change where account = ? order by changed_at desc, id desc")
        .param(account).query((rs, n) -> new InspectorChange(rs.getString(1), ChinaTime.format(rs.getTimestamp(2)), rs.getString(3))).list();
  }

  private static PastPost post(ResultSet rs) throws SQLException {
    Date to = rs.getDate("to_date");
    return new PastPost(rs.getString("unit"), rs.getString("post"), rs.getDate("from_date").toLocalDate(), to == null ? null : to.toLocalDate());
  }

  private static Inspector inspector(ResultSet rs, List<PastPost> posts, List<Conflict> conflicts) throws SQLException {
    String specialities = rs.getString("specialities");
    return new Inspector(rs.getString("account"), rs.getString("name"), rs.getString("unit"), rs.getString("post"),
        rs.getString("rank_title"), rs.getString("hometown"),
        specialities.isEmpty() ? List.of() : Arrays.asList(specialities.split(SEPARATOR)),
        rs.getBoolean("may_lead"), rs.getBoolean("available"), rs.getString("note"), posts, conflicts);
  }

  private record Row<T>(String account, T value) {
  }
}

package cn.xuncha.people;

import java.time.LocalDate;
import java.util.List;

/**
 * One entry of the 巡察工作人才库 (实施办法 第九条): a Camunda account that may serve on a team, its
 * current unit, post and rank, the fields it knows (纪检监察、组织、政法、编制、信访、审计、财税 …),
 * whether it may lead a team (组长库; 第八条: 组长由正科级领导干部担任), whether it is available, and
 * what 回避 needs (第八条: 公务回避、任职回避、地域回避): past posts, hometown, declared conflicts.
 */
public record Inspector(
    String account,
    String name,
    String unit,
    String post,
    String rank,
    String hometown,
    List<String> specialities,
    boolean mayLead,
    boolean available,
    String note,
    List<PastPost> pastPosts,
    List<Conflict> conflicts) {

  /** Ranks a county office records, highest first; the first three may lead a team (第八条). */
  public static final List<String> RANKS = List.of("正处级", "副处级", "正科级", "副科级", "科员", "其他");
  public static final List<String> LEADER_RANKS = RANKS.subList(0, 3);
  /** The fields 第九条 names, plus 法律 and 财务 which county offices list separately. */
  public static final List<String> SPECIALITIES = List.of("纪检监察", "组织", "政法", "编制", "信访", "审计", "财税", "财务", "法律");

  public Inspector {
    specialities = specialities == null ? List.of() : List.copyOf(specialities);
    pastPosts = pastPosts == null ? List.of() : List.copyOf(pastPosts);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
  }

  /** A post held until {@code to} (null: still held, e.g. a concurrent post). */
  public record PastPost(String unit, String post, LocalDate from, LocalDate to) {
  }

  /** A unit the person must not inspect: a relative works there, or another declared reason. */
  public record Conflict(String unit, String detail) {
  }
}

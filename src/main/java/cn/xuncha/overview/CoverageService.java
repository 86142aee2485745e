package cn.xuncha.overview;

import cn.xuncha.county.Counties;
import cn.xuncha.round.RoundKind;
import cn.xuncha.round.UnitKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Full coverage (办法 第十三条): every unit of the county is inspected at least once per committee
 * term. The county's units are its configured list ({@link cn.xuncha.county.CountySettings}) and every unit an
 * approved plan has named, of every kind of 办法 第十一条 (townships, departments, villages …).
 */
@Service
class CoverageService {

  private final JdbcClient jdbc;
  private final Counties counties;

  CoverageService(JdbcClient jdbc, Counties counties) {
    this.jdbc = jdbc;
    this.counties = counties;
  }

  /**
   * The term of the latest approved round, and for each unit of the county the rounds of that term that
   * inspected it, each with the kind of inspection the unit got where it is not 常规 (“第三轮巡察（回头看）”).
   * Only rounds and configured units of {@code counties}.
   */
  Coverage currentTerm(List<String> counties) {
    String term = jdbc.sql("select term from xc_round where status = 'APPROVED' and county in (:counties) order by approved_at desc")
        .param("counties", counties).query(String.class).list().stream().findFirst().orElse(null);
    Map<String, List<String>> roundsOfUnit = new LinkedHashMap<>();
    Map<String, String> kindOfUnit = new HashMap<>();
    Set<String> units = new LinkedHashSet<>();
    counties.forEach(county -> units.addAll(this.counties.settings(county).units()));
    jdbc.sql("""
            select u.name unit_name, u.kind, r.name round_name, r.term, coalesce(u.inspection_kind, r.kind) inspected_as
            from xc_unit u join xc_round r on r.id = u.round_id
            where r.status = 'APPROVED' and r.county in (:counties) order by r.approved_at, u.id""")
        .param("counties", counties)
        .query(rs -> {
          units.add(rs.getString("unit_name"));
          kindOfUnit.put(rs.getString("unit_name"), UnitKind.valueOf(rs.getString("kind")).label());
          if (rs.getString("term").equals(term)) {
            RoundKind inspectedAs = RoundKind.valueOf(rs.getString("inspected_as"));
            roundsOfUnit.computeIfAbsent(rs.getString("unit_name"), name -> new ArrayList<>())
                .add(rs.getString("round_name") + (inspectedAs == RoundKind.REGULAR ? "" : "（" + inspectedAs.label() + "）"));
          }
        });
    List<Row> rows = units.stream()
        .map(unit -> new Row(unit, kindOfUnit.getOrDefault(unit, ""), roundsOfUnit.getOrDefault(unit, List.of()))).toList();
    return new Coverage(term, rows, rows.stream().filter(row -> row.rounds().isEmpty()).count());
  }

  public record Coverage(String term, List<Row> rows, long notInspected) {
  }

  /** A unit of the county, its kind as the latest approved plan names it (blank for a configured unit never planned), the term's rounds. */
  public record Row(String unit, String kind, List<String> rounds) {
  }
}

package cn.xuncha.onsite;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Step 6 (开展巡察): which villages are inspected, the mobile-inspection villages the team names
 * within 7 days of entry and the leading group approves (方案 二(二), 四(五)), and the withdrawal.
 */
@Service
public class OnSiteService {

  private final RoundUnits rounds;
  private final JdbcClient jdbc;
  private final Clock clock;

  OnSiteService(RoundUnits rounds, JdbcClient jdbc, Clock clock) {
    this.rounds = rounds;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The villages inspected so far, in the plan's order. */
  public List<String> inspectedVillages(UnitRef unit) {
    return jdbc.sql("""
            select v.name from xc_inspected_village i join xc_village v on v.id = i.village_id
            where i.unit_id = ? order by v.position""")
        .param(unit.unitId()).query(String.class).list();
  }

  /** The unit's villages not yet inspected: the candidates for mobile inspection. */
  List<String> remainingVillages(UnitRef unit) {
    List<String> inspected = inspectedVillages(unit);
    return unit.unit().villages().stream().filter(village -> !inspected.contains(village)).toList();
  }

  void propose(UnitRef unit, List<String> villages, String reason, String actor) {
    jdbc.sql("""
            insert into xc_mobile_proposal (unit_id, villages, reason, status, proposed_by, proposed_at)
            values (?, ?, ?, 'PROPOSED', ?, ?)""")
        .params(unit.unitId(), String.join("\n", villages), reason, actor, now()).update();
  }

  Optional<MobileProposal> lastProposal(UnitRef unit) {
    return jdbc.sql("""
            select id, villages, reason, status from xc_mobile_proposal where unit_id = ?
            order by id desc""")
        .param(unit.unitId())
        .query((rs, row) -> new MobileProposal(rs.getLong("id"), List.of(rs.getString("villages").split("\n")),
            rs.getString("reason"), rs.getString("status")))
        .list().stream().findFirst();
  }

  /** The proposal the leading group is to decide on. */
  MobileProposal openProposal(UnitRef unit) {
    return lastProposal(unit).filter(p -> p.status().equals("PROPOSED"))
        .orElseThrow(() -> new IllegalStateException("No open mobile-inspection proposal for unit " + unit.unitId()));
  }

  /** Marks the open proposal approved or returned; the review itself is stored by {@link MobileVillagesApprovalTask}. */
  void decide(UnitRef unit, boolean approve) {
    jdbc.sql("update xc_mobile_proposal set status = ? where id = ?")
        .params(approve ? "APPROVED" : "RETURNED", openProposal(unit).id()).update();
  }

  /** The approved villages are announced and join the inspection. */
  void announceApproved(UnitRef unit) {
    MobileProposal proposal = lastProposal(unit).filter(p -> p.status().equals("APPROVED"))
        .orElseThrow(() -> new IllegalStateException("No approved mobile-inspection proposal for unit " + unit.unitId()));
    for (String village : proposal.villages()) {
      jdbc.sql("insert into xc_inspected_village (unit_id, village_id, kind, added_at) values (?, ?, 'MOBILE', ?)")
          .params(unit.unitId(), rounds.villageId(unit, village).orElseThrow(), now()).update();
    }
  }

  void withdraw(UnitRef unit) {
    jdbc.sql("update xc_unit set withdrawn_at = ? where id = ?").params(now(), unit.unitId()).update();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  record MobileProposal(long id, List<String> villages, String reason, String status) {
  }
}

package cn.xuncha.teamplan;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.FormSubmission;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Step 4 (制定方案): each team drafts the work plan for its unit and files it with the office by
 * the plan's filing date (方案 四(四)); the office files it (备案) or returns it with a comment
 * ({@link TeamPlanFilingTask}).
 */
@Service
public class TeamPlanService {

  private final RoundUnits rounds;
  private final UnitRecords records;
  /** The team plan's filing deadline in processes/deadlines.yaml (方案 四(四)); a plan submitted after it is late. */
  private static final String TEAM_PLAN_DEADLINE = "D7";

  private final Deadlines deadlines;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Reviews reviews;

  TeamPlanService(RoundUnits rounds, UnitRecords records, Deadlines deadlines, JdbcClient jdbc, Clock clock,
                  Reviews reviews) {
    this.reviews = reviews;
    this.rounds = rounds;
    this.records = records;
    this.deadlines = deadlines;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The plan as last submitted, for the draft form after a return and for the office's filing. */
  Optional<TeamPlan> lastSubmitted(UnitRef unit) {
    return records.find(unit.unitId(), TeamPlan.class);
  }

  /** Checks and stores the team's plan; a plan filed after the filing date is stored as late. */
  void submit(UnitRef unit, FormSubmission form, String actor) {
    TeamPlan plan = form.read(TeamPlan.class);
    if (unit.unit().coverage() == Coverage.PARTIAL) {
      String label = "先行巡察的村（社区）";
      for (String village : plan.initialVillages()) {
        form.requireThat(unit.unit().villages().contains(village), label + "：" + village + " 不是" + unit.unit().name() + "所辖的村（社区）");
      }
      form.requireThat(plan.initialVillages().size() == unit.unit().initialVillages(),
          label + "：按巡察工作方案须选择 " + unit.unit().initialVillages() + " 个，现选择了 " + plan.initialVillages().size() + " 个");
    } else {
      form.requireThat(plan.initialVillages().isEmpty(), "先行巡察的村（社区）：本单位按巡察工作方案为“"
          + unit.unit().coverage().label() + "”，不选择先行巡察的村");
    }
    form.check();
    Instant now = clock.instant();
    records.save(unit.unitId(), plan.submitted(now.isAfter(deadlines.dueFrom(TEAM_PLAN_DEADLINE, unit.round().planFilingDate()).toInstant())),
        actor, now);
  }

  /**
   * Filing fixes which villages the inspection starts with: all of them, the ones the round plan
   * names, the ones the team chose first (mobile villages follow in step 6), or none.
   */
  @Transactional
  public void filed(UnitRef unit) {
    TeamPlan plan = records.find(unit.unitId(), TeamPlan.class).orElseThrow();
    Instant now = clock.instant();
    Coverage coverage = unit.unit().coverage();
    List<String> initial = switch (coverage) {
      case ALL -> unit.unit().villages();
      case NAMED -> unit.unit().namedVillages();
      case PARTIAL -> plan.initialVillages();
      case NONE -> List.of();
    };
    String kind = coverage == Coverage.PARTIAL ? "INITIAL" : coverage.name();
    for (String village : initial) {
      jdbc.sql("insert into xc_inspected_village (unit_id, village_id, kind, added_at) values (?, ?, ?, ?)")
          .params(unit.unitId(), rounds.villageId(unit, village).orElseThrow(), kind, Timestamp.from(now)).update();
    }
  }

  /** The comment of the office's last return, shown on the team's draft task. */
  Optional<String> lastReturnComment(UnitRef unit) {
    return reviews.lastReturnComment(Subject.unit(unit), ReviewKind.TEAM_PLAN_FILING);
  }
}

package cn.xuncha.teamplan;

import cn.xuncha.calendar.DeadlineService;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundPlan.Coverage;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormSubmission;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** The sections 方案 四(四) asks of a team's plan, in its order: field key and Chinese label. */
  static final Map<String, String> SECTIONS = sections();
  static final String INITIAL_VILLAGES = "initialVillages";

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final DeadlineService deadlines;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final Reviews reviews;

  TeamPlanService(RoundUnits rounds, UnitRecords records, DeadlineService deadlines, JdbcClient jdbc, Clock clock,
                  Reviews reviews) {
    this.reviews = reviews;
    this.rounds = rounds;
    this.records = records;
    this.deadlines = deadlines;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The plan as last submitted, for the draft form after a return. */
  Map<String, Object> lastSubmitted(UnitRef unit) {
    return records.find(unit.unitId(), Kind.TEAM_PLAN).orElseGet(Map::of);
  }

  /** Checks and stores the team's plan; a plan filed after the filing date is stored as late. */
  void submit(UnitRef unit, FormSubmission form, String actor) {
    Map<String, Object> plan = new LinkedHashMap<>();
    SECTIONS.forEach((field, label) -> plan.put(field, form.requiredText(field, label, 8000)));
    if (unit.unit().coverage() == Coverage.PARTIAL) {
      List<String> initial = form.selection(INITIAL_VILLAGES, "先行巡察的村（社区）");
      for (String village : initial) {
        form.requireThat(unit.unit().villages().contains(village), "先行巡察的村（社区）：" + village + " 不是" + unit.unit().name() + "所辖的村（社区）");
      }
      form.requireThat(initial.size() == unit.unit().initialVillages(),
          "先行巡察的村（社区）：按巡察工作方案须选择 " + unit.unit().initialVillages() + " 个，现选择了 " + initial.size() + " 个");
      plan.put(INITIAL_VILLAGES, initial);
    }
    form.check();
    Instant now = clock.instant();
    plan.put("late", now.isAfter(deadlines.endOf(unit.plan().planFilingDate().toString()).toInstant()));
    records.save(unit.unitId(), Kind.TEAM_PLAN, plan, actor, now);
  }

  /** Filing fixes which villages the inspection starts with. */
  @Transactional
  public void filed(UnitRef unit) {
    Map<String, Object> plan = records.find(unit.unitId(), Kind.TEAM_PLAN).orElseThrow();
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<String> initial = unit.unit().coverage() == Coverage.PARTIAL
        ? (List<String>) plan.get(INITIAL_VILLAGES) : unit.unit().villages();
    String kind = unit.unit().coverage() == Coverage.PARTIAL ? "INITIAL" : "ALL";
    for (String village : initial) {
      jdbc.sql("insert into xc_inspected_village (unit_id, village_id, kind, added_at) values (?, ?, ?, ?)")
          .params(unit.unitId(), rounds.villageId(unit, village).orElseThrow(), kind, Timestamp.from(now)).update();
    }
  }

  /** The comment of the office's last return, shown on the team's draft task. */
  Optional<String> lastReturnComment(UnitRef unit) {
    return reviews.lastReturnComment(Subject.unit(unit), ReviewKind.TEAM_PLAN_FILING);
  }

  private static Map<String, String> sections() {
    Map<String, String> sections = new LinkedHashMap<>();
    sections.put("tasks", "工作任务");
    sections.put("focus", "监督重点");
    sections.put("methods", "方法步骤");
    sections.put("schedule", "时间安排");
    sections.put("staffing", "人员分工");
    sections.put("discipline", "纪律要求");
    sections.put("branchPlan", "临时党支部工作计划");
    sections.put("petitionContingency", "信访应急预案");
    sections.put("talkContingency", "个别谈话预案");
    sections.put("inquiryContingency", "深入了解预案");
    return sections;
  }
}

package cn.xuncha.rectification;

import static cn.xuncha.ProcedureSteps.beijing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.report.ReportSeed;
import cn.xuncha.report.ReportService;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.StepTestSupport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Step 9, {@code step-09-rectification-item} (办法 第十八条（九）): one item of the accepted ledger,
 * rectified by the unit within the item's own deadline and closed (销号) or returned by the office.
 * Started directly on a ledger seeded with one open item due on 2022-07-20.
 */
@XunchaSpringTest
class RectificationItemStepTest extends StepTestSupport {

  @Autowired
  ReportService reports;
  @Autowired
  RectificationService rectification;
  @Autowired
  Reviews reviews;
  @Autowired
  JdbcClient jdbc;
  UnitRef unit;
  ProcessInstance item;

  @BeforeEach
  void setUp() {
    String round = fixture.sampleRoundAt("2022-07-05T09:00");
    unit = units.unit(round, "unit1");
    long paper = new ReportSeed(reports, jdbc).reportWithProblems(unit, "三重一大事项未经集体研究").get(0);
    rectification.replaceLedger(unit, List.of(
        new RectificationService.Item(null, paper, null, "建立三重一大事项集体决策台账", LocalDate.parse("2022-07-20"), "乡党委书记", null, null, 0)));
    String itemId = rectification.openItems(round, "unit1").get(0);
    item = fixture.startForUnit("step-09-rectification-item", round, "unit1", Map.of("itemId", itemId));
  }

  @Test
  void itemIsGrantedToTheUnitAndTheTeamAndClosesWhenTheOfficeVerifiesIt() {
    assertThat(new ProcedureSteps(engine).readers(item)).containsExactlyInAnyOrder("unit1", steps.teamGroup(item, 1));
    assertThat(visibleTo("unit1")).isOne();
    assertThat(visibleTo("team1-leader")).isOne();
    assertThat(visibleTo("unit2")).isZero();
    assertThat(item).isWaitingAt("Task_RectifyItem").task().hasCandidateGroup("unit1").hasDueDate(beijing("2022-07-20T23:59:59.999"));

    steps.complete("unit1", item, "Task_RectifyItem", null, Map.of("evidence", "决策台账"));
    assertThat(statuses()).containsOnly("SUBMITTED");
    assertThat(item).isWaitingAt("Task_VerifyItem").task().hasCandidateGroup("office");
    steps.complete("office1", item, "Task_VerifyItem", null, ProcedureSteps.APPROVE);

    assertThat(statuses()).containsOnly("CLOSED");
    assertThat(item).isEnded().hasPassed("Gateway_ItemVerified", "EndEvent_RectificationItemStep");
    assertThat(steps.watch(item, "rectification-item")).as("the item's deadline is no longer watched").isNull();
  }

  @Test
  void officeReturnsTheEvidenceAndTheUnitRectifiesAgainAndEveryVerificationIsStored() {
    steps.complete("unit1", item, "Task_RectifyItem", null, Map.of("evidence", "会议记录"));
    steps.complete("office1", item, "Task_VerifyItem", null, Map.of("outcome", "return", "comment", "缺少决策台账"));
    assertThat(item).isWaitingAt("Task_RectifyItem").hasNotPassed("EndEvent_RectificationItemStep");
    assertThat(statuses()).containsOnly("OPEN");

    steps.complete("unit1", item, "Task_RectifyItem", null, Map.of("evidence", "决策台账"));
    steps.complete("office1", item, "Task_VerifyItem", null, ProcedureSteps.APPROVE);
    assertThat(statuses()).containsOnly("CLOSED");
    assertThat(item).isEnded();
    long id = rectification.ledger(unit).get(0).id();
    assertThat(reviews.history(Subject.record(unit, id), ReviewKind.RECTIFICATION_ITEM))
        .extracting(Review::outcome, Review::comment, Review::actor)
        .containsExactly(tuple(ReviewOutcome.RETURN, "缺少决策台账", "office1"), tuple(ReviewOutcome.APPROVE, null, "office1"));
  }

  @Test
  void itemPastItsOwnDeadlineIsRemindedAndReachesTheOffice() {
    ProcessInstance watch = steps.watch(item, "rectification-item");
    // Reminded two working days before the item's deadline, escalated the day after it.
    deadlines.remindsThenEscalates(item, "Task_RectifyItem", "rectification-item", "2022-07-18T00:00", "2022-07-21T00:00");

    steps.complete("office1", watch, "Task_Overdue", null, Map.of("actionTaken", "督促限期整改"));
    assertThat(watch).isEnded().hasPassed("EndEvent_Escalated");
    assertThat(item).isWaitingAt("Task_RectifyItem");
  }

  private long visibleTo(String user) {
    return steps.plan().as(user, () -> engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(item.getId()).count());
  }

  private List<String> statuses() {
    return rectification.ledger(unit).stream().map(RectificationService.Item::status).toList();
  }
}

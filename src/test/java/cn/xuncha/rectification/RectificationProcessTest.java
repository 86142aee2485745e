package cn.xuncha.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Step 9 of one unit: plan and ledger, item-by-item closure, the written report, follow-up and accountability. */
@XunchaSpringTest
class RectificationProcessTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  JdbcClient jdbc;
  ProcedureSteps steps;
  ProcessInstance unit;

  @BeforeEach
  void setUp() {
    steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    unit = steps.withdrawn(round, 1);
    steps.reportAndFeedBack(unit, 1, "unit1");
  }

  @Test
  void ledgerNeedsAMeasureDeadlineAndResponsiblePersonForEveryProblem() {
    ProcedureSteps.at("2022-07-05T09:00");
    assertThatThrownBy(() -> steps.complete("unit1", unit, "Task_FileRectificationPlan", null,
        Map.of("plan", "整改方案", "items", List.of(Map.of("paperId", "999999", "measure", "x")))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("整改台账第 1 项：不是巡察报告发现问题清单中的问题")
        .hasMessageContaining("整改台账：每个发现问题都须有整改项，还缺 1 项");
    assertThatThrownBy(() -> steps.fileRectificationPlan(unit, "unit1", "2022-07-01"))
        .isInstanceOf(InvalidInputException.class).hasMessage("整改台账第 1 项：完成时限不能早于今天");
    assertThat(unit).isWaitingAt("Task_FileRectificationPlan");

    steps.fileRectificationPlan(unit, "unit1", "2022-07-20");
    steps.complete("office1", unit, "Task_ReviewRectificationPlan", null, ProcedureSteps.review("return", "措施不具体"));
    assertThat(unit).isWaitingAt("Task_FileRectificationPlan");
    assertThat(engine.getTaskService().getVariable(steps.task(unit, "Task_FileRectificationPlan", null).getId(), "returnComment"))
        .isEqualTo("措施不具体");
    assertThat(reviews("RECTIFICATION_PLAN")).containsExactly("RETURN 措施不具体 office1");
  }

  @Test
  void itemsCloseOnlyWhenVerifiedCanBeReopenedAndRefusalGoesToTheLeadingGroup() {
    ProcedureSteps.at("2022-07-05T09:00");
    steps.fileRectificationPlan(unit, "unit1", "2022-07-20");
    steps.complete("office1", unit, "Task_ReviewRectificationPlan", null, ProcedureSteps.APPROVE);
    assertThat(unit).isWaitingAt("Task_RectifyItem", "Task_ReportRectification");

    steps.complete("unit1", unit, "Task_RectifyItem", null, Map.of("evidence", "会议记录"));
    steps.complete("office1", unit, "Task_VerifyItem", null, ProcedureSteps.review("return", "缺少决策台账"));
    assertThat(unit).isWaitingAt("Task_RectifyItem");
    assertThat(statuses()).containsOnly("OPEN");
    steps.complete("unit1", unit, "Task_RectifyItem", null, Map.of("evidence", "决策台账"));
    steps.complete("office1", unit, "Task_VerifyItem", null, ProcedureSteps.APPROVE);
    assertThat(statuses()).containsOnly("CLOSED");
    assertThat(unit).isWaitingAt("Task_FollowUp", "Task_ReportRectification");
    assertThat(reviews("RECTIFICATION_PLAN")).containsExactly("APPROVE null office1");
    assertThat(reviews("RECTIFICATION_ITEM")).containsExactly("RETURN 缺少决策台账 office1", "APPROVE null office1");

    String item = jdbc.sql("select id from xc_rectification_item where status = 'CLOSED' and evidence = '决策台账'")
        .query(Long.class).list().get(0).toString();
    steps.complete("office1", unit, "Task_FollowUp", null, Map.of("followUpDecision", "reopen", "reopenItems", List.of(item)));
    assertThat(unit).isWaitingAt("Task_RectifyItem");
    assertThat((String) engine.getTaskService().getVariable(steps.task(unit, "Task_RectifyItem", null).getId(), "item"))
        .contains("该项已被重新打开 1 次");
    steps.complete("unit1", unit, "Task_RectifyItem", null, Map.of("evidence", "决策台账（补充）"));
    steps.complete("office1", unit, "Task_VerifyItem", null, ProcedureSteps.APPROVE);

    assertThatThrownBy(() -> steps.complete("office1", unit, "Task_FollowUp", null, Map.of("followUpDecision", "accountability")))
        .isInstanceOf(InvalidInputException.class).hasMessage("提请问责的理由：不能为空");
    steps.complete("office1", unit, "Task_FollowUp", null,
        Map.of("followUpDecision", "accountability", "accountabilityReason", "拒不纠正村级财务问题"));
    assertThat(unit).isWaitingAt("Task_DecideAccountability").task("Task_DecideAccountability").hasCandidateGroup("leading-group");
    steps.complete("leader1", unit, "Task_DecideAccountability", null, Map.of("accountabilityDecision", "对乡党委书记进行约谈"));
    assertThat(jdbc.sql("select decision from xc_accountability where reason = '拒不纠正村级财务问题'").query(String.class).list())
        .contains("对乡党委书记进行约谈");
    steps.complete("office1", unit, "Task_FollowUp", null, Map.of("followUpDecision", "done"));
    steps.complete("unit1", unit, "Task_ReportRectification", null, Map.of("rectificationReport", "整改落实情况报告"));
    assertThat(unit).isWaitingAt("Task_PublishResults");
  }

  @Test
  void latePlanLateItemAndLateReportEachReachTheOffice() {
    ProcedureSteps.at("2022-07-14T00:00");
    assertThat(steps.fireDueTimers(unit)).isEqualTo(2);
    assertThat(unit).isWaitingAt("Task_FileRectificationPlan", "Task_FileRectificationPlanOverdue");
    steps.complete("office1", unit, "Task_FileRectificationPlanOverdue", null, Map.of("actionTaken", "书面催报"));

    steps.fileRectificationPlan(unit, "unit1", "2022-07-20");
    steps.complete("office1", unit, "Task_ReviewRectificationPlan", null, ProcedureSteps.APPROVE);
    ProcedureSteps.at("2022-07-21T00:00");
    steps.fireDueTimers(unit);
    assertThat(unit).isWaitingAt("Task_ItemOverdue");
    steps.complete("office1", unit, "Task_ItemOverdue", null, Map.of("actionTaken", "督促限期整改"));

    ProcedureSteps.at("2022-07-30T00:00");
    steps.fireDueTimers(unit);
    assertThat(unit).isWaitingAt("Task_ReportRectificationOverdue", "Task_RectifyItem", "Task_ReportRectification");
    steps.complete("office1", unit, "Task_ReportRectificationOverdue", null, Map.of("actionTaken", "通报批评"));
    assertThat(unit).hasPassed("EndEvent_FileRectificationPlanReminded", "EndEvent_FileRectificationPlanEscalated",
        "EndEvent_ItemEscalated", "EndEvent_ReportRectificationReminded", "EndEvent_ReportRectificationEscalated");
  }

  /** The stored reviews of this round by kind, in order, as "outcome comment actor". */
  private List<String> reviews(String kind) {
    return jdbc.sql("""
            select r.outcome || ' ' || coalesce(r.comment, 'null') || ' ' || r.actor from xc_review r
            join xc_round o on o.id = r.round_id where o.business_key = ? and r.kind = ? order by r.id""")
        .params(engine.getRuntimeService().getVariable(unit.getId(), "roundKey"), kind).query(String.class).list();
  }

  private List<String> statuses() {
    return jdbc.sql("""
            select i.status from xc_rectification_item i join xc_unit u on u.id = i.unit_id
            join xc_round r on r.id = u.round_id where r.business_key = ?""")
        .param(engine.getRuntimeService().getVariable(unit.getId(), "roundKey")).query(String.class).list();
  }
}

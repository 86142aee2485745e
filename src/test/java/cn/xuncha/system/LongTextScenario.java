package cn.xuncha.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.ProcedureSteps;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The longest texts the forms allow (20,000 characters of Chinese, 60 kB of UTF-8) through report,
 * feedback and rectification plan of one unit, on whichever database the caller gives: each is
 * stored whole in the unit's records; the engine holds a submitted text only where a task shows it
 * again (the returned report's draft, a variable of that task), never as a process variable; one
 * character more is refused in Chinese naming the limit, with nothing stored.
 */
final class LongTextScenario {

  static final int FORM_LIMIT = 20_000;
  private static final List<String> REPORT_TEXTS = List.of("situationReport", "talkReport", "clueReport", "secretarySuggestions");

  private LongTextScenario() {
  }

  static void run(ProcessEngine engine, JdbcClient jdbc) {
    ProcedureSteps steps = new ProcedureSteps(engine);
    ProcedureSteps.at("2022-04-01T09:00");
    ProcessInstance round = steps.approvedRound();
    ProcessInstance unit = steps.withdrawn(round, 1);

    ProcedureSteps.at("2022-06-20T09:00");
    assertThatThrownBy(() -> steps.draftReport(unit, 1, Map.of("situationReport", text('报', FORM_LIMIT + 1))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("巡察情况报告：过长（最多 20000 字）");
    assertThat(record(jdbc, round, "REPORT")).isEmpty();

    Map<String, Object> report = new LinkedHashMap<>();
    REPORT_TEXTS.forEach(key -> report.put(key, text((char) ('甲' + REPORT_TEXTS.indexOf(key)), FORM_LIMIT)));
    steps.draftReport(unit, 1, report);
    steps.reviewReport(unit, "Task_ConsultReport", "return", "请补充谈话人数");
    String redraft = steps.task(unit, "Task_DraftReport", null).getId();
    assertThat(engine.getTaskService().getVariablesLocal(redraft, REPORT_TEXTS)).containsAllEntriesOf(report);
    steps.draftReport(unit, 1, report);
    steps.reviewReport(unit, "Task_ConsultReport", "approve", null);
    ProcedureSteps.at("2022-06-27T09:00");
    steps.reviewReport(unit, "Task_ReviewReport", "approve", null);
    steps.complete("committee1", unit, "Task_SecretaryMeeting", null, Map.of("meetingOn", "2022-06-27", "decisions", "同意报告，督促整改"));
    ProcedureSteps.at("2022-06-29T09:00");
    String demands = text('改', FORM_LIMIT);
    steps.giveFeedback(unit, 1, "2022-06-29", Map.of("demands", demands));
    steps.confirmFeedback(unit, "unit1", "2022-06-29");
    String plan = text('案', FORM_LIMIT);
    steps.fileRectificationPlan(unit, "unit1", "2022-07-20", Map.of("plan", plan));

    assertThat(record(jdbc, round, "REPORT")).containsAllEntriesOf(report);
    assertThat(record(jdbc, round, "FEEDBACK")).containsEntry("demands", demands);
    assertThat(record(jdbc, round, "RECTIFICATION_PLAN")).containsEntry("plan", plan);
    String[] unitInstances = engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(unit.getBusinessKey()).list().stream().map(instance -> instance.getId()).toArray(String[]::new);
    // Submitted values are transient (TransientFormFields): the texts are in the engine only as values tasks show (the redraft, the reviews).
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(unitInstances)
        .variableNameIn("demands", "plan").list()).isEmpty();
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceIdIn(unitInstances).list())
        .filteredOn(variable -> variable.getValue() instanceof String text && text.length() > LongTextPlugin.TEXT_COLUMN_LENGTH)
        .hasSizeGreaterThanOrEqualTo(REPORT_TEXTS.size())
        .allSatisfy(variable -> assertThat(variable.getTaskId()).as("task of %s", variable.getName()).isNotNull());
  }

  private static String text(char character, int length) {
    return String.valueOf(character).repeat(length);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> record(JdbcClient jdbc, ProcessInstance round, String kind) {
    return jdbc.sql("""
            select r.content from xc_unit_record r join xc_unit u on u.id = r.unit_id join xc_round o on o.id = u.round_id
            where o.business_key = ? and u.group_id = 'unit1' and r.kind = ?""")
        .params(round.getBusinessKey(), kind).query(String.class).optional()
        .map(json -> {
          try {
            return (Map<String, Object>) new ObjectMapper().readValue(json, Map.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        }).orElse(Map.of());
  }
}

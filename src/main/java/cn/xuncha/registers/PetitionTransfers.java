package cn.xuncha.registers;

import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The handling of a petition the team transferred to a department (办法 第十五条, 方案 四(三)):
 * process {@code processes/petition-transfer.bpmn}, one instance per petition, granted to the
 * receiving department alone. Its task is due at the end of the reply day the team set (deadline
 * {@code petition-reply} of the deadline table, so the reminder before it and the office's
 * escalation after it come from {@code cn.xuncha.escalation}); the department's written reply is
 * recorded back on the petition's row of the register. The department sees what the petition is
 * about, never who sent it.
 */
@Component("petitionReply")
class PetitionTransfers extends FormTask {

  static final String PROCESS = "petition-transfer";
  static final String PETITION_ID = "petitionId";
  static final String DEPARTMENT = "department";
  static final String REPLY_DUE = "replyDue";

  private final RegisterProcesses processes;
  private final RoundUnits units;
  private final JdbcClient jdbc;
  private final Clock clock;

  PetitionTransfers(RegisterProcesses processes, RoundUnits units, JdbcClient jdbc, Clock clock) {
    this.processes = processes;
    this.units = units;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Starts the department's handling of the unit's petition, due at the end of {@code replyDue} (Beijing time). */
  void start(UnitRef unit, long petitionId, String department, LocalDate replyDue) {
    processes.start(PROCESS, unit, "petition", PETITION_ID, petitionId, department, Map.of(DEPARTMENT, department, REPLY_DUE, replyDue));
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    Map<String, Object> petition = jdbc.sql("select received_on, channel_kind, village, content from xc_petition where id = ?")
        .param(petitionId(task)).query().singleRow();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("petition", "**" + escape(units.unitOf(task).unit().name()) + (petition.get("village") == null ? "" : "·" + escape((String) petition.get("village")))
        + "**　" + petition.get("received_on") + " 经" + petition.get("channel_kind") + "受理\n\n" + escape((String) petition.get("content")));
    values.put("replyDue", ChinaTime.format((Date) task.getVariable(REPLY_DUE)).substring(0, 10));
    values.put("reply", null);
    return values;
  }

  /** Records the department's reply on the petition; refuses an empty or overlong reply. */
  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String reply = form.requiredText("reply", "办理情况书面回复", 8000);
    form.check();
    jdbc.sql("update xc_petition set reply = ?, replied_by = ?, replied_at = ? where id = ?")
        .params(reply, Actors.of(task), Timestamp.from(clock.instant()), petitionId(task)).update();
  }

  private static long petitionId(DelegateTask task) {
    return ((Number) task.getVariable(PETITION_ID)).longValue();
  }
}

package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormField;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 调阅登记 (办法 第十五条 调阅、复制有关文件、档案、会议记录和账目): each request of the team to the
 * unit — what, asked on which day and due by which, when it was received and returned, what was
 * found. Each request is the unit's task (process {@code file-request}) due at the end of its due
 * day: reminded on that day, escalated to the office after it (deadline {@code file-request}); it
 * ends when the unit provides the files or the team records them received. A request not received
 * by its due day counts as overdue.
 */
@Repository
public class FileRequestRegister {

  /** What the team may ask for, as 第十五条 lists it. */
  static final List<String> CATEGORIES = List.of("文件资料", "档案", "会议记录", "财务账目", "其他");

  static final String PROCESS = "file-request";
  static final String KIND = "file";
  static final String REQUEST_ID = "requestId";
  static final String DUE_ON = "dueOn";
  /** The message ending the unit's task when the team records the files received ({@code Message_FilesReceived}). */
  static final String RECEIVED = "filesReceived";

  private final JdbcClient jdbc;
  private final RegisterEntries entries;
  private final RegisterProcesses processes;
  private final Clock clock;

  FileRequestRegister(JdbcClient jdbc, RegisterEntries entries, RegisterProcesses processes, Clock clock) {
    this.jdbc = jdbc;
    this.entries = entries;
    this.processes = processes;
    this.clock = clock;
  }

  /** A request as the team records it. */
  record Request(@FormField(value = "调阅类别", maxLength = 20) String category,
                 @FormField(value = "调阅内容", maxLength = 2000) String description,
                 @FormField("调阅日期") LocalDate requestedOn,
                 @FormField("提供期限") LocalDate dueOn) {
  }

  /** The progress of a request; what is left blank keeps its value. */
  record Progress(@FormField(value = "收到日期", required = false) LocalDate receivedOn,
                  @FormField(value = "归还日期", required = false) LocalDate returnedOn,
                  @FormField(value = "发现的问题", maxLength = 8000, required = false) String findings) {
  }

  /**
   * Records a request from {@code fields} ({@link Request}); returns its id. Refuses, storing
   * nothing, outside the stay, an unknown category, a request date outside the stay or after today,
   * and a due day before the request day.
   */
  @Transactional
  long record(UnitRef unit, Map<String, ?> fields, String actor) {
    Request request = entries.read(unit, fields, Request.class, (entry, form, today) -> {
      form.requireThat(entry.category() == null || CATEGORIES.contains(entry.category()),
          "调阅类别：请从" + String.join("、", CATEGORIES) + "中选择");
      Stay.within(form, entry.requestedOn(), "调阅日期", unit.round(), today);
      form.requireThat(entry.requestedOn() == null || entry.dueOn() == null || !entry.dueOn().isBefore(entry.requestedOn()),
          "提供期限：不能早于调阅日期");
    });
    long id = entries.insert("xc_file_request", unit, actor, RegisterEntries.columns("category", request.category(),
        "description", request.description(), "requested_on", request.requestedOn(), "due_on", request.dueOn()));
    processes.start(PROCESS, unit, KIND, REQUEST_ID, id, Map.of(DUE_ON, request.dueOn()));
    return id;
  }

  /**
   * Records the progress of a request from {@code fields} ({@link Progress}). Refuses, changing
   * nothing, outside the stay, a request of another unit, dates outside the stay or after today, a
   * receipt before the request and a return before the receipt.
   */
  @Transactional
  void progress(UnitRef unit, long requestId, Map<String, ?> fields) {
    FileRequest request = list(unit).stream().filter(r -> r.id() == requestId).findFirst()
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + requestId + " 的调阅"));
    Progress given = entries.read(unit, fields, Progress.class, (entry, form, today) -> {
      LocalDate receivedOn = orElse(entry.receivedOn(), request.receivedOn());
      LocalDate returnedOn = orElse(entry.returnedOn(), request.returnedOn());
      Stay.within(form, entry.receivedOn(), "收到日期", unit.round(), today);
      Stay.within(form, entry.returnedOn(), "归还日期", unit.round(), today);
      form.requireThat(receivedOn == null || !receivedOn.isBefore(request.requestedOn()), "收到日期：不能早于调阅日期 " + request.requestedOn());
      form.requireThat(returnedOn == null || (receivedOn != null && !returnedOn.isBefore(receivedOn)), "归还日期：须先收到，且不能早于收到日期");
    });
    jdbc.sql("update xc_file_request set received_on = ?, returned_on = ?, findings = ? where id = ? and unit_id = ?")
        .params(RegisterEntries.sql(orElse(given.receivedOn(), request.receivedOn())),
            RegisterEntries.sql(orElse(given.returnedOn(), request.returnedOn())), orElse(given.findings(), request.findings()),
            requestId, unit.unitId())
        .update();
    if (given.receivedOn() != null) {
      processes.tell(RECEIVED, unit, KIND, requestId);
    }
  }

  /** What the unit states when it provides the files through its task. */
  record Provided(@FormField("提供日期") LocalDate providedOn,
                  @FormField(value = "说明", maxLength = 2000, required = false) String note) {
  }

  /**
   * Records what the unit stated in its task ({@link RegisterTasks#fileProvide}): the day provided is
   * the day received unless the team recorded its receipt already. Refuses a day after today or
   * before the request, changing nothing.
   */
  @Transactional
  void provided(long requestId, FormSubmission form, String actor) {
    FileRequest request = find(requestId);
    Provided provided = form.read(Provided.class);
    LocalDate today = ChinaTime.today(clock);
    form.requireThat(provided.providedOn() == null || !provided.providedOn().isAfter(today), "提供日期：不能晚于今天（" + today + "）");
    form.requireThat(provided.providedOn() == null || !provided.providedOn().isBefore(request.requestedOn()),
        "提供日期：不能早于调阅日期 " + request.requestedOn());
    form.check();
    jdbc.sql("update xc_file_request set received_on = coalesce(received_on, ?), provided_note = ?, provided_by = ? where id = ?")
        .params(RegisterEntries.sql(provided.providedOn()), provided.note(), actor, requestId).update();
  }

  /** A request by its id, whatever its unit: for the unit's own task, which names it. */
  FileRequest find(long id) {
    return jdbc.sql("select * from xc_file_request where id = ?").param(id).query((rs, row) -> request(rs, ChinaTime.today(clock))).single();
  }

  /** The unit's requests in the order asked, each marked overdue when not received by its due day. */
  public List<FileRequest> list(UnitRef unit) {
    LocalDate today = ChinaTime.today(clock);
    return jdbc.sql("select * from xc_file_request where unit_id = ? order by requested_on, id").param(unit.unitId())
        .query((rs, row) -> request(rs, today)).list();
  }

  /** Counts without content: requested, received, returned, overdue. */
  public Counts counts(UnitRef unit) {
    return counts(list(unit));
  }

  /** {@link #counts(UnitRef)} of every unit of the round, by unit id (units without requests are missing), in one statement. */
  public Map<Long, Counts> countsByUnit(long roundId) {
    LocalDate today = ChinaTime.today(clock);
    Map<Long, Counts> counts = new java.util.HashMap<>();
    RoundRows.byUnit(jdbc, "xc_file_request", "requested_on, id", roundId, (rs, row) -> request(rs, today))
        .forEach((unit, requests) -> counts.put(unit, counts(requests)));
    return counts;
  }

  private static Counts counts(List<FileRequest> requests) {
    return new Counts(requests.size(), requests.stream().filter(r -> r.receivedOn() != null).count(),
        requests.stream().filter(r -> r.returnedOn() != null).count(), requests.stream().filter(FileRequest::overdue).count());
  }

  /** The counts as one sentence of the report: “调阅文件、档案、会议记录和账目 2 件，已收到 1 件……”. */
  public String summary(UnitRef unit) {
    Counts counts = counts(unit);
    if (counts.requested() == 0) {
      return "巡察期间未登记调阅。";
    }
    return "调阅文件、档案、会议记录和账目 " + counts.requested() + " 件，已收到 " + counts.received() + " 件、已归还 " + counts.returned()
        + " 件，逾期未提供 " + counts.overdue() + " 件。";
  }

  private static <T> T orElse(T value, T earlier) {
    return value == null ? earlier : value;
  }

  private static FileRequest request(ResultSet rs, LocalDate today) throws SQLException {
    java.sql.Date received = rs.getDate("received_on");
    java.sql.Date returned = rs.getDate("returned_on");
    LocalDate due = rs.getDate("due_on").toLocalDate();
    return new FileRequest(rs.getLong("id"), rs.getString("category"), rs.getString("description"),
        rs.getDate("requested_on").toLocalDate(), due, received == null ? null : received.toLocalDate(),
        returned == null ? null : returned.toLocalDate(), rs.getString("findings"), received == null && today.isAfter(due));
  }

  /** One request as the team sees it; {@code overdue} when not received and its due day has passed. */
  public record FileRequest(long id, String category, String description, LocalDate requestedOn, LocalDate dueOn,
                            LocalDate receivedOn, LocalDate returnedOn, String findings, boolean overdue) {
  }

  /** Counts without content: what the office, the leading group and the committee see. */
  public record Counts(long requested, long received, long returned, long overdue) {
  }
}

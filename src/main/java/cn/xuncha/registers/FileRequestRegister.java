package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 调阅登记 (办法 第十五条 调阅、复制有关文件、档案、会议记录和账目): each request of the team to the
 * unit — what, asked on which day and due by which, when it was received and returned, what was
 * found. A request not received by its due day counts as overdue; no reminder is sent to the unit
 * or the office (issue 17 item 3 asks for one; not built).
 */
@Repository
public class FileRequestRegister {

  /** What the team may ask for, as 第十五条 lists it. */
  static final List<String> CATEGORIES = List.of("文件资料", "档案", "会议记录", "财务账目", "其他");

  private final JdbcClient jdbc;
  private final Clock clock;

  FileRequestRegister(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Records a request from {@code fields} (category, description, requestedOn, dueOn); returns its
   * id. Refuses, storing nothing, outside the stay, an unknown category, a request date outside the
   * stay or after today, and a due day before the request day.
   */
  @Transactional
  long record(UnitRef unit, Map<String, String> fields, String actor) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    RegisterInput input = new RegisterInput(fields);
    String category = input.text("category", "调阅类别", 20, true);
    String description = input.text("description", "调阅内容", 2000, true);
    LocalDate requestedOn = input.date("requestedOn", "调阅日期", true);
    LocalDate dueOn = input.date("dueOn", "提供期限", true);
    input.requireThat(category == null || CATEGORIES.contains(category), "调阅类别：请从" + String.join("、", CATEGORIES) + "中选择");
    input.withinStay(requestedOn, "调阅日期", unit.round(), today);
    input.requireThat(requestedOn == null || dueOn == null || !dueOn.isBefore(requestedOn), "提供期限：不能早于调阅日期");
    input.check();
    var id = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into xc_file_request (unit_id, category, description, requested_on, due_on, recorded_by, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(unit.unitId(), category, description, java.sql.Date.valueOf(requestedOn), java.sql.Date.valueOf(dueOn), actor,
            Timestamp.from(clock.instant()))
        .update(id, "id");
    return id.getKey().longValue();
  }

  /**
   * Records the progress of a request from {@code fields}: receivedOn, returnedOn, findings (each
   * optional; what is left blank keeps its value). Refuses, changing nothing, outside the stay, a
   * request of another unit, dates outside the stay or after today, a receipt before the request and
   * a return before the receipt.
   */
  @Transactional
  void progress(UnitRef unit, long requestId, Map<String, String> fields) {
    LocalDate today = ChinaTime.today(clock);
    RegisterInput.requireStay(unit.round(), today);
    FileRequest request = list(unit).stream().filter(r -> r.id() == requestId).findFirst()
        .orElseThrow(() -> new InvalidInputException("本单位没有编号为 " + requestId + " 的调阅"));
    RegisterInput input = new RegisterInput(fields);
    LocalDate receivedOn = orElse(input.date("receivedOn", "收到日期", false), request.receivedOn());
    LocalDate returnedOn = orElse(input.date("returnedOn", "归还日期", false), request.returnedOn());
    String findings = orElse(input.text("findings", "发现的问题", 8000, false), request.findings());
    input.withinStay(receivedOn, "收到日期", unit.round(), today);
    input.withinStay(returnedOn, "归还日期", unit.round(), today);
    input.requireThat(receivedOn == null || !receivedOn.isBefore(request.requestedOn()), "收到日期：不能早于调阅日期 " + request.requestedOn());
    input.requireThat(returnedOn == null || (receivedOn != null && !returnedOn.isBefore(receivedOn)), "归还日期：须先收到，且不能早于收到日期");
    input.check();
    jdbc.sql("update xc_file_request set received_on = ?, returned_on = ?, findings = ? where id = ? and unit_id = ?")
        .params(receivedOn == null ? null : java.sql.Date.valueOf(receivedOn), returnedOn == null ? null : java.sql.Date.valueOf(returnedOn),
            findings, requestId, unit.unitId())
        .update();
  }

  /** The unit's requests in the order asked, each marked overdue when not received by its due day. */
  public List<FileRequest> list(UnitRef unit) {
    LocalDate today = ChinaTime.today(clock);
    return jdbc.sql("select * from xc_file_request where unit_id = ? order by requested_on, id").param(unit.unitId())
        .query((rs, row) -> request(rs, today)).list();
  }

  /** Counts without content: requested, received, returned, overdue. */
  public Counts counts(UnitRef unit) {
    List<FileRequest> requests = list(unit);
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

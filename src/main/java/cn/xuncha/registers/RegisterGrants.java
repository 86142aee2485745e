package cn.xuncha.registers;

import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormField;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The office's access to the content of a unit's registers (issue 17 item 7, 方案 四(六) 保密纪律:
 * "the office sees counts, not content, unless the leading group grants it"): by default the office
 * sees counts only; the leading group may grant it the content of one unit's registers, with a
 * reason, and revoke the grant, with a reason. Every grant and revocation is kept with who made it
 * and when; {@link RegisterAccess} reads the grant in force. The office then reads, never records.
 */
@Repository
public class RegisterGrants {

  private final JdbcClient jdbc;
  private final Clock clock;

  RegisterGrants(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Why the leading group grants or revokes. */
  record Decision(@FormField(value = "理由", maxLength = 2000) String reason) {
  }

  /** Grants the office the unit's register content; refuses without a reason or while a grant is in force. */
  @Transactional
  long grant(UnitRef unit, Map<String, ?> fields, String actor) {
    Decision decision = read(fields);
    if (inForce(unit.unitId()).isPresent()) {
      throw new InvalidInputException("巡察办已获准查看本单位现场登记的内容");
    }
    var id = new org.springframework.jdbc.support.GeneratedKeyHolder();
    jdbc.sql("insert into xc_register_grant (unit_id, reason, granted_by, granted_at) values (?, ?, ?, ?)")
        .params(unit.unitId(), decision.reason(), actor, Timestamp.from(clock.instant())).update(id, "id");
    return id.getKey().longValue();
  }

  /** Revokes the grant in force; refuses without a reason or when none is in force. */
  @Transactional
  long revoke(UnitRef unit, Map<String, ?> fields, String actor) {
    Decision decision = read(fields);
    Grant grant = inForce(unit.unitId()).orElseThrow(() -> new InvalidInputException("巡察办没有获准查看本单位现场登记的内容，无需收回"));
    jdbc.sql("update xc_register_grant set revoke_reason = ?, revoked_by = ?, revoked_at = ? where id = ?")
        .params(decision.reason(), actor, Timestamp.from(clock.instant()), grant.id()).update();
    return grant.id();
  }

  /** The grant in force for the unit, if any. */
  Optional<Grant> inForce(long unitId) {
    return history(unitId).stream().filter(grant -> grant.revokedAt() == null).findFirst();
  }

  /** Every grant of the unit, newest first. */
  List<Grant> history(long unitId) {
    return jdbc.sql("select * from xc_register_grant where unit_id = ? order by id desc").param(unitId)
        .query((rs, row) -> new Grant(rs.getLong("id"), rs.getString("reason"), rs.getString("granted_by"),
            rs.getTimestamp("granted_at").toInstant(), rs.getString("revoke_reason"), rs.getString("revoked_by"),
            rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
        .list();
  }

  private static Decision read(Map<String, ?> fields) {
    Map<String, ?> values = fields == null ? Map.of() : fields;
    FormSubmission form = new FormSubmission(values::get);
    Decision decision = form.read(Decision.class);
    form.check();
    return decision;
  }

  /** A grant, with its revocation once revoked. */
  public record Grant(long id, String reason, String grantedBy, Instant grantedAt, String revokeReason, String revokedBy, Instant revokedAt) {

    /** When granted, Beijing time to the minute. */
    public String grantedAtText() {
      return ChinaTime.format(Date.from(grantedAt));
    }

    /** When revoked, Beijing time to the minute; null while in force. */
    public String revokedAtText() {
      return revokedAt == null ? null : ChinaTime.format(Date.from(revokedAt));
    }
  }
}

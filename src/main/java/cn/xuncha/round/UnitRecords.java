package cn.xuncha.round;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a step records for one inspected unit as the checked values of its form (team analysis,
 * team plan, announcement, acknowledgement, entry meeting), one record per kind; a later
 * submission of the same kind replaces the earlier one.
 */
@Repository
public class UnitRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;

  UnitRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void save(long unitId, Kind kind, Map<String, ?> content, String actor, Instant at) {
    String json;
    try {
      json = JSON.writeValueAsString(content);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Record cannot be written as JSON", e);
    }
    jdbc.sql("delete from xc_unit_record where unit_id = ? and kind = ?").params(unitId, kind.name()).update();
    jdbc.sql("insert into xc_unit_record (unit_id, kind, content, recorded_by, recorded_at) values (?, ?, ?, ?, ?)")
        .params(unitId, kind.name(), json, actor, Timestamp.from(at)).update();
  }

  @SuppressWarnings("unchecked")
  public Optional<Map<String, Object>> find(long unitId, Kind kind) {
    return jdbc.sql("select content from xc_unit_record where unit_id = ? and kind = ?")
        .params(unitId, kind.name()).query(String.class).optional()
        .map(json -> {
          try {
            return JSON.readValue(json, LinkedHashMap.class);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored record of unit " + unitId + " is not JSON", e);
          }
        });
  }

  public enum Kind {
    /** 分析研判: individual talks and the key persons, matters and problems */
    TEAM_ANALYSIS,
    /** 巡察组工作方案 */
    TEAM_PLAN,
    /** 巡察公告、巡察通知、进驻工作安排、信访渠道 */
    ANNOUNCEMENT,
    /** the unit's acknowledgement of the written notice */
    NOTICE_ACK,
    /** 进驻动员会 */
    ENTRY_MEETING,
    /** 巡察情况报告、谈话情况报告、问题线索报告 and the lists that are not derived from the papers */
    REPORT,
    /** 书记专题会: when it heard the report and what it decided */
    SECRETARY_MEETING,
    /** 反馈意见: the feedback meeting and the rectification demands */
    FEEDBACK,
    /** the unit's confirmation that it received the feedback (starts D4 and D5) */
    FEEDBACK_ACK,
    /** 整改方案 */
    RECTIFICATION_PLAN,
    /** 整改落实情况报告 */
    RECTIFICATION_REPORT,
    /** 结果公开 */
    PUBLICATION
  }
}

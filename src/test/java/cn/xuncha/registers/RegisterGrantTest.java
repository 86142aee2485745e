package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7: "the office sees counts, not content, unless the leading group grants it". The
 * leading group grants the office the content of one unit's registers, with a reason kept with who
 * and when, and revokes it; the office reads the content (page, JSON, exports) only while the grant
 * is in force and never records; the leading group itself keeps the counts. The role matrix over
 * page, JSON, exports and writes, before, during and after the grant.
 */
@XunchaSpringTest
class RegisterGrantTest extends RegisterTestSupport {

  /** What a user sees of the unit's registers. */
  private enum Sight { CONTENT, COUNTS, NOTHING }

  private static final List<String> SECRETS = List.of("王某", "三重一大", "镇长办公室超标", "津补贴");
  private static final List<String> EXPORTS = List.of("/petitions.xlsx", "/talks.xlsx", "/files.xlsx", "/assessments.xlsx");
  private static final List<String> WRITES = List.of("/petitions", "/talks", "/files", "/assessments", "/forums", "/meetings",
      "/petitions/1/distribution", "/talks/1/held", "/files/1/progress", "/meetings/1/demands");
  private static final List<String> NOT_GRANTORS = List.of("office1", "team1-leader", "team1-member1", "committee1", "team2-leader",
      "unit1", "dept-discipline1");

  private String page;

  @Test
  void theOfficeReadsTheContentOnlyWhileTheLeadingGroupsGrantIsInForce() {
    ProcedureSteps.at("2022-05-10T09:00");
    recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09",
        "petitioner", "王某", "content", "反映镇党委三重一大事项未经集体研究"))));
    recorded(rest.post("team1-leader", api + "/talks", json(Map.of("post", "镇长", "category", "班子成员", "inspector1", "白语嫣",
        "inspector2", "袁嘉禾", "plannedOn", "2022-05-09", "heldOn", "2022-05-09", "summary", "介绍镇政府工作", "leads", "镇长办公室超标"))));
    recorded(rest.post("team1-leader", api + "/meetings", json(Map.of("heldOn", "2022-05-10", "attendees", "第一巡察组全体成员",
        "toReport", "镇财政所违规发放津补贴"))));
    page = RegistersController.PAGE + "/" + round + "/unit1";

    assertMatrix(Sight.COUNTS);
    assertThat(rest.get("leader1", page).body()).contains("巡察办只看统计数，领导小组未准许查看内容", "准许巡察办查看内容");
    assertThat(rest.get("office1", page).body()).contains("巡察办只看统计数，领导小组未准许查看内容").doesNotContain("准许巡察办查看内容");
    for (String user : NOT_GRANTORS) {
      RestCaller.Answer refused = rest.post(user, api + "/content-grant", json(Map.of("reason", "研究重大问题")));
      assertThat(refused.status()).as(user).isEqualTo(403);
    }
    RestCaller.Answer noReason = rest.post("leader1", api + "/content-grant", json(Map.of("reason", " ")));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("理由：不能为空");
    assertMatrix(Sight.COUNTS);

    recorded(rest.post("leader1", api + "/content-grant", json(Map.of("reason", "巡察办汇总本单位问题线索"))));
    assertThat(rest.post("leader1", api + "/content-grant", json(Map.of("reason", "再次准许"))).body())
        .contains("巡察办已获准查看本单位现场登记的内容");
    assertMatrix(Sight.CONTENT);
    assertThat(rest.get("office1", page).body()).contains("巡察工作领导小组已准许巡察办查看本单位现场登记的内容", "leader1",
        "巡察办汇总本单位问题线索", "2022-05-10 09:00").doesNotContain("登记信访件", "登记个别谈话", "提出立行立改", "登记已谈", "收回准许");
    assertThat(rest.get("leader1", page).body()).contains("leader1", "巡察办汇总本单位问题线索", "2022-05-10 09:00", "收回准许");
    assertThat(rest.get("team1-leader", page).body()).contains("王某", "登记信访件").doesNotContain("巡察办查看现场登记内容");
    assertThat(rest.get("office1", RegistersController.PAGE + "/" + round + "/unit2").body())
        .as("the grant is one unit's").contains("只显示统计数");
    assertThat(rest.get("office1", RegistersController.PAGE + "/" + round + "/unit2" + EXPORTS.get(0)).status()).isEqualTo(403);
    for (String user : NOT_GRANTORS) {
      assertThat(rest.post(user, api + "/content-revocation", json(Map.of("reason", "收回"))).status()).as(user).isEqualTo(403);
    }
    assertMatrix(Sight.CONTENT);

    ProcedureSteps.at("2022-05-12T15:30");
    recorded(rest.post("leader1", api + "/content-revocation", json(Map.of("reason", "汇总结束"))));
    assertThat(rest.post("leader1", api + "/content-revocation", json(Map.of("reason", "再次收回"))).body())
        .contains("巡察办没有获准查看本单位现场登记的内容，无需收回");
    assertMatrix(Sight.COUNTS);
    assertThat(rest.get("leader1", page).body()).contains("巡察办汇总本单位问题线索", "汇总结束", "2022-05-12 15:30", "准许巡察办查看内容");
    assertThat(rest.get("office1", page).body()).contains("汇总结束", "2022-05-12 15:30");
  }

  /**
   * The whole matrix, {@code office} being what the office sees: the team reads and records; the
   * leading group and the committee see counts; other teams, the unit and departments nothing; no one
   * but the team records; the registers hold what the team recorded.
   */
  private void assertMatrix(Sight office) {
    assertSees("team1-leader", Sight.CONTENT);
    assertSees("team1-member1", Sight.CONTENT);
    assertSees("office1", office);
    assertSees("leader1", Sight.COUNTS);
    assertSees("committee1", Sight.COUNTS);
    for (String user : List.of("team2-leader", "unit1", "dept-discipline1")) {
      assertSees(user, Sight.NOTHING);
    }
    for (String user : List.of("office1", "leader1", "committee1", "team2-leader", "unit1", "dept-discipline1")) {
      for (String write : WRITES) {
        assertThat(rest.post(user, api + write, json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09", "content", "冒充登记",
            "heldOn", "2022-05-10", "attendees", "冒充"))).status()).as(user + " writes " + write).isEqualTo(403);
      }
    }
    assertThat(petitions.list(unit)).hasSize(1);
    assertThat(talks.list(unit)).hasSize(1);
    assertThat(meetings.meetings(unit)).hasSize(1);
  }

  private void assertSees(String user, Sight sight) {
    RestCaller.Answer html = rest.get(user, page);
    RestCaller.Answer json = rest.get(user, api);
    if (sight == Sight.NOTHING) {
      assertThat(html.status()).as(user).isEqualTo(403);
      assertThat(json.status()).as(user).isEqualTo(403);
      assertThat(html.body() + json.body()).as(user).doesNotContain(SECRETS);
    } else {
      assertThat(html.status()).as(user).isEqualTo(200);
      assertThat(json.status()).as(user).isEqualTo(200);
      assertThat(json.body()).as(user).contains("\"petitionCounts\"", "\"meetingCounts\"");
      if (sight == Sight.CONTENT) {
        assertThat(html.body()).as(user).contains(SECRETS).doesNotContain("只显示统计数");
        assertThat(json.body()).as(user).contains("\"petitioner\":\"王某\"", "\"meetings\":[", "镇长办公室超标");
      } else {
        assertThat(html.body()).as(user).contains("只显示统计数", "组务会").doesNotContain(SECRETS);
        assertThat(json.body()).as(user).doesNotContain(SECRETS).doesNotContain("\"petitions\":[", "\"meetings\":[");
      }
    }
    for (String export : EXPORTS) {
      assertThat(rest.get(user, page + export).status()).as(user + " exports " + export).isEqualTo(sight == Sight.CONTENT ? 200 : 403);
    }
  }
}

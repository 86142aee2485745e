package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.ProcedureSteps;
import cn.xuncha.RestCaller;
import cn.xuncha.XunchaSpringTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7: the office grants the leading group the content of one unit's registers, with a
 * reason kept with who and when, and revokes it; the leading group reads the content only while the
 * grant is in force and never records. The role matrix over page, JSON, exports and writes, before,
 * during and after the grant.
 */
@XunchaSpringTest
class RegisterGrantTest extends RegisterTestSupport {

  @Test
  void theLeadingGroupReadsTheContentOnlyWhileTheOfficesGrantIsInForce() {
    ProcedureSteps.at("2022-05-10T09:00");
    recorded(rest.post("team1-leader", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09",
        "petitioner", "王某", "content", "反映镇党委三重一大事项未经集体研究"))));
    recorded(rest.post("team1-leader", api + "/meetings", json(Map.of("heldOn", "2022-05-10", "attendees", "第一巡察组全体成员",
        "toReport", "镇财政所违规发放津补贴"))));
    String page = RegistersController.PAGE + "/" + round + "/unit1";

    assertCountsOnly("leader1", page);
    for (String user : List.of("leader1", "team1-leader", "committee1", "unit1")) {
      assertThat(rest.post(user, api + "/content-grant", json(Map.of("reason", "研究重大问题"))).status()).as(user).isEqualTo(403);
    }
    RestCaller.Answer noReason = rest.post("office1", api + "/content-grant", json(Map.of("reason", " ")));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("理由：不能为空");
    assertCountsOnly("leader1", page);

    recorded(rest.post("office1", api + "/content-grant", json(Map.of("reason", "领导小组研究本单位问题线索"))));
    assertThat(rest.post("office1", api + "/content-grant", json(Map.of("reason", "再次准许"))).body())
        .contains("领导小组已获准查看本单位现场登记的内容");
    RestCaller.Answer granted = rest.get("leader1", page);
    assertThat(granted.body()).contains("王某", "反映镇党委三重一大事项未经集体研究", "镇财政所违规发放津补贴", "巡察办已准许领导小组查看")
        .doesNotContain("登记信访件", "提出立行立改");
    assertThat(rest.get("leader1", api).body()).contains("\"petitioner\":\"王某\"");
    assertThat(rest.get("leader1", page + "/petitions.xlsx").status()).isEqualTo(200);
    assertThat(rest.post("leader1", api + "/petitions", json(Map.of("channel", MAILBOX, "receivedOn", "2022-05-09",
        "content", "冒充登记"))).status()).as("reading is granted, recording is not").isEqualTo(403);
    assertThat(petitions.list(unit)).hasSize(1);
    assertCountsOnly("office1", page);
    assertCountsOnly("committee1", page);
    for (String user : List.of("team2-leader", "unit1", "dept-discipline1")) {
      assertThat(rest.get(user, page).status()).as(user).isEqualTo(403);
      assertThat(rest.get(user, api).status()).as(user).isEqualTo(403);
    }
    assertThat(rest.get("office1", page).body()).contains("office1", "领导小组研究本单位问题线索", "2022-05-10 09:00", "收回准许");
    assertThat(rest.get("team1-leader", page).body()).contains("王某").doesNotContain("收回准许");

    ProcedureSteps.at("2022-05-12T15:30");
    recorded(rest.post("office1", api + "/content-revocation", json(Map.of("reason", "研究结束"))));
    assertCountsOnly("leader1", page);
    assertThat(rest.post("office1", api + "/content-revocation", json(Map.of("reason", "再次收回"))).body())
        .contains("领导小组没有获准查看本单位现场登记的内容，无需收回");
    assertThat(rest.get("office1", page).body()).contains("研究结束", "2022-05-12 15:30", "准许领导小组查看内容");
  }

  private void assertCountsOnly(String user, String page) {
    RestCaller.Answer counts = rest.get(user, page);
    assertThat(counts.status()).as(user).isEqualTo(200);
    assertThat(counts.body()).as(user).contains("只显示统计数", "组务会").doesNotContain("王某", "三重一大", "津补贴");
    assertThat(rest.get(user, api).body()).as(user).doesNotContain("王某", "\"petitions\":[", "\"meetings\":[");
    assertThat(rest.get(user, page + "/petitions.xlsx").status()).as(user).isEqualTo(403);
  }
}

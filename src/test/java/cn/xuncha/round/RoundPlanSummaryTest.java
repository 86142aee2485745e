package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.round.RoundPlan.Team;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the leading group and the committee read of a plan's teams ({@link RoundPlanSummary}). */
class RoundPlanSummaryTest {

  @Test
  void teamsShowTheirPeopleByNameAndTheRecusalExceptionsAreListedForApproval() {
    RoundPlan sample = SampleRound.plan();
    assertThat(RoundPlanSummary.markdown(sample, id -> id)).contains("| 第一巡察组 | 白语嫣 | 袁嘉禾、武北辰、贺宛如 | 11 名 | 林思远 |")
        .doesNotContain("team1-leader", "回避例外");

    Team first = sample.teams().get(0);
    List<Team> teams = new ArrayList<>(sample.teams());
    teams.set(0, new Team(1, first.name(), first.leader(), first.deputies(), first.members(), first.liaison(),
        List.of(new RoundPlan.Exemption("team1-member1", "赵村镇党委", "熟悉当地财务，领导小组同意")), null, first.names()));
    assertThat(RoundPlanSummary.markdown(sample.withTeams(teams), id -> id))
        .contains("#### 回避例外（随方案一并审批）", "| 第一巡察组 | 胡知秋 | 赵村镇党委 | 熟悉当地财务，领导小组同意 |");
  }
}

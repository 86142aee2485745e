package cn.xuncha.round;

import cn.xuncha.ProcedureSteps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.system.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One team's temporary party branch (step-02-party-branch), started for the first team of an
 * approved round as step 2 calls it: the team's own instance, granted to the team alone.
 */
@XunchaSpringTest
class PartyBranchStepTest extends StepTestSupport {

  @Autowired
  JdbcClient jdbc;
  String roundKey;
  ProcessInstance step;

  @BeforeEach
  void setUp() {
    roundKey = fixture.sampleRoundAt("2022-04-01T09:00");
    step = fixture.startForRound("step-02-party-branch", roundKey, Map.of(RoundVariables.TEAM_GROUP, fixture.teamGroup(roundKey, 1)));
  }

  @Test
  void theTeamRecordsItsBranchAndItsOfficers() {
    assertThat(new ProcedureSteps(engine).readers(step)).containsExactlyInAnyOrder(steps.teamGroup(step, 1));
    assertThat(step).isWaitingAt("Task_RecordPartyBranch").task().hasCandidateGroup(steps.teamGroup(step, 1))
        .hasDueDate(TrainingStepTest.ENTRY_DAY_START);

    steps.recordPartyBranch(step, 1, Map.of());

    assertThat(step).hasPassed("EndEvent_PartyBranch").isEnded();
    List<String> people = SampleRound.plan().teams().get(0).people();
    assertThat(jdbc.sql("""
            select b.secretary, b.deputy_secretary, b.organisation_member, b.discipline_member
            from xc_party_branch b join xc_team t on t.id = b.team_id where t.round_id = ? and t.team_no = 1""")
        .param(units.roundId(roundKey)).query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .single()).isEqualTo(people.subList(0, 4));
  }

  @Test
  void partyBranchOfficersAreFourDifferentMembersOfTheTeam() {
    List<String> team1 = SampleRound.plan().teams().get(0).people();

    assertThatThrownBy(() -> steps.recordPartyBranch(step, 1, Map.of("deputySecretary", team1.get(0), "disciplineMember", "外来人",
        "foundedOn", "2022-04-21")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("副书记：" + SampleRound.plan().teams().get(0).nameOf(team1.get(0)) + " 已担任其他支委职务")
        .hasMessageContaining("纪检委员：外来人 不是第一巡察组的成员")
        .hasMessageContaining("成立日期：临时党支部最晚于 2022-04-20 成立（进驻日期 2022-04-21）");

    assertThat(step).isWaitingAt("Task_RecordPartyBranch");
    assertThat(jdbc.sql("select count(*) from xc_party_branch b join xc_team t on t.id = b.team_id where t.round_id = ?")
        .param(units.roundId(roundKey)).query(Long.class).single()).isZero();
  }
}

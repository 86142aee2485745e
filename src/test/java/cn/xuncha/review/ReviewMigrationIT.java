package cn.xuncha.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.PostgresDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V8 on real PostgreSQL: the reviews stored before in three review tables and four subject tables
 * move into {@code xc_review}, each with its kind, outcome, comment, reviewer and time, and the
 * subject tables keep only their status.
 */
class ReviewMigrationIT {

  @Test
  void earlierReviewsMoveIntoTheOneTable() {
    String url = PostgresDatabase.create("review_migration_it");
    javax.sql.DataSource dataSource = PostgresDatabase.dataSource(url);
    Flyway.configure().dataSource(dataSource).table("xc_schema_history").target("7").load().migrate();
    JdbcTemplate db = new JdbcTemplate(dataSource);
    db.execute("""
        insert into xc_round (id, business_key, name, term, round_no, status, created_by, created_at)
          values (1, 'round-1', '第二轮巡察', '十五届', 2, 'APPROVED', 'office1', timestamp '2022-04-01 09:00');
        insert into xc_team (id, round_id, team_no, name, group_id) values (1, 1, 1, '第一巡察组', 'team1');
        insert into xc_unit (id, round_id, team_id, name, group_id, coverage) values (1, 1, 1, '赵村镇党委', 'unit1', 'ALL');
        insert into xc_plan_review (round_id, stage, decision, comment, actor, decided_at) values
          (1, 'LEADING_GROUP', 'RETURN', '请核对人数', 'leader1', timestamp '2022-04-02 09:00'),
          (1, 'COMMITTEE', 'APPROVE', null, 'committee1', timestamp '2022-04-03 09:00');
        insert into xc_team_plan_review (unit_id, decision, comment, filed_late, actor, decided_at)
          values (1, 'FILE', null, true, 'office1', timestamp '2022-04-15 09:00');
        insert into xc_report_review (unit_id, stage, decision, comment, actor, decided_at)
          values (1, 'CONSULT', 'RETURN', '补充谈话人数', 'office1', timestamp '2022-06-20 09:00');
        insert into xc_mobile_proposal (id, unit_id, villages, reason, status, comment, proposed_by, proposed_at, decided_by, decided_at)
          values (7, 1, '甲村', '信访集中', 'RETURNED', '另选', 'team1-leader', timestamp '2022-04-25 09:00', 'leader1', timestamp '2022-04-26 09:00'),
                 (8, 1, '乙村', '信访集中', 'PROPOSED', null, 'team1-leader', timestamp '2022-04-27 09:00', null, null);
        insert into xc_working_paper (id, unit_id, place, category, fact, evidence, source, status, recorded_by, recorded_at,
                                      review_task_id, reviewed_by, reviewed_at, review_comment)
          values (5, 1, '甲村', 'work', '事实', '证据', 'talk', 'REJECTED', 'team1-member1', timestamp '2022-05-01 09:00',
                  'task-5', 'team1-leader', timestamp '2022-05-02 09:00', '证据不足');
        insert into xc_clue (id, unit_id, kind, summary, status, review_comment)
          values (3, 1, 'discipline', '违规发放补贴', 'RETURNED', '补充证据');
        insert into xc_rectification_item (id, unit_id, paper_id, measure, deadline, responsible, status, verified_by, verified_at)
          values (4, 1, 5, '建立台账', date '2022-07-20', '书记', 'CLOSED', 'office1', timestamp '2022-07-10 09:00');
        """);

    Flyway.configure().dataSource(dataSource).table("xc_schema_history").load().migrate();

    List<String> reviews = db.queryForList("""
        select kind || ' ' || coalesce(unit_id::text, '-') || ' ' || coalesce(record_id::text, '-') || ' ' || outcome || ' '
               || coalesce(comment, '-') || ' ' || actor || ' ' || coalesce(task_id, '-')
        from xc_review order by kind, id""", String.class);
    assertThat(reviews).containsExactlyInAnyOrder(
        "CLUE_MATERIAL 1 3 RETURN 补充证据 system -",
        "MOBILE_VILLAGES 1 7 RETURN 另选 leader1 -",
        "RECTIFICATION_ITEM 1 4 APPROVE - office1 -",
        "REPORT_CONSULTATION 1 - RETURN 补充谈话人数 office1 -",
        "ROUND_PLAN_APPROVAL - - APPROVE - committee1 -",
        "ROUND_PLAN_PROPOSAL - - RETURN 请核对人数 leader1 -",
        "TEAM_PLAN_FILING 1 - APPROVE - office1 -",
        "WORKING_PAPER 1 5 RETURN 证据不足 team1-leader task-5");
    assertThat(db.queryForList("select status from xc_mobile_proposal order by id", String.class)).containsExactly("RETURNED", "PROPOSED");
  }
}

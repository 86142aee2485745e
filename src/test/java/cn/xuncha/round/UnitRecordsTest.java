package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.xuncha.analysis.TeamAnalysis;
import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.announcement.NoticeAcknowledgement;
import cn.xuncha.feedback.Feedback;
import cn.xuncha.feedback.FeedbackReceipt;
import cn.xuncha.onsite.EntryMeeting;
import cn.xuncha.publication.Publication;
import cn.xuncha.rectification.RectificationPlan;
import cn.xuncha.rectification.RectificationReport;
import cn.xuncha.report.Report;
import cn.xuncha.report.SecretaryMeeting;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.InvalidInputException;
import cn.xuncha.teamplan.TeamPlan;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The unit's records on the application's schema (Flyway on an in-memory H2, no engine): each kind
 * comes back as it was saved, rows written before the records were typed are converted by V9, and
 * a record or row that breaks its declarations is refused instead of being stored or half read.
 */
class UnitRecordsTest {

  private static final Instant AT = Instant.parse("2022-04-18T01:00:00Z");
  private static final LocalDate DAY = LocalDate.of(2022, 4, 18);
  private static final LocalDate WITHDRAWAL = LocalDate.of(2022, 6, 10);

  /** One record of every kind, with every form field filled. */
  static Stream<Record> everyKind() {
    return Stream.of(
        new TeamAnalysis("与乡党委书记单独沟通", "村党支部书记", "村集体资产处置", "三资管理不规范"),
        new TeamPlan("任务", "重点", "方法", "安排", "分工", "纪律", "支部计划", "信访预案", "谈话预案", "了解预案", List.of("赵村", "李村"), true),
        new Announcement(DAY, "县电视台", DAY, "县委党校", DAY.plusDays(3), "镇政府会议室", List.of(
            new PetitionChannel("电话", "0375-1234567", null, null), new PetitionChannel("电子邮箱", "xcz1@example.cn", null, null),
            new PetitionChannel("邮政信箱", "县邮政局 1 号信箱", null, null), new PetitionChannel("意见箱", "镇政府门口", null, null)),
            WITHDRAWAL, null),
        new NoticeAcknowledgement(DAY, "王某", "李某、张某"),
        new EntryMeeting(DAY.plusDays(3), "镇政府会议室", "镇领导班子", "会议顺利召开"),
        new Report("报".repeat(20_000), "谈话", "线索", "建议"),
        new SecretaryMeeting(DAY.plusMonths(2), "同意报告"),
        new Feedback(DAY.plusMonths(2), "镇领导班子", "整改要求"),
        new FeedbackReceipt(DAY.plusMonths(2), "王某"),
        new RectificationPlan("整改方案"),
        new RectificationReport("整改落实情况"),
        new Publication(DAY.plusMonths(4), DAY.plusMonths(4), "县政府网站", "公开内容"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void eachKindReadsBackAsSavedOncePerUnit(Record record) {
    JdbcClient jdbc = migrated(null);
    UnitRecords records = new UnitRecords(jdbc);
    long unit = unit(jdbc);

    records.save(unit, record, "team1-leader", AT);
    records.save(unit, record, "team1-leader", AT);

    assertThat(records.find(unit, record.getClass()).orElseThrow()).isEqualTo(record);
    assertThat(records.find(unit + 1, record.getClass())).isEmpty();
    assertThat(jdbc.sql("select count(*) from xc_unit_record").query(Long.class).single()).isOne();
  }

  @Test
  void rowsWrittenBeforeTheRecordsWereTypedAreConverted() {
    Map<String, String> old = Map.of(
        "ANNOUNCEMENT", """
            {"announcedOn":"2022-04-18","announcementMedia":"县电视台","noticeSentOn":"2022-04-18","residence":"县委党校",\
            "entryMeetingOn":"2022-04-21","entryMeetingPlace":"镇政府会议室","mailbox":"县邮政局 1 号信箱","email":"xcz1@example.cn",\
            "phone":"0375-1234567","suggestionBox":"镇政府门口"}""",
        "TEAM_PLAN", """
            {"tasks":"任务","focus":"重点","methods":"方法","schedule":"安排","staffing":"分工","discipline":"纪律",\
            "branchPlan":"支部计划","petitionContingency":"信访预案","talkContingency":"谈话预案","inquiryContingency":"了解预案",\
            "late":false}""",
        "RECTIFICATION_REPORT", """
            {"report":"整改落实情况：{\\"report\\":引号照录"}""");
    long[] unit = new long[1];
    JdbcClient jdbc = migrated(before -> {
      unit[0] = unit(before);
      old.forEach((kind, json) -> before.sql("""
              insert into xc_unit_record (unit_id, kind, content, recorded_by, recorded_at) values (?, ?, ?, 'office1', ?)""")
          .params(unit[0], kind, json, java.sql.Timestamp.from(AT)).update());
    });
    UnitRecords records = new UnitRecords(jdbc);

    assertThat(records.find(unit[0], Announcement.class)).contains(everyKind().filter(Announcement.class::isInstance)
        .map(Announcement.class::cast).findFirst().orElseThrow());
    assertThat(records.find(unit[0], TeamPlan.class)).hasValueSatisfying(plan -> {
      assertThat(plan.initialVillages()).isEmpty();
      assertThat(plan.late()).isFalse();
      assertThat(plan.inquiryContingency()).isEqualTo("了解预案");
    });
    assertThat(records.find(unit[0], RectificationReport.class))
        .contains(new RectificationReport("整改落实情况：{\"report\":引号照录"));
  }

  @Test
  void aRecordBreakingItsDeclarationsIsNotStored() {
    JdbcClient jdbc = migrated(null);
    UnitRecords records = new UnitRecords(jdbc);
    long unit = unit(jdbc);

    assertThatThrownBy(() -> records.save(unit, new Feedback(DAY, "镇领导班子", "改".repeat(20_001)), "team1-leader", AT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("反馈意见和整改要求：过长（最多 20000 字）");
    assertThatThrownBy(() -> records.save(unit, new FeedbackReceipt(null, "王某"), "unit1", AT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("收到日期：请填写");

    assertThat(records.find(unit, Feedback.class)).isEmpty();
    assertThat(records.find(unit, FeedbackReceipt.class)).isEmpty();
  }

  @Test
  void aStoredRowOfAnotherVersionOrShapeIsRefusedOnRead() {
    JdbcClient jdbc = migrated(null);
    UnitRecords records = new UnitRecords(jdbc);
    long unit = unit(jdbc);
    records.save(unit, new SecretaryMeeting(DAY, "同意报告"), "committee1", AT);

    jdbc.sql("update xc_unit_record set record_version = 2").update();
    assertThatThrownBy(() -> records.find(unit, SecretaryMeeting.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 2");

    jdbc.sql("update xc_unit_record set record_version = 1, content = ?").param("{\"meetingOn\":\"2022-04-18\",\"decision\":\"同意\"}").update();
    assertThatThrownBy(() -> records.find(unit, SecretaryMeeting.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("decision");

    jdbc.sql("update xc_unit_record set content = ?").param("{\"meetingOn\":\"2022-04-18\",\"decisions\":\"" + "决".repeat(8001) + "\"}").update();
    assertThatThrownBy(() -> records.find(unit, SecretaryMeeting.class))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("会议决定：过长（最多 8000 字）");
  }

  @Test
  void aSubmissionIsReadByTheRecordsDeclarationsAndRefusedInChinese() {
    Map<String, Object> submitted = new HashMap<>();
    submitted.put("announcedOn", "2022-4-18号");
    submitted.put("announcementMedia", "媒".repeat(201));
    submitted.put("petitionsCloseAt", "17:30");
    submitted.put("channels", List.of(Map.of("kind", "电话", "contact", "12388"), Map.of(), Map.of("kind", "意见箱", "note", "说".repeat(201))));
    FormSubmission form = new FormSubmission(submitted::get);

    Announcement read = form.read(Announcement.class);

    assertThat(read.petitionsCloseAt()).isEqualTo(java.time.LocalTime.of(17, 30));
    assertThat(read.channels()).as("the empty row is dropped, the others read by their own fields")
        .hasSize(2).first().isEqualTo(new PetitionChannel("电话", "12388", null, null));
    assertThatThrownBy(form::check).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("公告发布日期：日期格式应为 年-月-日")
        .hasMessageContaining("发布媒体：过长（最多 200 字）")
        .hasMessageContaining("书面通知印发日期：请填写")
        .hasMessageContaining("驻地地址：不能为空")
        .hasMessageContaining("信访渠道第 3 项·号码、地址或链接：不能为空")
        .hasMessageContaining("信访渠道第 3 项·说明：过长（最多 200 字）")
        .hasMessageContaining("信访受理截止日期：请填写");
  }

  /** A fresh schema; {@code beforeV9} runs on the schema as it was before the records were typed. */
  private static JdbcClient migrated(java.util.function.Consumer<JdbcClient> beforeV9) {
    JdbcDataSource database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    database.setUser("sa");
    JdbcClient jdbc = JdbcClient.create(database);
    if (beforeV9 != null) {
      Flyway.configure().dataSource(database).table("xc_schema_history").target("8?").load().migrate();
      beforeV9.accept(jdbc);
    }
    Flyway.configure().dataSource(database).table("xc_schema_history").load().migrate();
    return jdbc;
  }

  private static long unit(JdbcClient jdbc) {
    // rounds name their county from V21 on; this runs before and after it
    boolean counties = jdbc.sql("select count(*) from information_schema.columns where table_name = 'XC_ROUND' and column_name = 'COUNTY'")
        .query(Long.class).single() > 0;
    jdbc.sql("insert into xc_round (business_key, name, term, round_no, withdrawal_date, status, created_by, created_at"
            + (counties ? ", county" : "") + ") values ('r1', '第二轮巡察', '十五届', 2, ?, 'APPROVED', 'office1', ?" + (counties ? ", 'county'" : "") + ")")
        .params(java.sql.Date.valueOf(WITHDRAWAL), java.sql.Timestamp.from(AT)).update();
    jdbc.sql("insert into xc_team (round_id, team_no, name, group_id) select id, 1, '第一巡察组', 'team1' from xc_round").update();
    jdbc.sql("""
            insert into xc_unit (round_id, team_id, name, group_id, coverage)
            select round_id, id, '赵村镇党委', 'unit1', 'ALL' from xc_team""").update();
    return jdbc.sql("select id from xc_unit").query(Long.class).single();
  }
}

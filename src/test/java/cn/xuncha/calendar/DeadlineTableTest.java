package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import cn.xuncha.calendar.DeadlineTable.InvalidTableException;
import cn.xuncha.calendar.DeadlineTable.Reminder;
import cn.xuncha.calendar.DeadlineTable.Unit;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.FileSystemResource;

/** The deadline table: the shipped one, what its entries compute, and every way an edit can break it. Without Spring. */
class DeadlineTableTest {

  private static final String D2 = """
      D2:
        name: 报送巡察报告
        from: withdrawalDate
        length: 10 工作日
        remind: 2 工作日前
        source: 办法 第十八条(七)
      """;

  @TempDir
  Path dir;

  private static DeadlineTable parse(String yaml) {
    return DeadlineTable.parse(new StringReader(yaml), "deadlines.yaml");
  }

  private Deadlines shipped() {
    CalendarProperties properties = new CalendarProperties(dir, true, Duration.ofMinutes(1));
    DeadlineService arithmetic = new DeadlineService(new WorkingDayCalendar(properties, event -> { }), mock(ScheduleRequests.class), properties);
    return new Deadlines(arithmetic, new FileSystemResource("processes/deadlines.yaml"));
  }

  private static Date at(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }

  @Test
  void anEntryReadsAsTheAnalystWroteIt() {
    DeadlineTable.Entry d2 = parse(D2).get("D2");
    assertThat(d2.name()).isEqualTo("报送巡察报告");
    assertThat(d2.from()).isEqualTo("${withdrawalDate}");
    assertThat(d2.length()).isEqualTo(new DeadlineTable.Length(Unit.WORKDAYS, 10, "10 工作日"));
    assertThat(d2.remind()).isEqualTo(new Reminder(Reminder.Kind.WORKDAYS_BEFORE, 2, "2 工作日前"));
    assertThat(d2.source()).isEqualTo("办法 第十八条(七)");
    assertThat(d2.line()).isEqualTo(1);
  }

  @Test
  void theShippedTableDefinesEveryDeadlineOfTheProcedure() {
    assertThat(shipped().defines("D1")).isTrue();
    for (String id : new String[] {"D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8-entry", "D8-withdrawal", "inquiry-reply", "rectification-item",
        "petition-reply", "file-request", "immediate-rectification"}) {
      assertThat(shipped().entry(id).name()).as(id).isNotBlank();
    }
    assertThat(shipped().defines("D9")).isFalse();
  }

  @ParameterizedTest(name = "{0}: due {2}, reminded {3}")
  @CsvSource({
      "D1,                 2022-04-21, 2022-04-28T23:59:59.999+08:00, 2022-04-26T23:59:59.999+08:00",
      "D2,                 2022-06-10, 2022-06-24T23:59:59.999+08:00, 2022-06-22T00:00:00+08:00",
      "D3,                 2022-06-30, 2022-07-11T23:59:59.999+08:00, 2022-07-07T23:59:59.999+08:00",
      "D4,                 2022-07-15, 2022-07-29T23:59:59.999+08:00, 2022-07-27T00:00:00+08:00",
      "D5,                 2022-07-15, 2022-08-15T23:59:59.999+08:00, 2022-08-10T00:00:00+08:00",
      "D6,                 2022-07-15, 2022-08-15T23:59:59.999+08:00, 2022-08-10T00:00:00+08:00",
      "D7,                 2022-04-22, 2022-04-22T23:59:59.999+08:00, 2022-04-21T00:00:00+08:00",
      "inquiry-reply,      2022-04-01, 2022-04-11T23:59:59.999+08:00, 2022-04-08T00:00:00+08:00",
      "rectification-item, 2022-09-30, 2022-09-30T23:59:59.999+08:00, 2022-09-28T00:00:00+08:00",
      "petition-reply,     2022-05-20, 2022-05-20T23:59:59.999+08:00, 2022-05-18T00:00:00+08:00",
      "file-request,       2022-05-13, 2022-05-13T23:59:59.999+08:00, 2022-05-13T00:00:00+08:00",
      "immediate-rectification, 2022-05-20, 2022-05-20T23:59:59.999+08:00, 2022-05-19T00:00:00+08:00"})
  void theShippedDeadlinesComputeOnTheWorkingDayCalendar(String id, String from, String due, String remind) {
    assertThat(shipped().dueFrom(id, from)).isEqualTo(at(due));
    assertThat(shipped().remindFrom(id, from)).isEqualTo(at(remind));
  }

  @Test
  void theOnSitePeriodOpensAtTheStartOfEntryAndClosesAtTheEndOfWithdrawalWithoutReminders() {
    assertThat(shipped().dueFrom("D8-entry", "2022-04-21")).isEqualTo(at("2022-04-21T00:00:00+08:00"));
    assertThat(shipped().dueFrom("D8-withdrawal", "2022-06-10")).isEqualTo(at("2022-06-10T23:59:59.999+08:00"));
    assertThat(shipped().reminds("D8-withdrawal")).isFalse();
    assertThatThrownBy(() -> shipped().remindFrom("D8-withdrawal", "2022-06-10")).hasMessageContaining("没有提醒");
  }


  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unreadable length       | length: 10 工作天       | 第 4 行（D2）：期限“10 工作天”无法识别
      zero length             | length: 0 日            | 第 4 行（D2）：期限“0 日”为 0
      unreadable reminder     | remind: 提前两天        | 第 5 行（D2）：提醒“提前两天”无法识别
      day reminder on workdays| remind: 第3日           | 第 5 行（D2）：提醒“第3日”须在期限“10 工作日”之内
      start neither name nor expression | from: 撤回日期 | 第 3 行（D2）：起算“撤回日期”应是流程变量名
      """)
  void anInvalidFieldIsNamedWithItsLineAndEntry(String problem, String replacement, String message) {
    String field = replacement.substring(0, replacement.indexOf(':') + 1);
    String yaml = D2.lines().map(line -> line.strip().startsWith(field) ? "  " + replacement : line)
        .reduce("", (all, line) -> all + line + "\n");
    assertThatThrownBy(() -> parse(yaml)).as(problem).isInstanceOf(InvalidTableException.class)
        .hasMessageStartingWith("期限表 deadlines.yaml").hasMessageContaining(message);
  }

  @Test
  void aReminderOnTheDueDayIsAllowedOnlyForWorkDueLaterThatDay() {
    assertThat(parse(D2.replace("10 工作日", "当日").replace("2 工作日前", "当日")).get("D2").remind())
        .isEqualTo(new Reminder(Reminder.Kind.DUE_DAY, 0, "当日"));
    assertThatThrownBy(() -> parse(D2.replace("10 工作日", "当日零时").replace("2 工作日前", "当日")))
        .hasMessageContaining("第 5 行（D2）：提醒“当日”不在截止之前");
  }

  @Test
  void aReminderNotBeforeTheDeadlineIsRefused() {
    String d1 = D2.replace("10 工作日", "7 日").replace("2 工作日前", "第7日");
    assertThatThrownBy(() -> parse(d1)).hasMessageContaining("第 5 行（D2）：提醒“第7日”须在期限“7 日”之内");
  }

  @Test
  void aRepeatedIdIsRefusedWithBothLines() {
    assertThatThrownBy(() -> parse(D2 + "\n" + D2)).hasMessageContaining("第 8 行：期限编号“D2”重复（第 1 行已有）");
  }

  @Test
  void missingUnknownRepeatedAndEmptyFieldsAreRefused() {
    assertThatThrownBy(() -> parse(D2.replace("  source: 办法 第十八条(七)\n", ""))).hasMessageContaining("第 1 行（D2）：缺少 source");
    assertThatThrownBy(() -> parse(D2 + "  lenght: 15 工作日\n")).hasMessageContaining("第 7 行（D2）：不认识的项“lenght”");
    assertThatThrownBy(() -> parse(D2 + "  length: 15 工作日\n")).hasMessageContaining("第 7 行（D2）：length 写了两次");
    assertThatThrownBy(() -> parse(D2.replace("报送巡察报告", "''"))).hasMessageContaining("第 2 行（D2）：name 不能为空");
  }

  @Test
  void anIdMustBeShortAndPlain() {
    assertThatThrownBy(() -> parse(D2.replace("D2:", "D 2:"))).hasMessageContaining("第 1 行：期限编号“D 2”只能由字母、数字和连字符组成");
  }

  @Test
  void notYamlOrNotATableIsRefusedWithTheLine() {
    assertThatThrownBy(() -> parse(D2 + "  remind: [2 工作日前\n")).isInstanceOf(InvalidTableException.class)
        .hasMessageContaining("格式错误");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("期限表为空");
    assertThatThrownBy(() -> parse("- D2\n")).hasMessageContaining("期限表为空，或不是“编号: 期限”的列表");
    assertThatThrownBy(() -> parse("D2: 10 工作日\n")).hasMessageContaining("第 1 行（D2）：应列出 name、from、length、remind、source 各项");
  }

  @Test
  void lengthsMayBeWrittenWithAMeasureWord() {
    assertThat(parse(D2.replace("10 工作日", "10 个工作日")).get("D2").length().unit()).isEqualTo(Unit.WORKDAYS);
    assertThat(parse(D2.replace("10 工作日", "1 个月").replace("2 工作日前", "3 个工作日前")).get("D2").length())
        .isEqualTo(new DeadlineTable.Length(Unit.MONTHS, 1, "1 个月"));
  }

  @Test
  void anExpressionMayGiveTheStart() {
    assertThat(parse(D2.replace("from: withdrawalDate", "from: ${rectification.deadlineOf(itemId)}")).get("D2").from())
        .isEqualTo("${rectification.deadlineOf(itemId)}");
  }
}

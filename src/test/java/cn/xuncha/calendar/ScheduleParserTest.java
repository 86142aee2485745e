package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ScheduleParserTest {

  private static HolidaySchedule parse(String json) {
    return ScheduleParser.parse("2027.json", "test", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsYearNoticeAndDaysIncludingThePreviousDecember() {
    HolidaySchedule schedule = parse("""
        {"year": 2027, "papers": ["https://www.gov.cn/notice"],
         "days": [
           {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
           {"name": "春节", "date": "2027-02-07", "isOffDay": false}
         ]}""");
    assertThat(schedule.year()).isEqualTo(2027);
    assertThat(schedule.papers()).containsExactly("https://www.gov.cn/notice");
    assertThat(schedule.offDays()).containsEntry(LocalDate.of(2026, 12, 31), true).containsEntry(LocalDate.of(2027, 2, 7), false);
  }

  @Test
  void malformedJsonNamesFileAndLine() {
    assertThatThrownBy(() -> parse("""
        {"year": 2027,
         "days": [
           {"date": "2027-01-01" "isOffDay": true}
         ]}"""))
        .isInstanceOf(ScheduleFileException.class)
        .hasMessageStartingWith("2027.json 第3行：不是有效的 JSON");
  }

  @Test
  void aDateOutsideTheYearsWindowIsRefused() {
    assertThatThrownBy(() -> parse("""
        {"year": 2027, "days": [
          {"date": "2027-01-01", "isOffDay": true},
          {"date": "2026-11-30", "isOffDay": true}
        ]}"""))
        .isInstanceOf(ScheduleFileException.class)
        .hasMessage("2027.json 第3行：日期 2026-11-30 不在 2027 年安排的范围内（2026-12-01 至 2027-12-31）");
  }

  @Test
  void theSameDateWithTwoMeaningsIsRefused() {
    assertThatThrownBy(() -> parse("""
        {"year": 2027, "days": [
          {"date": "2027-01-01", "isOffDay": true},
          {"date": "2027-02-06", "isOffDay": false},
          {"date": "2027-01-01", "isOffDay": false}
        ]}"""))
        .isInstanceOf(ScheduleFileException.class)
        .hasMessage("2027.json 第4行：日期 2027-01-01 与第2行重复且含义相反（放假/上班）");
  }

  @Test
  void theSameDateListedTwiceAlikeIsAccepted() {
    assertThat(parse("""
        {"year": 2027, "days": [
          {"date": "2027-01-01", "isOffDay": true},
          {"date": "2027-01-01", "isOffDay": true}
        ]}""").offDays()).hasSize(1);
  }

  @Test
  void missingFieldsAndBadValuesAreNamed() {
    assertThatThrownBy(() -> parse("{\"days\": []}")).hasMessage("2027.json：缺少 year（年份）");
    assertThatThrownBy(() -> parse("{\"year\": 2027}")).hasMessage("2027.json：缺少 days（日期列表）");
    assertThatThrownBy(() -> parse("{\"year\": 2027, \"days\": [\n{\"date\": \"2027-13-01\", \"isOffDay\": true}]}"))
        .hasMessageContaining("第2行：日期 2027-13-01 格式不正确");
    assertThatThrownBy(() -> parse("{\"year\": 2027, \"days\": [{\"date\": \"2027-01-01\", \"isOffDay\": \"yes\"}]}"))
        .hasMessageContaining("第1行：isOffDay 应为 true（放假）或 false（调休上班）");
  }

  @Test
  void whatTheJsonLibraryFindsWrongIsToldInChinese() {
    String notice = "{\"year\": 2027, \"papers\": [\"国务院办公厅关于2027年部分节假日安排的通知\"], \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}]}";
    assertThatThrownBy(() -> ScheduleParser.parse("2027.json", "test", notice.getBytes(java.nio.charset.Charset.forName("GBK"))))
        .hasMessage("2027.json：文件不是 UTF-8 编码（可能以 GBK 等编码保存），请以 UTF-8 编码保存后重新上传");
    assertThatThrownBy(() -> parse("{\"year\": 2027, \"days\": [")).hasMessageNotContaining("Unexpected")
        .hasMessageStartingWith("2027.json 第1行：不是有效的 JSON（");
    assertThatThrownBy(() -> parse("{\"year\": 2027, \"papers\": " + "[".repeat(1500) + "]".repeat(1500) + ", \"days\": []}"))
        .hasMessageNotContaining("nesting").hasMessageContaining("不是有效的 JSON（");
  }

  @Test
  void aYearThatIsNotFourDigitsIsRefused() {
    for (String year : new String[] {"99999999999", "999", "20270", "2027.5"}) {
      assertThatThrownBy(() -> parse("{\"year\": " + year + ", \"days\": []}")).as(year)
          .hasMessage("2027.json 第1行：year 应为四位数的年份，例如 2027");
    }
  }
}

package cn.xuncha.calendar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a file in the holiday-cn JSON format. It streams the file rather than binding it, so that
 * every complaint can name the line it is about.
 */
final class ScheduleParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  /** A year's file is named {@code <year>.json} with four digits ({@link WorkingDayCalendar}); other years could never be read back. */
  private static final int FIRST_YEAR = 1000;
  private static final int LAST_YEAR = 9999;

  private ScheduleParser() {
  }

  /**
   * The schedule a file holds, its days checked against its year.
   *
   * @throws ScheduleFileException in Chinese, naming the file and, where known, the line: not UTF-8,
   *     not JSON, no four-digit year, no {@code days}, a malformed date, a date outside the year's
   *     window, or one date both a holiday and a working day. The JSON library's own English text
   *     never reaches the office.
   */
  static HolidaySchedule parse(String fileName, String source, byte[] content) {
    requireUtf8(fileName, content);
    try (JsonParser parser = FACTORY.createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw problem(fileName, parser, "文件内容应为 JSON 对象");
      }
      Integer year = null;
      List<String> papers = new ArrayList<>();
      List<Entry> days = new ArrayList<>();
      boolean daysSeen = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "year" -> {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                || parser.getIntValue() < FIRST_YEAR || parser.getIntValue() > LAST_YEAR) {
              throw problem(fileName, parser, "year 应为四位数的年份，例如 2027");
            }
            year = parser.getIntValue();
          }
          case "papers" -> {
            JsonNode node = JSON.readTree(parser);
            node.forEach(paper -> {
              if (!paper.asText().isBlank()) {
                papers.add(paper.asText().strip());
              }
            });
          }
          case "days" -> {
            daysSeen = true;
            if (parser.currentToken() != JsonToken.START_ARRAY) {
              throw problem(fileName, parser, "days 应为数组");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              int line = parser.currentTokenLocation().getLineNr();
              days.add(new Entry(line, JSON.readTree(parser)));
            }
          }
          default -> parser.skipChildren();
        }
      }
      if (year == null) {
        throw new ScheduleFileException(fileName + "：缺少 year（年份）");
      }
      if (!daysSeen) {
        throw new ScheduleFileException(fileName + "：缺少 days（日期列表）");
      }
      Map<LocalDate, String> names = new HashMap<>();
      Map<LocalDate, Boolean> offDays = offDays(fileName, year, days, names);
      return new HolidaySchedule(year, source, papers, offDays, names);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ScheduleFileException(fileName + (line > 0 ? " 第" + line + "行" : "")
          + "：不是有效的 JSON（请检查此处附近的逗号、引号、括号是否完整、配对，文件是否完整）", e);
    } catch (IOException e) {
      throw new ScheduleFileException(fileName + "：无法读取文件", e);
    }
  }

  /** The listed days (true: holiday, false: 调休 working day); fills {@code names} with the holiday each date belongs to. */
  private static Map<LocalDate, Boolean> offDays(String fileName, int year, List<Entry> days, Map<LocalDate, String> names) {
    Map<LocalDate, Boolean> offDays = new HashMap<>();
    Map<LocalDate, Integer> lines = new HashMap<>();
    for (Entry entry : days) {
      String where = fileName + " 第" + entry.line() + "行：";
      JsonNode dateNode = entry.day().get("date");
      JsonNode offNode = entry.day().get("isOffDay");
      if (dateNode == null || !dateNode.isTextual()) {
        throw new ScheduleFileException(where + "缺少 date（日期）");
      }
      if (offNode == null || !offNode.isBoolean()) {
        throw new ScheduleFileException(where + "isOffDay 应为 true（放假）或 false（调休上班）");
      }
      LocalDate date;
      try {
        date = LocalDate.parse(dateNode.asText());
      } catch (DateTimeParseException e) {
        throw new ScheduleFileException(where + "日期 " + dateNode.asText() + " 格式不正确，应为 年-月-日，例如 2027-01-01");
      }
      if (!HolidaySchedule.inWindow(year, date)) {
        throw new ScheduleFileException(where + "日期 " + date + " 不在 " + year + " 年安排的范围内（" + (year - 1) + "-12-01 至 " + year + "-12-31）");
      }
      Boolean previous = offDays.putIfAbsent(date, offNode.booleanValue());
      if (previous != null && previous != offNode.booleanValue()) {
        throw new ScheduleFileException(where + "日期 " + date + " 与第" + lines.get(date) + "行重复且含义相反（放假/上班）");
      }
      lines.putIfAbsent(date, entry.line());
      JsonNode name = entry.day().get("name");
      if (name != null && name.isTextual() && !name.asText().isBlank()) {
        names.putIfAbsent(date, name.asText().strip());
      }
    }
    return offDays;
  }

  /** Jackson would name a wrongly encoded byte in English; holiday-cn files, like every JSON file, are UTF-8. */
  private static void requireUtf8(String fileName, byte[] content) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content));
    } catch (CharacterCodingException e) {
      throw new ScheduleFileException(fileName + "：文件不是 UTF-8 编码（可能以 GBK 等编码保存），请以 UTF-8 编码保存后重新上传");
    }
  }

  private static ScheduleFileException problem(String fileName, JsonParser parser, String message) {
    return new ScheduleFileException(fileName + " 第" + parser.currentTokenLocation().getLineNr() + "行：" + message);
  }

  private record Entry(int line, JsonNode day) {
  }
}

package cn.xuncha.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our zh.json beside the webjar's en.json: same keys, same placeholders, every label in Chinese.
 * Each app's case fails, rather than skips, when its zh.json is missing.
 */
class WebappTranslationTest {

  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";

  /** What the webapps substitute or render as markup: it must survive translation unchanged. */
  private static final Pattern PLACEHOLDER = Pattern.compile(
      "\\{\\{.*?}}|%[sd]|</?(a|b|i|em|strong|br|p|span|code|pre|ul|ol|li|div|small|h\\d)\\b[^>]*>");

  /** Literal values quoted for the user, code references and HTML entities are not prose. */
  private static final Pattern NOT_PROSE = Pattern.compile("“[^”]*”|\"[^\"]*\"|'[^']*'|#\\w+|&\\w+;");

  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");

  /** Names and abbreviations that stay in Latin letters in Chinese text. */
  private static final Set<String> LATIN_TERMS = Set.of(
      "BPMN", "DMN", "CMMN", "ID", "IDs", "REST", "API", "LDAP", "JSON", "XML", "HTML", "URL",
      "Camunda", "Optimize", "DI", "EDE", "FNI", "PI", "TU",
      "Cockpit", "Web", "CSV", "DRD", "F", "Ctrl", "Promise",
      // literal values the user types or sees: null, true, <undefined>, and the ISO date pattern YYYY-MM-DDTHH:mm:ss
      "null", "true", "undefined", "YYYY", "MM", "DDTHH", "mm", "ss");

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseHasEveryEnglishKeyAndNoOther(String app) throws IOException {
    Map<String, String> english = leaves(read(app, "en"));
    Map<String, String> chinese = leaves(read(app, "zh"));

    assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyPlaceholderSurvivesTranslation(String app) throws IOException {
    Map<String, String> english = leaves(read(app, "en"));
    Map<String, String> chinese = leaves(read(app, "zh"));

    List<String> lost = new ArrayList<>();
    english.forEach((key, value) -> PLACEHOLDER.matcher(value).results()
        .filter(placeholder -> !chinese.getOrDefault(key, "").contains(placeholder.group()))
        .forEach(placeholder -> lost.add(key + " lost " + placeholder.group())));
    assertThat(lost).as(app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyTextIsChinese(String app) throws IOException {
    Map<String, String> english = leaves(read(app, "en"));
    Map<String, String> chinese = leaves(read(app, "zh"));

    List<String> untranslated = new ArrayList<>();
    english.forEach((key, value) -> {
      String translated = chinese.getOrDefault(key, "");
      // "s" alone is the English plural ending appended to a word; Chinese has none, so it may stay blank
      boolean prose = isText(key) && !latinWords(value).isEmpty() && !value.equals("s");
      if (prose && (translated.isBlank() || !LATIN_TERMS.containsAll(latinWords(translated)))) {
        untranslated.add(key + " = " + translated);
      }
    });
    assertThat(untranslated).as(app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin"})
  void monthAndDayNamesAreChinese(String app) throws IOException {
    JsonNode dates = read(app, "zh").path("dateLocales");

    for (String names : List.of("months", "monthsShort", "weekdays", "weekdaysShort", "weekdaysMin")) {
      List<String> values = new ArrayList<>();
      dates.path(names).forEach(name -> values.add(name.asText()));
      assertThat(values).as("%s %s", app, names)
          .hasSize(names.startsWith("month") ? 12 : 7)
          .doesNotHaveDuplicates()
          .allSatisfy(name -> assertThat(name).containsPattern("\\p{IsHan}"));
    }
  }

  /** Date format patterns (YYYY, LT, dddd) are moment.js syntax, not text; month and day names are text. */
  private static boolean isText(String key) {
    return key.startsWith("labels.") || key.matches("dateLocales\\.(months|monthsShort|weekdays\\w*|relativeTime)\\..*");
  }

  private static Set<String> latinWords(String value) {
    String prose = NOT_PROSE.matcher(PLACEHOLDER.matcher(value).replaceAll(" ")).replaceAll(" ");
    return LATIN_WORD.matcher(prose).results().map(match -> match.group()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode read(String app, String locale) throws IOException {
    String path = LOCALES.formatted(app, locale);
    try (InputStream in = WebappTranslationTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as("%s on the classpath", path).isNotNull();
      return JSON.readTree(in);
    }
  }

  /** Flattens the file to dotted keys; array elements are keyed by index. */
  private static Map<String, String> leaves(JsonNode root) {
    Map<String, String> leaves = new LinkedHashMap<>();
    collect("", root, leaves);
    return leaves;
  }

  private static void collect(String prefix, JsonNode node, Map<String, String> leaves) {
    if (node.isObject()) {
      node.properties().forEach(entry -> collect(prefix + entry.getKey() + ".", entry.getValue(), leaves));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(prefix + i + ".", node.get(i), leaves);
      }
    } else {
      leaves.put(prefix.substring(0, prefix.length() - 1), node.asText());
    }
  }
}

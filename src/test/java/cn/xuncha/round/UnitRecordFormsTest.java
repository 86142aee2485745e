package cn.xuncha.round;

import static org.assertj.core.api.Assertions.assertThat;

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
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;
import cn.xuncha.system.FormRecords;
import cn.xuncha.teamplan.TeamPlan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Each step's record declares its form's fields once, as its components: the form file must have
 * exactly those keys (plus the fields the record names as kept in other tables), with the same
 * labels and limits. Renaming a field in the form or in the record without the other fails here.
 */
class UnitRecordFormsTest {

  private static final Set<String> WITHOUT_VALUE = Set.of("text", "html", "button", "separator", "spacer", "image", "group", "table");

  /** The form each record is filled from, and the form's fields that live in their own tables. */
  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("team-analysis", TeamAnalysis.class, Set.of()),
        Arguments.of("team-plan", TeamPlan.class, Set.of()),
        Arguments.of("announcement", Announcement.class, Set.of()),
        Arguments.of("notice-ack", NoticeAcknowledgement.class, Set.of()),
        Arguments.of("entry-meeting", EntryMeeting.class, Set.of()),
        Arguments.of("report-draft", Report.class, Set.of(Report.PROBLEMS, Report.COMMON_PROBLEMS, Report.CLUES)),
        Arguments.of("secretary-meeting", SecretaryMeeting.class, Set.of()),
        Arguments.of("feedback", Feedback.class, Set.of()),
        Arguments.of("feedback-receipt", FeedbackReceipt.class, Set.of()),
        Arguments.of("rectification-plan", RectificationPlan.class, Set.of(RectificationPlan.ITEMS)),
        Arguments.of("rectification-report", RectificationReport.class, Set.of()),
        Arguments.of("publication", Publication.class, Set.of()));
  }

  @Test
  void everyKindOfRecordHasItsForm() {
    Set<Kind> mapped = forms().map(arguments -> ((Class<?>) arguments.get()[1]).getAnnotation(UnitRecords.Stored.class).value())
        .collect(Collectors.toSet());
    assertThat(mapped).containsExactlyInAnyOrder(Kind.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void theFormHasExactlyTheRecordsFieldsWithItsLabelsAndLimits(String formId, Class<? extends Record> record, Set<String> elsewhere)
      throws IOException {
    Map<String, JsonNode> fields = fields(formId);

    Set<String> expected = new TreeSet<>(FormRecords.keys(record));
    expected.addAll(elsewhere);
    assertThat(new TreeSet<>(fields.keySet())).as("keys of forms/%s.form", formId).isEqualTo(expected);
    assertDeclaredAsInTheForm(record, fields);
  }

  @Test
  void theAnnouncementOffersExactlyTheChannelKindsTheServerAccepts() throws IOException {
    JsonNode kinds = fields("announcement").get("channels").path("components").get(0);
    assertThat(kinds.path("key").asText()).isEqualTo("kind");
    assertThat(optionValues(kinds.path("values"))).containsExactlyElementsOf(PetitionChannel.KINDS.keySet());
  }

  private static java.util.List<String> optionValues(JsonNode options) {
    return java.util.stream.StreamSupport.stream(options.spliterator(), false).map(option -> option.path("value").asText()).toList();
  }

  /** Each form field of the record (and of a row record, inside its dynamic list) has the form's label, required flag and length. */
  private static void assertDeclaredAsInTheForm(Class<? extends Record> record, Map<String, JsonNode> fields) {
    for (RecordComponent component : FormRecords.fields(record)) {
      FormField declared = component.getAnnotation(FormField.class);
      JsonNode field = fields.get(component.getName());
      assertThat(field).as("form field %s of %s", component.getName(), record.getSimpleName()).isNotNull();
      String label = Stream.of("dateLabel", "timeLabel", "label").filter(field::hasNonNull).findFirst().map(key -> field.path(key).asText())
          .orElse("");
      assertThat(label).as("label of %s", component.getName()).isEqualTo(declared.value());
      assertThat(field.path("validate").path("required").asBoolean(false)).as("required %s", component.getName())
          .isEqualTo(declared.required());
      if (component.getType() == String.class && !"select".equals(field.path("type").asText())) {
        assertThat(field.path("validate").path("maxLength").asInt()).as("maxLength of %s", component.getName())
            .isEqualTo(declared.maxLength());
      }
      Class<? extends Record> rowType = FormRecords.rowType(component);
      if (rowType != null) {
        Map<String, JsonNode> rowFields = new LinkedHashMap<>();
        collect(field.path("components"), rowFields);
        assertThat(new TreeSet<>(rowFields.keySet())).as("keys of the rows of %s", component.getName())
            .isEqualTo(new TreeSet<>(FormRecords.keys(rowType)));
        assertDeclaredAsInTheForm(rowType, rowFields);
      }
    }
  }

  /** The form's top-level fields that submit a value, by key (a dynamic list by its path). */
  private static Map<String, JsonNode> fields(String formId) throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms", formId + ".form").toFile());
    assertThat(form.path("id").asText()).isEqualTo(formId);
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    collect(form.path("components"), fields);
    return fields;
  }

  private static void collect(JsonNode components, Map<String, JsonNode> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if ("dynamiclist".equals(type)) {
        fields.put(component.hasNonNull("path") ? component.path("path").asText() : component.path("key").asText(), component);
      } else if ("group".equals(type)) {
        collect(component.path("components"), fields);
      } else if (component.hasNonNull("key") && !WITHOUT_VALUE.contains(type)) {
        fields.put(component.path("key").asText(), component);
      }
    }
  }
}

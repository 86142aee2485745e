package cn.xuncha.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The office's page and JSON list of schedules, and the upload, over real HTTP. */
@XunchaSpringTest
class CalendarControllerTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final String BOUNDARY = "----xuncha-test-boundary";

  @LocalServerPort
  int port;
  @Autowired
  WorkingDayCalendar calendar;
  @Autowired
  CalendarProperties properties;
  @Autowired
  ProcessEngine engine;
  private static final String OTHER = "calendar-upload-b";
  private static final String OTHER_OFFICE = "calendar-upload-b-office";
  private static final String CITY = "calendar-upload-city";
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void tearDown() throws IOException {
    Files.deleteIfExists(properties.dir().resolve("2027.json"));
    calendar.reload();
  }

  @Test
  void anyLoggedInUserSeesLoadedAndMissingYears() throws Exception {
    HttpResponse<String> api = send(request("/api/calendar", "team1-member1").GET());
    assertThat(api.statusCode()).isEqualTo(200);
    JsonNode overview = new ObjectMapper().readTree(api.body());
    assertThat(overview.get("loaded").findValuesAsText("year")).contains("2018", "2022", "2026");
    assertThat(overview.get("loaded").get(0).get("papers").get(0).asText()).startsWith("http://www.gov.cn/");
    assertThat(overview.get("missing").toString()).contains("2027");

    HttpResponse<String> page = send(request("/calendar", "team1-member1").GET());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("节假日安排", "2022.json（内置）", "缺少：", "2027年");
    assertThat(send(HttpRequest.newBuilder(uri("/api/calendar")).GET()).statusCode()).isEqualTo(401);
  }

  @Test
  void onlyTheOfficeMayUpload() throws Exception {
    HttpResponse<String> refused = upload("team1-leader", "2027.json", schedule2027(), "/login");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(calendar.hasSchedule(2027)).isFalse();
  }

  /**
   * With a second county the calendar is shared (issue 16 item 2): a county office — the home county's
   * included — reads it, sees no upload form and is refused the upload in Chinese (403), nothing loaded;
   * the city office, member of every county, replaces it.
   */
  @Test
  void withSeveralCountiesOnlyTheCityOfficeReplacesTheSharedCalendar() throws Exception {
    IdentityService identity = engine.getIdentityService();
    Tenant tenant = identity.newTenant(OTHER);
    tenant.setName("乙县");
    identity.saveTenant(tenant);
    for (String user : List.of(OTHER_OFFICE, CITY)) {
      User account = identity.newUser(user);
      account.setPassword("demo");
      identity.saveUser(account);
      identity.createMembership(user, Roles.OFFICE);
      identity.createTenantUserMembership(OTHER, user);
    }
    identity.createTenantUserMembership("county", CITY);
    try {
      for (String office : List.of(OTHER_OFFICE, "office1")) {
        HttpResponse<String> page = send(request("/calendar", office).GET());
        assertThat(page.body()).as(office).contains("节假日安排由各县共用，由市巡察办或系统管理员上传").doesNotContain("上传并加载");
        HttpResponse<String> refused = upload(office, "2027.json", schedule2027(), "/login");
        assertThat(refused.statusCode()).as(office).isEqualTo(403);
        assertThat(refused.body()).as(office).contains(CalendarController.REFUSED_UPLOAD);
        assertThat(calendar.hasSchedule(2027)).isFalse();
        assertThat(properties.dir().resolve("2027.json")).doesNotExist();
      }
      assertThat(followRedirect(upload(CITY, "2027.json", schedule2027(), "/calendar"), CITY).body()).contains("已加载2027年节假日安排");
      assertThat(calendar.hasSchedule(2027)).isTrue();
    } finally {
      identity.deleteTenant(OTHER);
      List.of(OTHER_OFFICE, CITY).forEach(identity::deleteUser);
    }
  }

  @Test
  void aBadFileIsRefusedWithFileAndLineAndChangesNothing() throws Exception {
    byte[] bad = new String(schedule2027(), StandardCharsets.UTF_8).replace("\"isOffDay\": false", "\"isOffDay\": false,,")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> page = followRedirect(upload("office1", "安排2027.json", bad), "office1");
    assertThat(page.body()).contains("文件未加载，原有安排保持不变。安排2027.json 第", "行：不是有效的 JSON");
    assertThat(calendar.hasSchedule(2027)).isFalse();
    assertThat(properties.dir().resolve("2027.json")).doesNotExist();
  }

  @Test
  void theOfficeUploadsANewYear() throws Exception {
    HttpResponse<String> page = followRedirect(upload("office1", "2027.json", schedule2027()), "office1");
    assertThat(page.body()).contains("已加载2027年节假日安排");
    assertThat(calendar.hasSchedule(2027)).isTrue();
    assertThat(properties.dir().resolve("2027.json")).exists();
  }

  @Test
  void theDataSetsEmptyNextYearIsRefusedAndTheYearStaysMissing() throws Exception {
    HttpResponse<String> page = followRedirect(
        upload("office1", "2027.json", WorkingDayCalendarTest.EMPTY_2027.getBytes(StandardCharsets.UTF_8)), "office1");
    assertThat(page.body()).contains("文件未加载，原有安排保持不变。2027.json：不是完整的2027年节假日安排",
        "papers 为空", "元旦、春节、清明节、劳动节、端午节、中秋节、国庆节", "缺少：2027年");
    assertThat(calendar.hasSchedule(2027)).isFalse();
    assertThat(properties.dir().resolve("2027.json")).doesNotExist();
  }

  @Test
  void eachYearShowsItsNoticeHolidaysAndAdjustedDaysAndToTheOfficeTheDeadlinesItDecides() throws Exception {
    String office = send(request("/calendar", "office1").GET()).body();
    assertThat(office).contains("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm", "国庆节、中秋节",
        "2026-02-14", "2026-02-28", "取决于本年度安排的在办期限");
    String member = send(request("/calendar", "team1-member1").GET()).body();
    assertThat(member).contains("国庆节、中秋节").doesNotContain("取决于本年度安排的在办期限");
  }

  private byte[] schedule2027() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("2027.json")) {
      return in.readAllBytes();
    }
  }

  private String session;

  private HttpResponse<String> upload(String user, String fileName, byte[] content) throws Exception {
    return upload(user, fileName, content, "/calendar");
  }

  /** Uploads as {@code user} with the CSRF token of their session, read from a form of {@code tokenPage}. */
  private HttpResponse<String> upload(String user, String fileName, byte[] content, String tokenPage) throws Exception {
    HttpResponse<String> form = send(request(tokenPage, user).GET());
    session = form.headers().firstValue("Set-Cookie").map(cookie -> cookie.split(";", 2)[0]).orElseThrow();
    Matcher token = CSRF.matcher(form.body());
    assertThat(token.find()).isTrue();

    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token.group(1) + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request("/calendar", user).header("Cookie", session)
        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private HttpResponse<String> followRedirect(HttpResponse<String> response, String user) throws Exception {
    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/calendar");
    return send(request(URI.create(location).getPath(), user).header("Cookie", session).GET());
  }

  private HttpRequest.Builder request(String path, String user) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}

package cn.xuncha.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xuncha.XunchaSpringTest;
import cn.xuncha.security.Roles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The 人才库 on an installation of several counties ({@link InspectorPoolService}): a city office that
 * sees 本县 and 乙县 chooses the county of an account of both, in the form and in the sheet's 县
 * column, and is refused a county it does not see, a county the account is no user of, and no county
 * at all; an account of one county it sees goes there unasked; an entry keeps its county; the list
 * shows the county; a county office of one county names nothing; every refused save answers 400.
 */
@XunchaSpringTest
class PeopleCountiesTest {

  private static final String B = "people-counties-b";
  private static final String C = "people-counties-c";
  private static final String CITY = "people-counties-city";
  private static final String OFFICE_B = "people-counties-office-b";
  /** Accounts of 本县 and 乙县, of 乙县 alone, of 丙县 alone. */
  private static final String BOTH = "people-counties-both";
  private static final String ONLY_B = "people-counties-only-b";
  private static final String ONLY_C = "people-counties-only-c";
  private static final List<String> ACCOUNTS = List.of(BOTH, ONLY_B, ONLY_C);
  private static final UserRequestPostProcessor AS_CITY = user(CITY).authorities(() -> Roles.OFFICE);
  private static final UserRequestPostProcessor AS_OFFICE_B = user(OFFICE_B).authorities(() -> Roles.OFFICE);
  private static final UserRequestPostProcessor AS_HOME_OFFICE = user("office1").authorities(() -> Roles.OFFICE);
  /** The home county as {@code Counties.named} writes it; its default name is 本县. */
  private static final String HOME = "本县（county）";

  @Autowired
  WebApplicationContext context;
  @Autowired
  IdentityService identity;
  @Autowired
  JdbcClient jdbc;
  MockMvc web;

  @BeforeEach
  void threeCounties() {
    web = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    tenant(B, "乙县");
    tenant(C, "丙县");
    Map<String, List<String>> members = Map.of(CITY, List.of("county", B), OFFICE_B, List.of(B),
        BOTH, List.of("county", B), ONLY_B, List.of(B), ONLY_C, List.of(C));
    members.forEach((user, counties) -> {
      identity.saveUser(identity.newUser(user));
      counties.forEach(county -> identity.createTenantUserMembership(county, user));
    });
    List.of(CITY, OFFICE_B).forEach(office -> identity.createMembership(office, Roles.OFFICE));
  }

  /** The context is shared: other tests run in a single-county installation. */
  @AfterEach
  void removeCounties() {
    List.of(B, C).forEach(identity::deleteTenant);
    List.of(CITY, OFFICE_B, BOTH, ONLY_B, ONLY_C).forEach(identity::deleteUser);
    for (String table : List.of("xc_inspector_change", "xc_inspector_post", "xc_inspector_conflict", "xc_inspector")) {
      jdbc.sql("delete from " + table + " where account in (:accounts)").param("accounts", ACCOUNTS).update();
    }
  }

  @Test
  void theFormOffersACountySelectToAUserOfSeveralCountiesOnly() throws Exception {
    String city = page(get("/people/new").with(AS_CITY));
    assertThat(city).contains("<select id=\"county\" name=\"county\">", "<option value=\"county\">本县</option>",
        "<option value=\"" + B + "\">乙县</option>").doesNotContain("丙县");
    assertThat(page(get("/people/new").with(AS_OFFICE_B))).doesNotContain("name=\"county\"");
  }

  @Test
  void anAccountOfSeveralCountiesWithNoCountyChosenIsRefusedNamingThemAndNothingIsStored() throws Exception {
    String page = web.perform(add(AS_CITY, BOTH, null)).andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("县：账号 " + BOTH + " 属于多个县，请选择加入哪个县的人才库：" + HOME + "、乙县（" + B + "）")
        .as("the form again, with what was entered").contains("value=\"多县干部\"", "value=\"县审计局\"", "<select id=\"county\"");
    assertThat(countyOf(BOTH)).isEmpty();
  }

  @Test
  void theCountyChosenIsTheCountyOfTheNewEntry() throws Exception {
    web.perform(add(AS_CITY, BOTH, B)).andExpect(status().is3xxRedirection());
    assertThat(countyOf(BOTH)).contains(B);
  }

  @Test
  void aCountyTheUserDoesNotSeeIsRefused() throws Exception {
    MvcResult refused = web.perform(add(AS_OFFICE_B, BOTH, "county")).andExpect(status().isBadRequest()).andReturn();
    assertThat(problems(refused)).containsExactly("县：“county”不是您可选的县，请从乙县（" + B + "）中选择");
    assertThat(countyOf(BOTH)).isEmpty();
  }

  @Test
  void aCountyTheAccountIsNoUserOfIsRefused() throws Exception {
    MvcResult refused = web.perform(add(AS_CITY, ONLY_B, "county")).andExpect(status().isBadRequest()).andReturn();
    assertThat(problems(refused)).containsExactly("县：账号 " + ONLY_B + " 不是" + HOME + "的用户，可选：乙县（" + B + "）");
    assertThat(countyOf(ONLY_B)).isEmpty();
  }

  @Test
  void anAccountOfOneCountyTheUserSeesGoesThereUnaskedAndTheFormShowsTheCountyAsFixed() throws Exception {
    web.perform(add(AS_CITY, ONLY_B, null)).andExpect(status().is3xxRedirection());
    assertThat(countyOf(ONLY_B)).contains(B);
    assertThat(page(get("/people/" + ONLY_B).with(AS_CITY))).contains("<p>乙县（人员所属的县在此不能修改）</p>")
        .doesNotContain("name=\"county\"");
  }

  @Test
  void anEditDoesNotMoveAnEntryToAnotherCounty() throws Exception {
    web.perform(add(AS_CITY, BOTH, B)).andExpect(status().is3xxRedirection());
    MvcResult refused = web.perform(edit(AS_CITY, BOTH, "county")).andExpect(status().isBadRequest()).andReturn();
    assertThat(problems(refused)).containsExactly("县：" + BOTH + " 在乙县（" + B + "）的人才库中，修改时不能改为其他县");
    assertThat(countyOf(BOTH)).contains(B);
  }

  @Test
  void aRefusalToAUserOfSeveralCountiesDoesNotSpeakOfTheirCountyAs本县() throws Exception {
    MvcResult refused = web.perform(add(AS_CITY, ONLY_C, null)).andExpect(status().isBadRequest()).andReturn();
    assertThat(problems(refused)).containsExactly("账号：" + ONLY_C + " 不是您所管理的县（" + HOME + "、乙县（" + B + "））的用户，不能加入人才库");
    assertThat(String.join("", problems(refused)).replace(HOME, "")).doesNotContain("本县");
    assertThat(countyOf(ONLY_C)).isEmpty();
  }

  @Test
  void theListShowsTheCountyToAUserOfSeveralCounties() throws Exception {
    web.perform(add(AS_CITY, ONLY_B, null)).andExpect(status().is3xxRedirection());
    assertThat(page(get("/people").with(AS_CITY))).contains("<th>县</th>", "<td>乙县</td>", "<td>本县</td>");
    assertThat(page(get("/people").with(AS_OFFICE_B))).contains(ONLY_B).doesNotContain("<th>县</th>");
  }

  @Test
  void aSheetNamesTheCountyOfAnAccountOfSeveralByNameOrCodeAndTheExportWritesItsName() throws Exception {
    String refused = web.perform(upload(AS_CITY, sheet(InspectorSheet.HEADER, row(ONLY_B, ""), row(BOTH, ""))))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(refused).contains("未导入，人才库保持不变", "第 3 行：县：账号 " + BOTH + " 属于多个县，请选择加入哪个县的人才库：" + HOME + "、乙县（" + B + "）");
    assertThat(countyOf(ONLY_B)).as("all or nothing").isEmpty();

    web.perform(upload(AS_CITY, sheet(InspectorSheet.HEADER, row(ONLY_B, B), row(BOTH, "乙县")))).andExpect(status().is3xxRedirection());
    assertThat(countyOf(BOTH)).contains(B);
    assertThat(countyOf(ONLY_B)).contains(B);
    byte[] exported = web.perform(get("/people/export").with(AS_CITY)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(exported))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(12).getStringCellValue()).isEqualTo("县");
      for (Row row : sheet) {
        if (row.getCell(0).getStringCellValue().equals(BOTH)) {
          assertThat(row.getCell(12).getStringCellValue()).isEqualTo("乙县");
        }
      }
    }
  }

  @Test
  void aSheetRowNamingACountyTheImporterDoesNotSeeOrTheAccountIsNoUserOfIsRefusedByRow() throws Exception {
    String refused = web.perform(upload(AS_CITY, sheet(InspectorSheet.HEADER, row(BOTH, B), row(ONLY_C, C), row(ONLY_B, "本县"))))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(refused).contains("第 3 行：县：“" + C + "”不是您可选的县，请从" + HOME + "、乙县（" + B + "）中选择",
        "第 4 行：县：账号 " + ONLY_B + " 不是" + HOME + "的用户，可选：乙县（" + B + "）");
    assertThat(countyOf(BOTH)).as("all or nothing").isEmpty();
  }

  @Test
  void aOneCountyOfficesSheetWithoutTheCountyColumnImportsIntoItsCountyAndItsExportNamesIt() throws Exception {
    web.perform(upload(AS_OFFICE_B, sheet(InspectorSheet.HEADER.subList(0, 12), row(BOTH, null), row(ONLY_B, null))))
        .andExpect(status().is3xxRedirection());
    assertThat(countyOf(BOTH)).contains(B);
    assertThat(countyOf(ONLY_B)).contains(B);
    byte[] exported = web.perform(get("/people/export").with(AS_OFFICE_B)).andReturn().getResponse().getContentAsByteArray();
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(exported))) {
      assertThat(workbook.getSheetAt(0).getRow(1).getCell(12).getStringCellValue()).isEqualTo("乙县");
    }
  }

  @Test
  void everyRefusedSaveAnswers400() throws Exception {
    web.perform(add(AS_CITY, BOTH, B)).andExpect(status().is3xxRedirection());
    String edit = web.perform(edit(AS_CITY, BOTH, null).param("pastPosts", "县审计局"))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(edit).as("a refused edit shows the edit page again").contains("过往任职第 1 行", "修改记录", "巡察工作评价", "乙县（人员所属的县在此不能修改）");
    String lostAccount = web.perform(edit(AS_CITY, null, null))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(lostAccount).contains("账号：不能为空");
    MvcResult otherCounty = web.perform(edit(AS_HOME_OFFICE, BOTH, null)).andExpect(status().isBadRequest()).andReturn();
    assertThat(problems(otherCounty)).containsExactly("账号：" + BOTH + " 在其他县的人才库中，不能在本县修改");
    assertThat(otherCounty.getResponse().getContentAsString()).as("nothing of the other county's entry").doesNotContain("新增 多县干部", "乙县");
    web.perform(multipart("/people/import").with(AS_CITY).with(csrf())).andExpect(status().isBadRequest());
    web.perform(upload(AS_CITY, "这不是表格".getBytes())).andExpect(status().isBadRequest());
    assertThat(countyOf(BOTH)).contains(B);
  }

  private void tenant(String id, String name) {
    Tenant tenant = identity.newTenant(id);
    tenant.setName(name);
    identity.saveTenant(tenant);
  }

  /** The form of a new entry of a 科员 of 县审计局, with this 县 chosen (null: none). */
  private MockHttpServletRequestBuilder add(UserRequestPostProcessor user, String account, String county) {
    return save(user, true, account, county);
  }

  /** The form of an existing entry, sent with this 县 (null: none, as the form sends it). */
  private MockHttpServletRequestBuilder edit(UserRequestPostProcessor user, String account, String county) {
    return save(user, false, account, county);
  }

  private MockHttpServletRequestBuilder save(UserRequestPostProcessor user, boolean isNew, String account, String county) {
    MockHttpServletRequestBuilder request = post("/people").with(user).with(csrf()).param("isNew", String.valueOf(isNew))
        .param("name", "多县干部").param("unit", "县审计局").param("post", "科员").param("rank", "科员").param("available", "1");
    if (account != null) {
      request.param("account", account);
    }
    return county == null ? request : request.param("county", county);
  }

  private MockHttpServletRequestBuilder upload(UserRequestPostProcessor user, byte[] sheet) {
    return multipart("/people/import").file(new MockMultipartFile("file", "pool.xlsx", null, sheet)).with(user).with(csrf());
  }

  private String page(MockHttpServletRequestBuilder request) throws Exception {
    return web.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
  }

  @SuppressWarnings("unchecked")
  private static List<String> problems(MvcResult result) {
    return (List<String>) result.getModelAndView().getModel().get("problems");
  }

  private Optional<String> countyOf(String account) {
    return jdbc.sql("select county from xc_inspector where account = ?").param(account).query(String.class).optional();
  }

  /** A sheet row of a 科员 of 县审计局 with this 县 cell (null: no cell, as in a sheet without the column). */
  private static List<String> row(String account, String county) {
    List<String> cells = new java.util.ArrayList<>(List.of(account, "表中干部", "县审计局", "科员", "科员", "", "审计", "否", "是", "", "", ""));
    if (county != null) {
      cells.add(county);
    }
    return cells;
  }

  @SafeVarargs
  private static byte[] sheet(List<String> header, List<String>... rows) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet();
      for (int r = 0; r <= rows.length; r++) {
        List<String> values = r == 0 ? header : rows[r - 1];
        Row row = sheet.createRow(r);
        for (int column = 0; column < values.size(); column++) {
          row.createCell(column).setCellValue(values.get(column));
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}

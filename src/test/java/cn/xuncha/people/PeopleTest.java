package cn.xuncha.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.xuncha.XunchaSpringTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.UserRequestPostProcessor;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The office's 人才库 pages: list, add, refuse, edit with its log, 回避 check, .xlsx round trip, and nobody else. */
@XunchaSpringTest
class PeopleTest {

  private static final UserRequestPostProcessor OFFICE = user("office1").authorities(() -> "office");

  @Autowired
  WebApplicationContext context;
  @Autowired
  IdentityService identity;
  @Autowired
  InspectorPoolService pool;
  MockMvc web;
  String account;

  @BeforeEach
  void setUp() {
    web = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    account = "pool-" + UUID.randomUUID().toString().substring(0, 8);
    identity.saveUser(identity.newUser(account));
  }

  @Test
  void theDemoTeamsAreInThePoolWithTheirLeadersInTheLeadersPool() throws Exception {
    String page = web.perform(get("/people").param("lead", "1").with(OFFICE)).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString();
    assertThat(page).contains("巡察工作人才库", "team1-leader", "team7-leader").doesNotContain("team1-member1");
  }

  @Test
  void officeAddsAPersonAndEveryChangeIsLoggedWithWhoAndWhat() throws Exception {
    web.perform(save(true, "科员", "")).andExpect(status().is3xxRedirection());
    web.perform(save(false, "副主任", "赵村镇人民政府，副镇长，2018-01-01，2022-03-15"))
        .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("message", "已保存 测试人员。"));

    Inspector saved = pool.find(account).orElseThrow();
    assertThat(saved.post()).isEqualTo("副主任");
    assertThat(saved.pastPosts()).hasSize(1);
    assertThat(pool.changes(account)).extracting(InspectorChange::by).containsOnly("office1");
    assertThat(pool.changes(account).get(0).summary()).contains("职务（科员 → 副主任）", "过往任职（空 → 赵村镇人民政府，副镇长，2018-01-01，2022-03-15）");
    assertThat(pool.changes(account).get(1).summary()).startsWith("新增 测试人员");
  }

  @Test
  void badInputIsRefusedInChineseWithEveryProblemAndNothingIsStored() throws Exception {
    String page = web.perform(post("/people").with(OFFICE).with(csrf()).param("isNew", "true").param("account", account)
            .param("name", "测试人员").param("unit", "县审计局").param("post", "科员").param("rank", "科员").param("mayLead", "1")
            .param("specialities", "占卜").param("pastPosts", "赵村镇人民政府，副镇长，2018年1月").param("conflicts", "只有单位"))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

    assertThat(page).contains("未保存", "组长库：组长由正科级以上领导干部担任（实施办法第八条），科员人员不能列入组长库",
        "专长：“占卜”不在", "过往任职第 1 行起始日期：“2018年1月”不是“年-月-日”格式的日期",
        "回避申报第 1 行：请按“单位，说明”填写", "赵村镇人民政府，副镇长，2018年1月");
    assertThat(pool.find(account)).isEmpty();

    String unknown = web.perform(post("/people").with(OFFICE).with(csrf()).param("isNew", "true").param("account", "nobody-here")
        .param("name", "某人").param("unit", "县审计局").param("post", "科员").param("rank", "科员"))
        .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
    assertThat(unknown).contains("账号：nobody-here 不是本平台的用户，请先在管理后台创建");
  }

  @Test
  void theRecusalCheckNamesTheRule() throws Exception {
    String page = web.perform(get("/people/team1-member1").param("unit", "张店乡党委").param("on", "2027-03-15").with(OFFICE))
        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    assertThat(page).contains("不宜参加对张店乡党委的巡察", "任职回避：2019-03-01至2024-06-30在张店乡人民政府任财政所会计，离开未满5年");
    String clear = web.perform(get("/people/team1-member1").param("unit", "下汤镇党委").param("on", "2027-03-15").with(OFFICE))
        .andReturn().getResponse().getContentAsString();
    assertThat(clear).contains("未发现");
  }

  @Test
  void theExportImportsBackAndABadRowChangesNothing() throws Exception {
    web.perform(save(true, "科员", "赵村镇人民政府，副镇长，2018-01-01，")).andExpect(status().is3xxRedirection());
    byte[] exported = web.perform(get("/people/export").with(OFFICE)).andExpect(status().isOk())
        .andExpect(content().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        .andReturn().getResponse().getContentAsByteArray();
    List<String> problems = new ArrayList<>();
    assertThat(InspectorSheet.read(new ByteArrayInputStream(exported), problems)).extracting(InspectorPoolService.Entry::person).isEqualTo(pool.all());
    assertThat(problems).isEmpty();

    byte[] bad = edit(exported, 7, "也许");
    web.perform(multipart("/people/import").file(new MockMultipartFile("file", "pool.xlsx", null, bad)).with(OFFICE).with(csrf()))
        .andExpect(status().isBadRequest())
        .andExpect(content().string(org.hamcrest.Matchers.containsString("可任组长：请填“是”或“否”，而不是“也许”")));
    assertThat(pool.find(account).orElseThrow().post()).isEqualTo("科员");

    byte[] changed = edit(exported, 3, "副主任");
    web.perform(multipart("/people/import").file(new MockMultipartFile("file", "pool.xlsx", null, changed)).with(OFFICE).with(csrf()))
        .andExpect(flash().attributeExists("message"));
    assertThat(pool.find(account).orElseThrow().post()).isEqualTo("副主任");
    assertThat(pool.changes(account).get(0).summary()).isEqualTo("导入：修改职务（科员 → 副主任）");
  }

  @Test
  void onlyTheOfficeReachesThePool() throws Exception {
    for (MockHttpServletRequestBuilder request : List.of(get("/people"), get("/people/team1-leader"), get("/people/export"))) {
      web.perform(request.with(user("team1-leader").authorities(() -> "team1"))).andExpect(status().isForbidden());
    }
    web.perform(post("/people").with(user("leader1").authorities(() -> "leading-group")).with(csrf()).param("account", account))
        .andExpect(status().isForbidden());
  }

  private MockHttpServletRequestBuilder save(boolean isNew, String post, String pastPosts) {
    return post("/people").with(OFFICE).with(csrf()).param("isNew", String.valueOf(isNew)).param("account", account)
        .param("name", "测试人员").param("unit", "县审计局").param("post", post).param("rank", "科员")
        .param("specialities", "审计").param("available", "1").param("pastPosts", pastPosts);
  }

  /** The exported sheet with one cell of this test's row replaced. */
  private byte[] edit(byte[] sheet, int column, String value) throws Exception {
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(sheet))) {
      for (var row : workbook.getSheetAt(0)) {
        if (row.getCell(0) != null && account.equals(row.getCell(0).getStringCellValue())) {
          row.getCell(column).setCellValue(value);
        }
      }
      var out = new java.io.ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    }
  }
}

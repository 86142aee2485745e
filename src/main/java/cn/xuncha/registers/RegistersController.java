package cn.xuncha.registers;

import cn.xuncha.documents.OfficialDocument;
import cn.xuncha.documents.OfficialDocument.Table;
import cn.xuncha.documents.XlsxWriter;
import cn.xuncha.registers.PetitionRegister.Petition;
import cn.xuncha.registers.RegisterAccess.Level;
import cn.xuncha.registers.TalkRegister.Talk;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.system.Departments;
import cn.xuncha.system.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A unit's on-site registers (信访件登记, 个别谈话登记, 调阅登记, 民主测评, 座谈会, 组务会 and 立行立改) as a page ({@value #PAGE}{@code /{round}/{unit}})
 * and JSON ({@value #API}{@code /{round}/{unit}}), with their .xlsx exports. Who sees what is
 * {@link RegisterAccess}'s: the unit's team and administrators read and record the content; the
 * office, the leading group and the committee get the counts, the office the content too (read
 * only) while the leading group's grant is in force; everyone else 403. A refused entry answers its Chinese
 * problems (the page shows them, the API with 400) and stores nothing.
 */
@Controller
class RegistersController {

  static final String PAGE = "/registers";
  static final String API = "/api/registers";
  private static final String UNIT = "/{roundKey}/{unitGroup}";
  private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final RegisterAccess access;
  private final RoundUnits units;
  private final PetitionRegister petitions;
  private final TalkRegister talks;
  private final FileRequestRegister files;
  private final AssessmentRegister assessments;
  private final Departments departments;
  private final XlsxWriter xlsx;
  private final TeamMeetings meetings;
  private final RegisterGrants grants;
  private final Map<String, Action> actions;

  RegistersController(RegisterAccess access, RoundUnits units, PetitionRegister petitions, TalkRegister talks, FileRequestRegister files,
      AssessmentRegister assessments, TeamMeetings meetings, RegisterGrants grants, Departments departments, XlsxWriter xlsx) {
    this.files = files;
    this.assessments = assessments;
    this.meetings = meetings;
    this.grants = grants;
    this.actions = actions(petitions, talks, files, assessments, meetings, grants);
    this.access = access;
    this.units = units;
    this.petitions = petitions;
    this.talks = talks;
    this.departments = departments;
    this.xlsx = xlsx;
  }

  /** The units whose registers the user may open; a team finds its own units here. */
  @GetMapping(PAGE)
  String index(Authentication user, Model model) {
    model.addAttribute("units", access.units(user));
    return "registers-index";
  }

  @GetMapping(PAGE + UNIT)
  String page(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user, Model model) {
    Level level = access.level(user, roundKey, unitGroup);
    UnitRef unit = units.unit(roundKey, unitGroup);
    model.addAttribute("base", PAGE + "/" + roundKey + "/" + unitGroup);
    model.addAttribute("unitName", unit.unit().name());
    model.addAttribute("roundName", unit.round().name());
    model.addAttribute("stay", unit.round().entryDate() + " 至 " + unit.round().withdrawalDate());
    model.addAttribute("content", level == Level.CONTENT);
    model.addAttribute("record", access.mayRecord(user, roundKey, unitGroup));
    model.addAttribute("grantor", access.isLeadingGroup(user));
    if (access.isLeadingGroup(user) || access.isOffice(user)) {
      model.addAttribute("grants", grants.history(unit.unitId()));
    }
    model.addAttribute("petitionCounts", petitions.counts(unit));
    model.addAttribute("talkCounts", talks.counts(unit));
    model.addAttribute("fileCounts", files.counts(unit));
    model.addAttribute("assessmentCounts", assessments.counts(unit));
    model.addAttribute("meetingCounts", meetings.counts(unit));
    if (level == Level.CONTENT) {
      model.addAttribute("meetings", meetings.meetings(unit));
      model.addAttribute("demands", meetings.demands(unit));
      model.addAttribute("assessments", assessments.assessments(unit));
      model.addAttribute("forums", assessments.forums(unit));
      model.addAttribute("files", files.list(unit));
      model.addAttribute("fileCategories", FileRequestRegister.CATEGORIES);
      model.addAttribute("petitions", petitions.list(unit));
      model.addAttribute("talks", talks.list(unit));
      model.addAttribute("channels", petitions.channels(unit));
      model.addAttribute("villages", unit.unit().villages());
      model.addAttribute("departments", departments.options());
      model.addAttribute("outcomes", PetitionRegister.OUTCOMES.entrySet().stream().filter(outcome -> !"PENDING".equals(outcome.getKey()))
          .map(outcome -> Map.of("value", outcome.getKey(), "label", outcome.getValue())).toList());
      model.addAttribute("categories", TalkRegister.CATEGORIES);
      model.addAttribute("inspectors", TalkRegister.teamMembers(unit));
    }
    return "registers";
  }

  /**
   * A team's entry into a register of the unit from the page's form: {@code /petitions},
   * {@code /talks}, {@code /files}, {@code /assessments}, {@code /forums}, {@code /meetings}, or a
   * change of one entry, {@code /petitions/{id}/distribution}, {@code /talks/{id}/held},
   * {@code /files/{id}/progress}, {@code /meetings/{id}/demands} (a 立行立改 demand of that meeting);
   * only the unit's team and the administrators record. The leading group alone grants the office
   * the registers' content ({@code /content-grant}) and revokes it ({@code /content-revocation}), each
   * with a reason.
   * The page then shows what was done or every problem of a refused entry.
   */
  @PostMapping({PAGE + UNIT + "/{register}", PAGE + UNIT + "/{register}/{id}/{change}"})
  String change(@PathVariable String roundKey, @PathVariable String unitGroup, @PathVariable String register,
      @PathVariable(required = false) Long id, @PathVariable(required = false) String change, @RequestParam Map<String, String> fields,
      Authentication user, RedirectAttributes redirect) {
    Action action = action(register, change);
    UnitRef unit = permitted(action, user, roundKey, unitGroup);
    try {
      long done = action.change().apply(unit, id, fields, user.getName());
      redirect.addFlashAttribute("message", action.done().formatted(done));
    } catch (InvalidInputException refused) {
      redirect.addFlashAttribute("problems", refused.problems());
    }
    return "redirect:" + PAGE + "/" + unit.roundKey() + "/" + unit.unit().groupId();
  }

  /** 民主测评和座谈会 as .xlsx, a sheet each: for those who see the content (the team; the office while granted). */
  @GetMapping(PAGE + UNIT + "/assessments.xlsx")
  ResponseEntity<byte[]> assessmentSheet(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user) {
    return download(assessmentRegister(contentOf(user, roundKey, unitGroup)));
  }

  /** 调阅登记表 as .xlsx: for those who see the content (the team; the office while granted). */
  @GetMapping(PAGE + UNIT + "/files.xlsx")
  ResponseEntity<byte[]> fileSheet(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user) {
    return download(fileRegister(contentOf(user, roundKey, unitGroup)));
  }

  /** 信访件登记汇总 as .xlsx: for those who see the content (the team; the office while granted), petitioners are named in it. */
  @GetMapping(PAGE + UNIT + "/petitions.xlsx")
  ResponseEntity<byte[]> petitionSheet(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user) {
    return download(petitionSummary(contentOf(user, roundKey, unitGroup)));
  }

  /** 个别谈话登记表 as .xlsx: for those who see the content (the team; the office while granted). */
  @GetMapping(PAGE + UNIT + "/talks.xlsx")
  ResponseEntity<byte[]> talkSheet(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user) {
    return download(talkRegister(contentOf(user, roundKey, unitGroup)));
  }

  /**
   * The registers as JSON: the entries (petitions, talks, files, assessments, forums, meetings,
   * demands) for those who see the content, the counts for everyone who may see the registers.
   */
  @GetMapping(API + UNIT)
  @ResponseBody
  Map<String, Object> registers(@PathVariable String roundKey, @PathVariable String unitGroup, Authentication user) {
    Level level = access.level(user, roundKey, unitGroup);
    UnitRef unit = units.unit(roundKey, unitGroup);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("petitionCounts", petitions.counts(unit));
    body.put("talkCounts", talks.counts(unit));
    body.put("fileCounts", files.counts(unit));
    body.put("assessmentCounts", assessments.counts(unit));
    body.put("meetingCounts", meetings.counts(unit));
    if (level == Level.CONTENT) {
      body.put("meetings", meetings.meetings(unit));
      body.put("demands", meetings.demands(unit));
      body.put("assessments", assessments.assessments(unit));
      body.put("forums", assessments.forums(unit));
      body.put("petitions", petitions.list(unit));
      body.put("talks", talks.list(unit));
      body.put("files", files.list(unit));
    }
    return body;
  }

  /**
   * The same entries as {@link #change} as JSON: answers the id recorded or changed, or 400 with
   * every problem of a refused entry.
   */
  @PostMapping({API + UNIT + "/{register}", API + UNIT + "/{register}/{id}/{change}"})
  @ResponseBody
  ResponseEntity<?> changeApi(@PathVariable String roundKey, @PathVariable String unitGroup, @PathVariable String register,
      @PathVariable(required = false) Long id, @PathVariable(required = false) String change,
      @RequestBody(required = false) Map<String, Object> fields, Authentication user) {
    Action action = action(register, change);
    UnitRef unit = permitted(action, user, roundKey, unitGroup);
    try {
      return ResponseEntity.ok(Map.of("id", action.change().apply(unit, id, fields, user.getName())));
    } catch (InvalidInputException refused) {
      return ResponseEntity.badRequest().body(Map.of("problems", refused.problems()));
    }
  }

  /** 民主测评结果 and 座谈会登记, one table each. */
  OfficialDocument assessmentRegister(UnitRef unit) {
    List<AssessmentRegister.Assessment> results = assessments.assessments(unit);
    List<AssessmentRegister.Forum> forums = assessments.forums(unit);
    Table resultTable = new Table("民主测评结果", List.of("序号", "测评日期", "测评对象", "参评人数", "好", "较好", "一般", "差", "好和较好占比"),
        IntStream.range(0, results.size()).mapToObj(i -> {
          AssessmentRegister.Assessment a = results.get(i);
          return List.of(String.valueOf(i + 1), a.heldOn().toString(), a.subject(), String.valueOf(a.participants()), String.valueOf(a.good()),
              String.valueOf(a.fairlyGood()), String.valueOf(a.fair()), String.valueOf(a.poor()), a.goodRate());
        }).toList());
    Table forumTable = new Table("座谈会", List.of("序号", "座谈日期", "参加人员", "座谈主题", "座谈情况"),
        IntStream.range(0, forums.size()).mapToObj(i -> {
          AssessmentRegister.Forum f = forums.get(i);
          return List.of(String.valueOf(i + 1), f.heldOn().toString(), f.participants(), f.topic(), dash(f.summary()));
        }).toList());
    return new OfficialDocument(unit.unit().name() + "-民主测评和座谈会", null, unit.unit().name() + "民主测评和座谈会登记", null, List.of(),
        List.of(resultTable, forumTable), units.teamBody(unit), null);
  }

  /** 调阅登记表: every request with its dates, whether overdue, and what was found. */
  OfficialDocument fileRegister(UnitRef unit) {
    List<FileRequestRegister.FileRequest> list = files.list(unit);
    Table table = new Table("调阅登记", List.of("序号", "类别", "调阅内容", "调阅日期", "提供期限", "收到日期", "归还日期", "逾期未提供", "发现的问题"),
        IntStream.range(0, list.size()).mapToObj(i -> {
          FileRequestRegister.FileRequest r = list.get(i);
          return List.of(String.valueOf(i + 1), r.category(), r.description(), r.requestedOn().toString(), r.dueOn().toString(),
              r.receivedOn() == null ? "—" : r.receivedOn().toString(), r.returnedOn() == null ? "—" : r.returnedOn().toString(),
              r.overdue() ? "是" : "否", dash(r.findings()));
        }).toList());
    return new OfficialDocument(unit.unit().name() + "-调阅登记表", null, unit.unit().name() + "调阅登记表", null, List.of(), List.of(table),
        units.teamBody(unit), null);
  }

  /** 信访件登记汇总: every petition with its channel, petitioner, 分办 and whether it came late. */
  OfficialDocument petitionSummary(UnitRef unit) {
    List<Petition> list = petitions.list(unit);
    Table table = new Table("信访件登记", List.of("序号", "受理日期", "受理渠道", "信访人", "反映内容", "涉及村（社区）", "分办结果",
        "移交部门", "回复期限", "部门回复", "存档理由", "逾期受理"), IntStream.range(0, list.size()).mapToObj(i -> {
          Petition p = list.get(i);
          return List.of(String.valueOf(i + 1), p.receivedOn() + (p.receivedAt() == null ? "" : " " + p.receivedAt()), p.channel(),
              p.petitioner() == null ? "匿名" : p.petitioner(), p.content(), dash(p.village()), p.outcomeLabel(), dash(p.departmentName()),
              p.replyDue() == null ? "—" : p.replyDue().toString(), p.department() == null ? "—" : p.reply() == null ? "尚未回复" : p.reply(),
              dash(p.filingReason()), p.late() ? "是" : "否");
        }).toList());
    return new OfficialDocument(unit.unit().name() + "-信访件登记汇总", null, unit.unit().name() + "信访件登记汇总", null,
        List.of(petitions.summary(unit)), List.of(table), units.teamBody(unit), null);
  }

  /** 个别谈话登记表: every talk planned and held. */
  OfficialDocument talkRegister(UnitRef unit) {
    List<Talk> list = talks.list(unit);
    Table table = new Table("个别谈话登记", List.of("序号", "谈话对象职务", "类别", "姓名", "谈话人", "计划日期", "谈话日期", "谈话要点",
        "反映的问题线索"), IntStream.range(0, list.size()).mapToObj(i -> {
          Talk t = list.get(i);
          return List.of(String.valueOf(i + 1), t.post(), t.category(), dash(t.name()), t.inspectors(), t.plannedOn().toString(),
              t.heldOn() == null ? "未谈" : t.heldOn().toString(), dash(t.summary()), dash(t.leads()));
        }).toList());
    return new OfficialDocument(unit.unit().name() + "-个别谈话登记表", null, unit.unit().name() + "个别谈话登记表", null,
        List.of(talks.countsSentence(unit)), List.of(table), units.teamBody(unit), null);
  }

  private UnitRef contentOf(Authentication user, String roundKey, String unitGroup) {
    access.requireContent(user, roundKey, unitGroup);
    return units.unit(roundKey, unitGroup);
  }

  /** The entry or change a path names; 404 for any other. */
  private Action action(String register, String change) {
    Action action = actions.get(change == null ? register : register + "/" + change);
    if (action == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有这项登记");
    }
    return action;
  }

  /** The unit, once {@code user} may make the change: the leading group its grants, the team (and administrators) everything else; 403 otherwise. */
  private UnitRef permitted(Action action, Authentication user, String roundKey, String unitGroup) {
    if (action.grant()) {
      access.requireLeadingGroup(user, roundKey, unitGroup);
    } else {
      access.requireRecording(user, roundKey, unitGroup);
    }
    return units.unit(roundKey, unitGroup);
  }

  /** What an entry does to a unit's registers ({@code id}: the entry changed, null for a new one); answers the id. */
  @FunctionalInterface
  interface Change {
    long apply(UnitRef unit, Long id, Map<String, ?> fields, String actor);
  }

  /** An entry's change and what the page says when it is done ({@code %d}: the id); {@code grant}: the leading group's grant, not the team's entry. */
  private record Action(String done, Change change, boolean grant) {

    Action(String done, Change change) {
      this(done, change, false);
    }
  }

  private static Map<String, Action> actions(PetitionRegister petitions, TalkRegister talks, FileRequestRegister files,
      AssessmentRegister assessments, TeamMeetings meetings, RegisterGrants grants) {
    return Map.ofEntries(
        Map.entry("petitions", new Action("已登记信访件。", (unit, id, fields, actor) -> petitions.record(unit, fields, actor))),
        Map.entry("petitions/distribution", new Action("已分办第 %d 号信访件。", (unit, id, fields, actor) -> {
          petitions.distribute(unit, id, fields, actor);
          return id;
        })),
        Map.entry("talks", new Action("已登记个别谈话。", (unit, id, fields, actor) -> talks.record(unit, fields, actor))),
        Map.entry("talks/held", new Action("已登记第 %d 号谈话的谈话情况。", (unit, id, fields, actor) -> {
          talks.hold(unit, id, fields);
          return id;
        })),
        Map.entry("files", new Action("已登记调阅。", (unit, id, fields, actor) -> files.record(unit, fields, actor))),
        Map.entry("files/progress", new Action("已更新第 %d 号调阅。", (unit, id, fields, actor) -> {
          files.progress(unit, id, fields);
          return id;
        })),
        Map.entry("assessments", new Action("已登记民主测评结果。", (unit, id, fields, actor) -> assessments.recordAssessment(unit, fields, actor))),
        Map.entry("forums", new Action("已登记座谈会。", (unit, id, fields, actor) -> assessments.recordForum(unit, fields, actor))),
        Map.entry("meetings", new Action("已登记组务会。", (unit, id, fields, actor) -> meetings.record(unit, fields, actor))),
        Map.entry("meetings/demands", new Action("已向被巡察单位提出第 %d 号立行立改要求。", (unit, id, fields, actor) -> meetings.demand(unit, id, fields, actor))),
        Map.entry("content-grant", new Action("已准许巡察办查看本单位现场登记的内容。",
            (unit, id, fields, actor) -> grants.grant(unit, fields, actor), true)),
        Map.entry("content-revocation", new Action("已收回巡察办查看本单位现场登记内容的准许。",
            (unit, id, fields, actor) -> grants.revoke(unit, fields, actor), true)));
  }

  private ResponseEntity<byte[]> download(OfficialDocument document) {
    return ResponseEntity.ok().contentType(XLSX)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(document.fileName() + ".xlsx", StandardCharsets.UTF_8).build().toString())
        .body(xlsx.write(document));
  }

  private static String dash(String text) {
    return text == null ? "—" : text;
  }
}

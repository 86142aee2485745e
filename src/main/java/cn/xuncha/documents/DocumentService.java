package cn.xuncha.documents;

import cn.xuncha.calendar.Deadlines;
import cn.xuncha.clue.ClueService;
import cn.xuncha.county.Counties;
import cn.xuncha.county.CountySettings;
import static cn.xuncha.documents.DocumentKind.ANNOUNCEMENT;
import static cn.xuncha.documents.DocumentKind.ARRANGEMENT;
import static cn.xuncha.documents.DocumentKind.FEEDBACK;
import static cn.xuncha.documents.DocumentKind.NOTICE;
import static cn.xuncha.documents.DocumentKind.PUBLICATION;
import static cn.xuncha.documents.DocumentKind.REPORT;

import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.documents.OfficialDocument.Letterhead;
import cn.xuncha.feedback.Feedback;
import cn.xuncha.onsite.EntryMeeting;
import cn.xuncha.publication.Publication;
import cn.xuncha.documents.OfficialDocument.Table;
import cn.xuncha.onsite.WorkingPapers;
import cn.xuncha.onsite.WorkingPapers.Paper;
import cn.xuncha.rectification.FollowUpChecks;
import cn.xuncha.rectification.RectificationService;
import cn.xuncha.registers.FileRequestRegister;
import cn.xuncha.registers.PetitionRegister;
import cn.xuncha.registers.TalkRegister;
import cn.xuncha.registers.TeamMeetings;
import cn.xuncha.report.Report;
import cn.xuncha.report.ReportService;
import cn.xuncha.report.SecretaryMeeting;
import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundKind;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.UnitKind;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.RoundUnits.Round;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.Unrestricted;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * Builds each official document of a unit from the records the steps left (办法 and 规定 name
 * them): the HTML, .docx and .xlsx writers only lay the result out.
 */
@Service
class DocumentService {

  private static final Map<String, String> ITEM_STATES = Map.of(
      "OPEN", "整改中", "SUBMITTED", "待核查", "CLOSED", "已销号");
  private static final String NOT_YET = "（尚未形成）";
  /** The office's documents of a round, in the order the steps issue them (巡察预告, then 结果公开). */
  private static final List<DocumentKind> OFFICE_SERIES = List.of(NOTICE, PUBLICATION);
  /** A team's documents of a round, in the order the steps issue them (巡察预告, 巡察报告, 巡察反馈). */
  private static final List<DocumentKind> TEAM_SERIES = List.of(ANNOUNCEMENT, ARRANGEMENT, REPORT, FEEDBACK);
  /** The deadlines the 反馈意见 sets the unit (办法 第十八条(九)), as the deadline table defines them. */
  private static final String RECTIFICATION_PLAN_DEADLINE = "D4";
  private static final String RECTIFICATION_REPORT_DEADLINE = "D5";

  private final RoundUnits rounds;
  private final UnitRecords records;
  private final ReportService reports;
  private final RectificationService rectification;
  private final ClueService clues;
  private final IdentityService identityService;
  private final Counties counties;
  private final Deadlines deadlines;
  private final PetitionRegister petitions;
  private final TalkRegister talks;
  private final FileRequestRegister files;
  private final FollowUpChecks followUps;
  private final TeamMeetings meetings;

  DocumentService(RoundUnits rounds, UnitRecords records, ReportService reports, RectificationService rectification,
                  ClueService clues, IdentityService identityService, Deadlines deadlines, PetitionRegister petitions, TalkRegister talks,
                  FileRequestRegister files, FollowUpChecks followUps, TeamMeetings meetings, Counties counties) {
    this.followUps = followUps;
    this.meetings = meetings;
    this.petitions = petitions;
    this.talks = talks;
    this.files = files;
    this.rounds = rounds;
    this.records = records;
    this.reports = reports;
    this.rectification = rectification;
    this.clues = clues;
    this.identityService = identityService;
    this.counties = counties;
    this.deadlines = deadlines;
  }

  OfficialDocument build(String roundKey, String unitGroup, DocumentKind kind) {
    UnitRef unit = rounds.unit(roundKey, unitGroup);
    return switch (kind) {
      case NOTICE -> notice(unit);
      case ANNOUNCEMENT -> announcement(unit);
      case ARRANGEMENT -> arrangement(unit);
      case REPORT -> report(unit);
      case FEEDBACK -> feedback(unit);
      case RECTIFICATION -> rectificationLedger(unit);
      case CLUES -> clueLedger(unit);
      case PUBLICATION -> publication(unit);
    };
  }

  /** 巡察通知: written notice to the unit of the team, its stay and the entry meeting. */
  OfficialDocument notice(UnitRef unit) {
    Optional<Announcement> announced = records.find(unit.unitId(), Announcement.class);
    Round round = unit.round();
    LocalDate sentOn = announced.map(Announcement::noticeSentOn).orElse(null);
    return new OfficialDocument(unit.unit().name() + "-巡察通知", letterhead(unit, NOTICE, sentOn),
        "关于" + round.name() + "进驻" + unit.unit().name() + "的通知", unit.unit().name() + "：", List.of(
            "根据县委统一部署，" + round.name() + "期间，" + rounds.teamBody(unit) + "将于" + date(round.entryDate())
                + "进驻你单位开展" + round.kind().activity() + "，巡察时间至" + date(round.withdrawalDate()) + "。",
            "巡察组组长：" + unit.team().nameOf(unit.team().leader()) + "；副组长："
                + String.join("、", unit.team().namesOf(unit.team().deputies()))
                + "；组员：" + String.join("、", unit.team().namesOf(unit.team().members())) + "。",
            "巡察组驻地：" + text(announced.map(Announcement::residence)) + "。进驻动员会定于"
                + date(announced.map(Announcement::entryMeetingOn)) + "在" + text(announced.map(Announcement::entryMeetingPlace))
                + "召开，请你单位做好准备，指定联络人员，配合巡察组开展工作。"),
        List.of(), issuer(unit.roundKey()), sentOn);
  }

  /** 巡察公告: public, with the channels for letters, calls and visits (办法 第十五条). */
  OfficialDocument announcement(UnitRef unit) {
    String teamBody = rounds.teamBody(unit);
    Optional<Announcement> announced = records.find(unit.unitId(), Announcement.class);
    Round round = unit.round();
    LocalDate announcedOn = announced.map(Announcement::announcedOn).orElse(null);
    List<PetitionChannel> channels = announced.map(Announcement::channels).orElse(List.of());
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("根据县委统一部署，" + teamBody + "于" + date(round.entryDate()) + "至" + date(round.withdrawalDate())
        + "对" + unit.unit().name() + "开展" + round.kind().activity() + "。");
    paragraphs.add("巡察期间，巡察组主要受理反映" + unit.unit().name() + petitionScope(unit.unit().kind()) + "问题的来信来电来访。"
        + (channels.isEmpty() ? "" : "受理方式如下："));
    // One channel a paragraph, exactly as entered: a telephone number or e-mail address cannot break,
    // and a justified line that ends before one spreads its Chinese characters apart.
    channels.forEach(channel -> paragraphs.add(channel.announced()));
    paragraphs.add("受理时间至" + petitionsClose(announced) + "止。本公告通过" + text(announced.map(Announcement::announcementMedia))
        + "发布。");
    return new OfficialDocument(unit.unit().name() + "-巡察公告", letterhead(unit, ANNOUNCEMENT, announcedOn),
        teamBody + "关于" + inspecting(unit) + "的公告", null, paragraphs, List.of(), teamBody, announcedOn);
  }

  /** “巡察赵村镇党委” for 常规巡察, else “对赵村镇党委开展专项巡察”, “对…开展巡察“回头看”” (titles of the 公告, the 报告 and the 反馈意见). */
  private static String inspecting(UnitRef unit) {
    RoundKind kind = unit.round().kind();
    return kind == RoundKind.REGULAR ? "巡察" + unit.unit().name() : "对" + unit.unit().name() + "开展" + kind.activity();
  }

  /** When petitions stop: “2022年6月3日17时30分”, the day alone when no time was set, “巡察结束” before the announcement is recorded. */
  private static String petitionsClose(Optional<Announcement> announced) {
    return announced.map(a -> date(a.petitionsCloseOn()) + (a.petitionsCloseAt() == null ? ""
        : a.petitionsCloseAt().getHour() + "时" + (a.petitionsCloseAt().getMinute() == 0 ? "" : a.petitionsCloseAt().getMinute() + "分")))
        .orElse("巡察结束");
  }

  /**
   * Whose problems the team hears (办法 第十一条): the unit's leadership and, where the unit has party
   * organisations below it (a township's villages, a department's or enterprise's subordinate units),
   * their principal leaders; a village's party organisation has none below it.
   */
  private static String petitionScope(UnitKind kind) {
    return kind == UnitKind.VILLAGE ? "领导班子及其成员" : "领导班子及其成员、下一级党组织领导班子主要负责人";
  }

  /** 进驻工作安排: who goes where, when the entry meeting is and who attended it. */
  OfficialDocument arrangement(UnitRef unit) {
    String teamBody = rounds.teamBody(unit);
    Optional<Announcement> announced = records.find(unit.unitId(), Announcement.class);
    Optional<EntryMeeting> meeting = records.find(unit.unitId(), EntryMeeting.class);
    RoundPlan.Team team = unit.team();
    List<List<String>> members = new ArrayList<>();
    members.add(List.of("组长", team.nameOf(team.leader())));
    team.namesOf(team.deputies()).forEach(deputy -> members.add(List.of("副组长", deputy)));
    team.namesOf(team.members()).forEach(member -> members.add(List.of("组员", member)));
    Optional.ofNullable(team.liaison()).ifPresent(liaison -> members.add(List.of("联络员", team.nameOf(liaison))));
    LocalDate sentOn = announced.map(Announcement::noticeSentOn).orElse(null);
    return new OfficialDocument(unit.unit().name() + "-进驻工作安排", letterhead(unit, ARRANGEMENT, sentOn),
        teamBody + "进驻" + unit.unit().name() + "工作安排", null, List.of(
            "进驻时间：" + date(unit.round().entryDate()) + "至" + date(unit.round().withdrawalDate()) + "。",
            "驻地：" + text(announced.map(Announcement::residence)) + "。",
            "进驻动员会：" + date(announced.map(Announcement::entryMeetingOn)) + "，"
                + text(announced.map(Announcement::entryMeetingPlace)) + "。",
            "参会人员：" + text(meeting.map(EntryMeeting::attendees)) + "。"),
        List.of(new Table("巡察组人员", List.of("职务", "姓名"), members)), teamBody, sentOn);
  }

  /**
   * 三报告四清单: the three reports and the lists of problems, clues and suggestions (办法 第十八条),
   * with the numbers of the team's talk, petition and file-request registers (counts only: the report goes to the
   * office and the leading group, the registers' content stays with the team).
   */
  OfficialDocument report(UnitRef unit) {
    String teamBody = rounds.teamBody(unit);
    Optional<Report> report = reports.report(unit);
    List<Paper> problems = reports.problems(unit);
    List<Long> common = reports.commonProblems(unit);
    Table problemList = new Table("发现问题清单", List.of("序号", "问题类别", "问题事实", "发现地点", "共性问题"),
        IntStream.range(0, problems.size()).mapToObj(i -> List.of(String.valueOf(i + 1),
            WorkingPapers.CATEGORIES.getOrDefault(problems.get(i).category(), problems.get(i).category()),
            problems.get(i).fact(), problems.get(i).place(), common.contains(problems.get(i).id()) ? "是" : "否")).toList());
    Table clueList = clueTable("问题线索清单", unitClues(unit));
    Table suggestions = new Table("意见建议清单", List.of("序号", "意见建议"),
        List.of(List.of("1", text(report.map(Report::secretarySuggestions)))));
    LocalDate heardOn = records.find(unit.unitId(), SecretaryMeeting.class).map(SecretaryMeeting::meetingOn).orElse(null);
    return new OfficialDocument(unit.unit().name() + "-三报告四清单", letterhead(unit, REPORT, heardOn),
        teamBody + "关于" + inspecting(unit) + "情况的报告", "县委巡察工作领导小组：", List.of(
            "一、巡察情况报告。" + text(report.map(Report::situationReport)),
            "二、谈话情况报告。" + text(report.map(Report::talkReport)),
            "个别谈话登记情况：" + talks.countsSentence(unit),
            "信访件登记情况：" + petitions.summary(unit),
            "调阅登记情况：" + files.summary(unit),
            "组务会和立行立改情况：" + meetings.summary(unit),
            "三、问题线索报告。" + text(report.map(Report::clueReport))),
        Stream.of(problemList, clueList, suggestions, followUpTable(unit)).filter(java.util.Objects::nonNull).toList(),
        teamBody, heardOn);
  }

  /** 反馈意见: the problems found and the demands, to the unit (办法 第二十条). */
  OfficialDocument feedback(UnitRef unit) {
    String teamBody = rounds.teamBody(unit);
    Optional<Feedback> feedback = records.find(unit.unitId(), Feedback.class);
    List<String> paragraphs = new ArrayList<>();
    paragraphs.add("根据县委统一部署，" + teamBody + "于" + date(unit.round().entryDate()) + "至"
        + date(unit.round().withdrawalDate()) + "对你单位开展了" + unit.round().kind().activity() + "。经县委书记专题会议审定，现将巡察反馈意见通报如下。");
    paragraphs.add("一、巡察发现的主要问题");
    List<Paper> problems = reports.problems(unit);
    IntStream.range(0, problems.size()).forEach(i -> paragraphs.add((i + 1) + ". " + problems.get(i).fact()));
    List<FollowUpChecks.Check> checks = followUps.checks(unit);
    if (unit.followsUnitId() != null) {
      paragraphs.add("原巡察反馈问题整改情况：核查 " + checks.size() + " 项，整改到位 " + count(checks, FollowUpChecks.Result.DONE)
          + " 项，基本到位 " + count(checks, FollowUpChecks.Result.MOSTLY) + " 项，未到位 " + count(checks, FollowUpChecks.Result.NOT_DONE)
          + " 项。");
      checks.stream().filter(check -> check.result() != null && check.result() != FollowUpChecks.Result.DONE)
          .forEach(check -> paragraphs.add("（" + check.result().label() + "）" + check.problem() + (check.note() == null ? "" : "：" + check.note())));
    }
    paragraphs.add("二、整改要求");
    paragraphs.add(text(feedback.map(Feedback::demands)));
    paragraphs.add("请你单位在收到反馈意见后" + deadlines.within(RECTIFICATION_PLAN_DEADLINE) + "报送整改方案和整改台账，"
        + deadlines.within(RECTIFICATION_REPORT_DEADLINE) + "报送整改落实情况报告。");
    LocalDate feedbackOn = feedback.map(Feedback::feedbackOn).orElse(null);
    return new OfficialDocument(unit.unit().name() + "-反馈意见", letterhead(unit, FEEDBACK, feedbackOn),
        teamBody + "关于" + inspecting(unit) + "的反馈意见", unit.unit().name() + "：", paragraphs, List.of(),
        teamBody, feedbackOn);
  }

  private static long count(List<FollowUpChecks.Check> checks, FollowUpChecks.Result result) {
    return checks.stream().filter(check -> check.result() == result).count();
  }

  /**
   * 整改台账: each problem with its measure, deadline, person responsible and state (办法 第二十四条),
   * then, where there are any, the 立行立改 demands the team verified during the stay, as already
   * rectified (方案 四(一)2).
   */
  OfficialDocument rectificationLedger(UnitRef unit) {
    List<Table> tables = new ArrayList<>(List.of(rectificationTable(unit)));
    List<TeamMeetings.Demand> demands = meetings.rectified(unit);
    if (!demands.isEmpty()) {
      tables.add(immediateTable(demands));
    }
    return new OfficialDocument(unit.unit().name() + "-整改台账", null, unit.unit().name() + "巡察反馈问题整改台账", null, List.of(),
        tables, unit.unit().name(), null);
  }

  private static Table immediateTable(List<TeamMeetings.Demand> demands) {
    return new Table("立行立改事项（巡察期间已整改）", List.of("序号", "问题", "立行立改要求", "整改时限", "整改情况", "整改状态", "整改佐证"),
        IntStream.range(0, demands.size()).mapToObj(i -> {
          TeamMeetings.Demand demand = demands.get(i);
          return List.of(String.valueOf(i + 1), demand.problem(), demand.demand(), date(demand.rectifyBy()), demand.action(),
              demand.statusLabel(), demand.evidence());
        }).toList());
  }

  /** 线索移交台账 of one unit (办法 第二十二条). */
  OfficialDocument clueLedger(UnitRef unit) {
    return new OfficialDocument(unit.unit().name() + "-线索移交台账", null, unit.unit().name() + "问题线索移交台账", null, List.of(),
        List.of(clueTable("问题线索移交台账", unitClues(unit))), issuer(unit.roundKey()), null);
  }

  /** 公开通报: how the unit rectified, as published (办法 第二十五条). */
  OfficialDocument publication(UnitRef unit) {
    Optional<Publication> published = records.find(unit.unitId(), Publication.class);
    List<RectificationService.Item> items = rectification.ledger(unit);
    long closed = items.stream().filter(item -> "CLOSED".equals(item.status())).count();
    LocalDate publishedOn = published.map(Publication::publishedOn).orElse(null);
    return new OfficialDocument(unit.unit().name() + "-公开通报", letterhead(unit, PUBLICATION, publishedOn),
        "关于" + unit.unit().name() + "巡察整改情况的通报", null, List.of(
            "根据县委统一部署，" + rounds.teamBody(unit) + "于" + date(unit.round().entryDate()) + "至"
                + date(unit.round().withdrawalDate()) + "对" + unit.unit().name() + "开展了" + unit.round().kind().activity() + "，并于"
                + date(records.find(unit.unitId(), Feedback.class).map(Feedback::feedbackOn)) + "反馈了巡察意见。",
            "巡察反馈问题共" + items.size() + "个，已完成整改" + closed + "个。" + text(published.map(Publication::content)),
            "本通报于" + date(published.map(Publication::reportedOn)) + "报县委巡察工作领导小组，通过"
                + text(published.map(Publication::channel)) + "公开。"),
        List.of(), issuer(unit.roundKey()), publishedOn);
  }

  /**
   * The office's ledger of the use of results (办法 第二十二、二十四条): transfers and replies, rectification progress,
   * and each unit's counts of the on-site registers (issue 17: the office sees counts, not content).
   */
  OfficialDocument officeLedger(String roundKey) {
    RoundPlan plan = rounds.plan(roundKey);
    long roundId = rounds.roundId(roundKey);
    Map<String, Long> unitIds = rounds.unitIds(roundKey);
    RoundCounts counts = new RoundCounts(petitions.countsByUnit(roundId), files.countsByUnit(roundId), talks.countsByUnit(roundId),
        meetings.countsByUnit(roundId));
    Map<Long, List<RectificationService.Item>> ledgers = rectification.ledgerByUnit(roundId);
    Map<Long, List<FollowUpChecks.Check>> verified = followUps.recordedAgainstRound(roundId);
    List<List<String>> items = new ArrayList<>();
    List<List<String>> registers = new ArrayList<>();
    for (RoundPlan.InspectedUnit unit : plan.units()) {
      long unitId = unitIds.get(unit.groupId());
      registers.add(registerCounts(unit.name(), unitId, counts));
      rectificationTable(ledgers.getOrDefault(unitId, List.of()), verified).rows().forEach(row -> {
        List<String> withUnit = new ArrayList<>(row);
        withUnit.add(1, unit.name());
        items.add(withUnit);
      });
    }
    List<String> header = new ArrayList<>(rectificationHeader());
    header.add(1, "被巡察单位");
    return new OfficialDocument(plan.name() + "-成果运用台账", null, plan.name() + "成果运用台账", null, List.of(),
        List.of(clueTable("问题线索移交及反馈", clues.ledger(roundKey)), new Table("整改进展", header, items),
            new Table("现场登记统计", List.of("被巡察单位", "受理信访", "逾期受理", "留作巡察组线索", "移交有关部门", "存档", "待分办", "个别谈话（已谈）",
                "调阅", "逾期未提供", "组务会", "立行立改", "已立行立改"), registers)),
        issuer(roundKey), null);
  }

  /** The registers' counts of a round's units, by unit id; a unit missing from a map has no entries in that register. */
  private record RoundCounts(Map<Long, PetitionRegister.Counts> petitions, Map<Long, FileRequestRegister.Counts> files,
                             Map<Long, TalkRegister.Counts> talks, Map<Long, TeamMeetings.Counts> meetings) {
  }

  /** One unit's row of the registers' counts in the office's ledger: numbers only, the content stays with the team. */
  private static List<String> registerCounts(String unitName, long unitId, RoundCounts counts) {
    PetitionRegister.Counts petition = counts.petitions().get(unitId);
    FileRequestRegister.Counts file = counts.files().get(unitId);
    TalkRegister.Counts talk = counts.talks().get(unitId);
    TeamMeetings.Counts meeting = counts.meetings().get(unitId);
    return List.of(unitName, count(petition, PetitionRegister.Counts::total), count(petition, PetitionRegister.Counts::late),
        count(petition, p -> p.byOutcome().get("留作巡察组线索")), count(petition, p -> p.byOutcome().get("移交有关部门")),
        count(petition, p -> p.byOutcome().get("存档")), count(petition, p -> p.byOutcome().get("待分办")),
        count(talk, TalkRegister.Counts::held), count(file, FileRequestRegister.Counts::requested),
        count(file, FileRequestRegister.Counts::overdue), count(meeting, TeamMeetings.Counts::meetings),
        count(meeting, TeamMeetings.Counts::demands), count(meeting, TeamMeetings.Counts::rectified));
  }

  /** A count of a register's counts, 0 for a unit without entries. */
  private static <C> String count(C counts, java.util.function.Function<C, Long> count) {
    return String.valueOf(counts == null ? 0 : count.apply(counts));
  }

  /**
   * 版头 of a unit's document: the office's or the unit's team's, whichever issues it. 发文字号
   * takes the year of 成文日期 (of the entry date while undated) and, as 序号, the place of the
   * document in its issuer's documents of the round: the series in step order, each for the units
   * in plan order. The office's own register may give other numbers; the .docx stays editable.
   */
  private Letterhead letterhead(UnitRef unit, DocumentKind kind, LocalDate date) {
    boolean office = OFFICE_SERIES.contains(kind);
    RoundPlan plan = rounds.plan(unit.roundKey());
    List<String> units = (office ? plan.units() : plan.unitsOf(unit.team())).stream()
        .map(RoundPlan.InspectedUnit::groupId).toList();
    int sequence = (office ? OFFICE_SERIES : TEAM_SERIES).indexOf(kind) * units.size() + units.indexOf(unit.unit().groupId()) + 1;
    int year = (date == null ? plan.entryDate() : date).getYear();
    CountySettings.Settings county = counties.settings(rounds.county(unit.roundKey()));
    return new Letterhead(office ? county.issuer() : county.teamBody(unit.team().name()),
        (office ? county.issuerCode() : county.teamCode(unit.team().name())) + "〔" + year + "〕" + sequence + "号");
  }

  /** 落款 of the office's documents of a round: its county's issuer ({@link Counties#settings}). */
  private String issuer(String roundKey) {
    return counties.settings(rounds.county(roundKey)).issuer();
  }


  private List<ClueService.LedgerRow> unitClues(UnitRef unit) {
    return clues.ledger(unit.roundKey()).stream().filter(row -> row.unit().equals(unit.unit().name())).toList();
  }

  private Table clueTable(String caption, List<ClueService.LedgerRow> rows) {
    Map<String, String> receivers = groupNames(rows.stream().map(ClueService.LedgerRow::receiver).filter(java.util.Objects::nonNull)
        .distinct().toArray(String[]::new));
    return new Table(caption, List.of("序号", "被巡察单位", "线索类别", "线索摘要", "移交对象", "移交时间", "办理状态", "书面反馈时间"),
        IntStream.range(0, rows.size()).mapToObj(i -> {
          ClueService.LedgerRow row = rows.get(i);
          return List.of(String.valueOf(i + 1), row.unit(), row.kind(), row.summary(), row.receiver() == null ? "—" : receivers.getOrDefault(row.receiver(), row.receiver()),
              time(row.transferredAt()), ClueService.STATES.getOrDefault(row.status(), row.status()), time(row.repliedAt()));
        }).toList());
  }

  private static List<String> rectificationHeader() {
    return List.of("序号", "问题", "整改措施", "完成时限", "责任人", "整改状态", "整改佐证", "回头看核查");
  }

  /** The unit's ledger; an item verified by a later 巡察“回头看” shows each result (“第三轮巡察：基本到位（…）”). */
  private Table rectificationTable(UnitRef unit) {
    return rectificationTable(rectification.ledger(unit), followUps.recordedAgainst(unit));
  }

  /** The ledger of {@code items}, with the checks recorded against them by item id. */
  private static Table rectificationTable(List<RectificationService.Item> items, Map<Long, List<FollowUpChecks.Check>> verified) {
    return new Table("整改台账", rectificationHeader(), IntStream.range(0, items.size()).mapToObj(i -> {
      RectificationService.Item item = items.get(i);
      String checks = verified.getOrDefault(item.id(), List.of()).stream().map(check -> check.round() + "：" + verdict(check))
          .collect(java.util.stream.Collectors.joining("；"));
      return List.of(String.valueOf(i + 1), item.problem(), item.measure(), date(item.deadline()), item.responsible(),
          ITEM_STATES.getOrDefault(item.status(), item.status()), item.evidence() == null ? "—" : item.evidence(),
          checks.isEmpty() ? "—" : checks);
    }).toList());
  }

  /** “基本到位（说明）”, the result alone where no note was given. */
  private static String verdict(FollowUpChecks.Check check) {
    return check.result().label() + (check.note() == null ? "" : "（" + check.note() + "）");
  }

  /**
   * 巡察“回头看”: the items of the earlier ledger with what the team found, for the follow-up unit's report
   * and feedback; null for a unit that follows up nothing.
   */
  private Table followUpTable(UnitRef unit) {
    if (unit.followsUnitId() == null) {
      return null;
    }
    List<FollowUpChecks.Check> checks = followUps.checks(unit);
    return new Table("回头看：原整改事项核查情况", List.of("序号", "问题", "原整改措施", "核查结果"),
        IntStream.range(0, checks.size()).mapToObj(i -> List.of(String.valueOf(i + 1), checks.get(i).problem(), checks.get(i).measure(),
            checks.get(i).result() == null ? "尚未核查" : verdict(checks.get(i)))).toList());
  }

  /**
   * Clues' receivers are groups (a department or the inspected unit): documents name them as the Admin
   * webapp does, all of a table in one query; a group without a name is named by its id.
   */
  private Map<String, String> groupNames(String... groupIds) {
    if (groupIds.length == 0) {
      return Map.of();
    }
    Map<String, String> names = new java.util.HashMap<>();
    Unrestricted.lookup(() -> identityService.createGroupQuery().groupIdIn(groupIds).list())
        .forEach(group -> names.put(group.getId(), group.getName() == null ? group.getId() : group.getName()));
    return names;
  }

  /** A text of a record, or that the record does not exist yet. */
  private static String text(Optional<String> value) {
    return value.filter(text -> !text.isBlank()).orElse(NOT_YET);
  }

  private static String date(Optional<LocalDate> value) {
    return date(value.orElse(null));
  }

  static String date(LocalDate date) {
    return date == null ? NOT_YET : date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
  }

  private static String time(Instant instant) {
    return instant == null ? "—" : ChinaTime.format(Date.from(instant));
  }
}

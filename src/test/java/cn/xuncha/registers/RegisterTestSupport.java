package cn.xuncha.registers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.RestCaller;
import cn.xuncha.report.ReportService;
import cn.xuncha.announcement.Announcement;
import cn.xuncha.announcement.PetitionChannel;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.StepTestSupport;
import cn.xuncha.round.UnitRecords;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sample round whose unit1 (赵村镇党委, 第一巡察组, stay 2022-04-21 to 2022-06-10) has announced
 * three petition channels, and the calls the register tests make through the JSON API.
 */
abstract class RegisterTestSupport extends StepTestSupport {

  static final String PHONE = "电话：12388";
  static final String MAILBOX = "邮政信箱：县邮政局 1 号信箱";

  @Autowired
  UnitRecords records;
  @Autowired
  PetitionRegister petitions;
  @Autowired
  TalkRegister talks;
  @Autowired
  FileRequestRegister files;
  @Autowired
  AssessmentRegister assessments;
  @Autowired
  TeamMeetings meetings;
  @Autowired
  ReportService reports;
  @Autowired
  JdbcClient jdbc;
  @LocalServerPort
  int port;
  RestCaller rest;
  String round;
  UnitRef unit;
  String api;

  @BeforeEach
  void announceUnit1() {
    rest = new RestCaller("http://localhost:" + port);
    round = fixture.sampleRoundAt("2022-04-18T09:00");
    unit = units.unit(round, "unit1");
    records.save(unit.unitId(), new Announcement(LocalDate.parse("2022-04-18"), "县融媒体中心", LocalDate.parse("2022-04-18"),
        "乡政府院内", LocalDate.parse("2022-04-21"), "乡政府会议室",
        List.of(new PetitionChannel("电话", "12388", null, null), new PetitionChannel("邮政信箱", "县邮政局 1 号信箱", null, null),
            new PetitionChannel("网络平台", "https://xc.example.cn/jb", null, "“码上巡察”二维码")),
        LocalDate.parse("2022-06-03"), LocalTime.parse("17:30")), "office1", Instant.now());
    api = RegistersController.API + "/" + round + "/unit1";
  }

  /** The engine's timers of {@code instance} that are due now, fired. */
  void fireDueTimers(String processInstanceId) {
    engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).timers().executable().list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));
  }

  /** The deadline watch of the task {@code taskKey} in {@code instance}. */
  org.camunda.bpm.engine.runtime.ProcessInstance watchOf(org.camunda.bpm.engine.runtime.ProcessInstance instance, String taskKey) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("deadline-watch")
        .variableValueEquals("watchedInstanceId", instance.getId()).variableValueEquals("watchedActivityId", taskKey).singleResult();
  }

  static long recorded(RestCaller.Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return Long.parseLong(answer.body().replaceAll("\\D", ""));
  }

  static String json(Map<String, String> fields) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

}

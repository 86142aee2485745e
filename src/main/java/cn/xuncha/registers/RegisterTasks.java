package cn.xuncha.registers;

import cn.xuncha.registers.FileRequestRegister.FileRequest;
import cn.xuncha.registers.TeamMeetings.Demand;
import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.Actors;
import cn.xuncha.system.ChinaTime;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.Markdown;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks the registers give: a department replies to a transferred petition and the unit
 * answers a file request (办法 第十五条) and a 立行立改 demand, which the team verifies (方案
 * 四(一)2). Each task works on the entry its process variable names; what it shows and records is
 * the register's.
 */
@Configuration(proxyBeanMethods = false)
class RegisterTasks {

  /**
   * The department handles a petition the team transferred and replies in writing
   * ({@link PetitionRegister#reply}); it sees what the petition is about, not who sent it.
   */
  @Bean
  FormTask petitionReply(PetitionRegister petitions) {
    return FormTask.of(task -> {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("petition", petitions.forDepartment(id(task, PetitionRegister.PETITION_ID)));
      values.put("replyDue", ChinaTime.format((Date) task.getVariable(PetitionRegister.REPLY_DUE)).substring(0, 10));
      values.put("reply", null);
      return values;
    }, (task, form) -> petitions.reply(id(task, PetitionRegister.PETITION_ID), form, Actors.of(task)));
  }

  /** The unit provides requested files: shows what and by when, records the day provided ({@link FileRequestRegister#provided}). */
  @Bean
  FormTask fileProvide(FileRequestRegister files) {
    return FormTask.of(task -> {
      FileRequest request = files.find(id(task, FileRequestRegister.REQUEST_ID));
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("request", "**" + request.category() + "**　" + request.requestedOn() + " 调阅\n\n" + Markdown.escape(request.description()));
      values.put("dueOn", request.dueOn().toString());
      values.put("providedOn", null);
      values.put("note", null);
      return values;
    }, (task, form) -> files.provided(id(task, FileRequestRegister.REQUEST_ID), form, Actors.of(task)));
  }

  /** The unit answers a 立行立改 demand with its action and evidence ({@link TeamMeetings#answer}). */
  @Bean
  FormTask immediateRectify(TeamMeetings meetings) {
    return FormTask.of(task -> {
      Demand demand = meetings.find(id(task, TeamMeetings.DEMAND_ID));
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("demand", describe(demand));
      values.put("action", demand.action());
      values.put("evidence", demand.evidence());
      return values;
    }, (task, form) -> meetings.answer(id(task, TeamMeetings.DEMAND_ID), form, Actors.of(task)));
  }

  /** The team verifies the unit's answer: 已立行立改, or back to the unit with the reason. */
  @Bean
  FormTask immediateVerify(TeamMeetings meetings, RoundUnits units, Reviews reviews) {
    return new ReviewTask(reviews) {
      @Override
      protected Map<String, Object> present(DelegateTask task) {
        Demand demand = meetings.find(id(task, TeamMeetings.DEMAND_ID));
        return Map.of("demand", describe(demand) + "\n\n**整改情况：** " + Markdown.escape(demand.action())
            + "\n\n**佐证材料：** " + Markdown.escape(demand.evidence()));
      }

      @Override
      protected Subject subject(DelegateTask task) {
        return Subject.record(units.unitOf(task), id(task, TeamMeetings.DEMAND_ID));
      }

      @Override
      protected void apply(DelegateTask task, Review review) {
        meetings.verify(id(task, TeamMeetings.DEMAND_ID), review.outcome() == ReviewOutcome.APPROVE, review.comment(), Actors.of(task));
      }
    };
  }

  private static String describe(Demand demand) {
    return "**存在的问题：** " + Markdown.escape(demand.problem()) + "\n\n**立行立改要求：** " + Markdown.escape(demand.demand())
        + "\n\n**整改时限：** " + demand.rectifyBy() + (demand.verification() == null ? "" : "\n\n**巡察组意见：** "
        + Markdown.escape(demand.verification()));
  }

  static long id(DelegateTask task, String variable) {
    return ((Number) task.getVariable(variable)).longValue();
  }
}

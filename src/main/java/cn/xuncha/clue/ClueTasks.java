package cn.xuncha.clue;

import cn.xuncha.calendar.Deadlines;
import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewKind;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.Departments;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tasks of one clue's transfer: the team writes the transfer material, the office reviews it
 * (办法 第十九条: 报县委巡察办审核把关), and the receiver replies in writing. Each task works on the
 * clue named by the process variable {@code clueId}.
 */
@Configuration(proxyBeanMethods = false)
class ClueTasks {

  static final String CLUE_ID = "clueId";
  static final String RECEIVER = "receiver";
  static final String ADDED_RECEIVERS = "addedReceivers";
  private static final String ADDED_RECEIVERS_LABEL = "同时移交";

  @Bean
  FormTask cluePrepare(ClueService clues, RoundUnits rounds, Reviews reviews) {
    return FormTask.of(task -> {
      ClueService.Clue clue = clue(clues, task);
      Map<String, Object> values = summary(clue);
      values.put("reviewComment", reviews.lastReturnComment(subject(rounds, task), ReviewKind.CLUE_MATERIAL).orElse(null));
      values.put("material", clue.material());
      return values;
    }, (task, form) -> {
      String material = form.requiredText("material", "移交材料", 8000);
      form.check();
      clues.prepare(clueId(task), material);
    });
  }

  /**
   * The office's review of the material. Approving, it may name departments that receive the clue
   * besides those of the routing table ({@value #ADDED_RECEIVERS}, 同时移交); a name that is not a
   * department group is refused.
   */
  @Bean
  FormTask clueReview(ClueService clues, RoundUnits rounds, Reviews reviews, Departments departments) {
    return new ReviewTask(reviews) {
      @Override
      protected Map<String, Object> present(DelegateTask task) {
        ClueService.Clue clue = clue(clues, task);
        Map<String, Object> values = summary(clue);
        values.put("material", clue.material());
        values.put(ADDED_RECEIVERS, FormValues.json(List.of()));
        values.put("departmentOptions", FormValues.json(departments.options()));
        return values;
      }

      @Override
      protected void checkFields(DelegateTask task, FormSubmission form, ReviewOutcome outcome) {
        for (String receiver : form.selection(ADDED_RECEIVERS, ADDED_RECEIVERS_LABEL)) {
          form.requireThat(departments.exists(receiver), ADDED_RECEIVERS_LABEL + "：“" + receiver + "”不是县直部门");
        }
      }

      @Override
      protected Subject subject(DelegateTask task) {
        return ClueTasks.subject(rounds, task);
      }

      @Override
      protected void apply(DelegateTask task, Review review) {
        List<String> added = FormValues.lines(FormValues.tree(task.getVariable(ADDED_RECEIVERS), ADDED_RECEIVERS_LABEL));
        clues.review(clueId(task), review.outcome() == ReviewOutcome.APPROVE, added);
      }
    };
  }

  /** A transfer starts: the clue is recorded as sent to this instance's receiver. */
  @Bean
  ExecutionListener clueTransferred(ClueService clues) {
    return execution -> clues.transferred((String) execution.getVariable(CLUE_ID), (String) execution.getVariable(RECEIVER));
  }

  @Bean
  FormTask clueReply(ClueService clues, Deadlines deadlines) {
    return FormTask.of(task -> {
      ClueService.Clue clue = clue(clues, task);
      Map<String, Object> values = summary(clue);
      values.put("material", clue.material());
      values.put("reply", null);
      values.put("withinReply", deadlines.within((String) task.getVariable("replyDeadline")));
      return values;
    }, (task, form) -> {
      String reply = form.requiredText("reply", "办理情况书面反馈", 8000);
      form.check();
      clues.reply(clueId(task), (String) task.getVariable(RECEIVER), reply, Actors.of(task));
    });
  }

  private static String clueId(DelegateTask task) {
    return (String) task.getVariable(CLUE_ID);
  }

  private static Subject subject(RoundUnits rounds, DelegateTask task) {
    return Subject.record(rounds.unitOf(task), Long.parseLong(clueId(task)));
  }

  private static ClueService.Clue clue(ClueService clues, DelegateTask task) {
    return clues.find(clueId(task));
  }

  private static Map<String, Object> summary(ClueService.Clue clue) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("clue", "**" + ClueService.KINDS.get(clue.kind()) + "**\n\n" + escape(clue.summary()));
    return values;
  }
}

package cn.xuncha.rectification;

import cn.xuncha.calendar.Deadlines;
import static cn.xuncha.system.Markdown.escape;

import cn.xuncha.review.Review;
import cn.xuncha.review.Review.Subject;
import cn.xuncha.review.ReviewOutcome;
import cn.xuncha.review.ReviewTask;
import cn.xuncha.review.Reviews;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundUnits.UnitRef;
import cn.xuncha.round.UnitRecords;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.FormValues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The office's review of the plan, the rectification of each item, the written report, follow-up and accountability. */
@Configuration(proxyBeanMethods = false)
class RectificationTasks {

  static final String ITEM_ID = "itemId";

  @Bean
  FormTask rectificationPlanReview(RectificationService rectification, UnitRecords records, RoundUnits rounds, Reviews reviews) {
    return new ReviewTask(reviews) {
      @Override
      protected Map<String, Object> present(DelegateTask task) {
        UnitRef unit = rounds.unitOf(task);
        StringBuilder md = new StringBuilder(escape(records.find(unit.unitId(), RectificationPlan.class).orElseThrow().plan()))
            .append("\n\n| 问题 | 整改措施 | 完成时限 | 责任人 |\n|---|---|---|---|\n");
        rectification.ledger(unit).forEach(item -> md.append("| ").append(escape(item.problem())).append(" | ")
            .append(escape(item.measure())).append(" | ").append(item.deadline()).append(" | ").append(escape(item.responsible())).append(" |\n"));
        return Map.of("ledger", md.toString());
      }

      @Override
      protected Subject subject(DelegateTask task) {
        return Subject.unit(rounds.unitOf(task));
      }
    };
  }

  @Bean
  FormTask rectifyItem(RectificationService rectification) {
    return FormTask.of(task -> {
      RectificationService.Item item = rectification.item((String) task.getVariable(ITEM_ID));
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("item", "**问题：** " + escape(item.problem()) + "\n\n**整改措施：** " + escape(item.measure())
          + "\n\n**完成时限：** " + item.deadline() + "　**责任人：** " + escape(item.responsible())
          + (item.reopened() > 0 ? "\n\n**回头看：** 该项已被重新打开 " + item.reopened() + " 次" : ""));
      values.put("evidence", item.evidence());
      return values;
    }, (task, form) -> {
      String evidence = form.requiredText("evidence", "整改完成情况及佐证材料", 4000);
      form.check();
      rectification.submitEvidence((String) task.getVariable(ITEM_ID), evidence);
    });
  }

  @Bean
  FormTask verifyItem(RectificationService rectification, RoundUnits rounds, Reviews reviews) {
    return new ReviewTask(reviews) {
      @Override
      protected Map<String, Object> present(DelegateTask task) {
        RectificationService.Item item = rectification.item((String) task.getVariable(ITEM_ID));
        return Map.of("item", "**问题：** " + escape(item.problem()) + "\n\n**整改措施：** " + escape(item.measure())
            + "\n\n**佐证材料：** " + escape(item.evidence()));
      }

      @Override
      protected Subject subject(DelegateTask task) {
        return Subject.record(rounds.unitOf(task), Long.parseLong((String) task.getVariable(ITEM_ID)));
      }

      @Override
      protected void apply(DelegateTask task, Review review) {
        rectification.verify((String) task.getVariable(ITEM_ID), review.outcome() == ReviewOutcome.APPROVE);
      }
    };
  }

  @Bean
  FormTask rectificationReport(UnitRecords records, RoundUnits rounds, Clock clock, Deadlines deadlines) {
    return FormTask.of(task -> {
      Map<String, Object> values = new LinkedHashMap<>(FormValues.of(RectificationReport.class, null));
      values.putAll(deadlines.withinValues("D5"));
      return values;
    }, (task, form) -> {
      RectificationReport report = form.read(RectificationReport.class);
      form.check();
      records.save(rounds.unitOf(task).unitId(), report, Actors.of(task), clock.instant());
    });
  }

  /** 回头看: the office checks the closed items and the report; it may reopen items or refer the unit for accountability. */
  @Bean
  FormTask followUp(RectificationService rectification, RoundUnits rounds) {
    return FormTask.of(task -> {
      UnitRef unit = rounds.unitOf(task);
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("itemOptions", FormValues.json(rectification.ledger(unit).stream()
          .map(item -> Map.of("value", String.valueOf(item.id()), "label", item.problem())).toList()));
      values.put("followUpDecision", null);
      values.put("reopenItems", FormValues.json(List.of()));
      values.put("accountabilityReason", null);
      return values;
    }, (task, form) -> {
      UnitRef unit = rounds.unitOf(task);
      String decision = form.choice("followUpDecision", "回头看结论", List.of("done", "reopen", "accountability"));
      List<Long> ledger = rectification.ledger(unit).stream().map(RectificationService.Item::id).toList();
      List<Long> reopen = new ArrayList<>();
      for (String value : form.selection("reopenItems", "重新打开的整改项")) {
        Long id = value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
        if (id == null || !ledger.contains(id)) {
          form.problem("重新打开的整改项：" + value + " 不是本单位整改台账中的事项");
        } else {
          reopen.add(id);
        }
      }
      String reason = form.text("accountabilityReason", "提请问责的理由", false, 2000);
      if ("reopen".equals(decision)) {
        form.requireThat(!reopen.isEmpty(), "重新打开的整改项：请至少选择一项");
      }
      if ("accountability".equals(decision)) {
        form.requireThat(reason != null, "提请问责的理由：不能为空");
      }
      form.check();
      if ("reopen".equals(decision)) {
        rectification.reopen(unit, reopen);
      } else if ("accountability".equals(decision)) {
        rectification.referForAccountability(unit, reason);
      }
      task.getExecution().setVariable("followUpDecision", decision);
    });
  }

  /** 办法 第二十六条(四): the leading group decides on accountability for refusing or failing to rectify. */
  @Bean
  FormTask accountability(RectificationService rectification, RoundUnits rounds) {
    return FormTask.of(task -> {
      UnitRef unit = rounds.unitOf(task);
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("reason", "**" + escape(unit.unit().name()) + "**\n\n巡察办提请问责的理由：" + escape(rectification.pendingAccountability(unit)));
      values.put("accountabilityDecision", null);
      return values;
    }, (task, form) -> {
      String decision = form.requiredText("accountabilityDecision", "问责决定", 2000);
      form.check();
      rectification.decideAccountability(rounds.unitOf(task), decision, Actors.of(task));
    });
  }
}

package cn.xuncha.analysis;

import cn.xuncha.round.RoundPlan;
import cn.xuncha.round.RoundUnits;
import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** A consulted department answers the inquiry letter addressed to it (封闭函询: only its own letter). */
@Component("inquiryReply")
class InquiryReplyTask extends FormTask {

  static final String DEPARTMENT = "department";

  private final InquiryService inquiries;
  private final RoundUnits rounds;

  InquiryReplyTask(InquiryService inquiries, RoundUnits rounds) {
    this.inquiries = inquiries;
    this.rounds = rounds;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    RoundPlan plan = rounds.plan((String) task.getVariable(RoundVariables.ROUND_KEY));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("letter", "县委巡察工作领导小组办公室定于 " + plan.entryDate() + " 起开展" + plan.name()
        + "，巡察对象为：" + String.join("、", plan.units().stream().map(RoundPlan.InspectedUnit::name).toList())
        + "。请贵单位通报上述党组织领导班子及其成员的有关情况和需要关注的问题。");
    values.put("reply", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String reply = form.requiredText("reply", "回复内容", 8000);
    form.check();
    inquiries.reply((String) task.getVariable(RoundVariables.ROUND_KEY), (String) task.getVariable(DEPARTMENT), reply, Actors.of(task));
  }
}

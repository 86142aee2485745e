package cn.xuncha.analysis;

import cn.xuncha.round.RoundVariables;
import cn.xuncha.system.Actors;
import cn.xuncha.system.FormSubmission;
import cn.xuncha.system.FormTask;
import cn.xuncha.system.Markdown;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** The office analyses all replies together (集中分析研判) once every department has answered. */
@Component("inquiryAnalysis")
class InquiryAnalysisTask extends FormTask {

  private final InquiryService inquiries;

  InquiryAnalysisTask(InquiryService inquiries) {
    this.inquiries = inquiries;
  }

  @Override
  protected Map<String, Object> show(DelegateTask task) {
    StringBuilder replies = new StringBuilder();
    for (InquiryService.Inquiry inquiry : inquiries.inquiries((String) task.getVariable(RoundVariables.ROUND_KEY))) {
      replies.append("**").append(Markdown.escape(inquiry.departmentName())).append("**：")
          .append(Markdown.escape(inquiry.reply())).append("\n\n");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("replies", replies.toString());
    values.put("analysisNotes", null);
    return values;
  }

  @Override
  protected void submit(DelegateTask task, FormSubmission form) {
    String notes = form.requiredText("analysisNotes", "分析研判意见", 8000);
    form.check();
    inquiries.recordAnalysis((String) task.getVariable(RoundVariables.ROUND_KEY), notes, Actors.of(task));
  }
}

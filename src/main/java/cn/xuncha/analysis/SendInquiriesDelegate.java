package cn.xuncha.analysis;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the inquiry letters and records when, with the number of working days the departments have
 * to reply: the reply deadline is computed from both in the model, so it follows calendar updates.
 */
@Component("sendInquiries")
class SendInquiriesDelegate implements JavaDelegate {

  static final String SENT = "inquiriesSent";

  private final InquiryService inquiries;

  SendInquiriesDelegate(InquiryService inquiries) {
    this.inquiries = inquiries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    InquiryService.Letters letters = inquiries.send(execution.getProcessBusinessKey());
    execution.setVariable(SENT, letters.sent());
  }
}

package cn.xuncha.analysis;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Sends the inquiry letters and sets {@code inquiryDue}, the deadline of the replies and their reminder. */
@Component("sendInquiries")
class SendInquiriesDelegate implements JavaDelegate {

  static final String INQUIRY_DUE = "inquiryDue";

  private final InquiryService inquiries;

  SendInquiriesDelegate(InquiryService inquiries) {
    this.inquiries = inquiries;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(INQUIRY_DUE, inquiries.send(execution.getProcessBusinessKey()));
  }
}

package cn.xuncha.security;

import java.util.Set;

/**
 * The only Spring beans an expression may name: those the models in {@code processes/} use
 * (delegates, listeners, {@code deadlineTable}, {@code roundPlans}, {@code rectification}, {@code clues},
 * {@code scheduleLoaders}) and the stored Tasklist filters ({@code deadlines}, TaskFilters). Every other bean —
 * {@code jdbcTemplate}, the data source, the application context, the engine's services — is unknown to expressions.
 * ModelBeansTest fails when a model names a bean missing here or when a name here is no longer
 * used, so the list stays the one the models need.
 */
final class ModelBeans {

  static final Set<String> NAMES = Set.of(
      // Expressions computing dates and routing
      "deadlines", "deadlineTable", "roundPlans", "rectification", "clues", "scheduleLoaders",
      // Listeners and delegates (camunda:delegateExpression)
      "accountability", "announceMobileVillages", "announcement", "approveRoundPlan", "cluePrepare", "clueReply",
      "clueReview", "clueTransferred", "entryMeeting", "feedback", "feedbackReceipt", "fileProvide", "followUp", "followUpVerification",
      "immediateRectify", "immediateVerify", "inquiryAnalysis",
      "inquiryReply", "majorProblemAnswer", "majorProblemReport", "mobileVillagesApproval", "mobileVillagesProposal",
      "noticeAck", "overdueEscalation", "partyBranchRecord", "petitionReply", "publication", "rectificationPlan",
      "rectificationPlanReview", "rectificationReport", "rectifyItem", "remind", "reportDraft", "reportReview",
      "roundEnded", "roundPlanDraft", "roundPlanReview", "roundStarted", "scheduleTask", "secretaryMeeting", "sendInquiries",
      "teamAnalysis", "teamPlanDraft", "teamPlanFiling", "trainingRecord", "verifyItem", "withdraw",
      "workingPaperConfirm", "workingPaperRecord");

  private ModelBeans() {
  }
}

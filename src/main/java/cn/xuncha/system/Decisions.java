package cn.xuncha.system;

import java.util.List;

/**
 * The two-way decisions of review forms (approve or return, confirm or reject): the chosen value
 * is checked, and sending something back requires a comment the other side will read.
 */
public final class Decisions {

  private Decisions() {
  }

  /**
   * @return true for {@code yes}, false for {@code no}; refuses anything else, and {@code no} without a comment
   */
  public static boolean decide(FormSubmission form, String key, String label, String yes, String no, String comment, String commentLabel) {
    String decision = form.choice(key, label, List.of(yes, no));
    if (no.equals(decision) && (comment == null || comment.isBlank())) {
      form.problem(commentLabel + "：选择退回或不予通过时必须填写");
    }
    form.check();
    return yes.equals(decision);
  }
}

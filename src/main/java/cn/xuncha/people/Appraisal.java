package cn.xuncha.people;

import java.time.Instant;
import java.util.List;

/**
 * One appraisal of a team member's work in one round (issue 13 item 6): by the team's leader
 * (组长评价, of deputies and members) or by the office (巡察办评价, of everyone incl. the leader),
 * with one of {@link #GRADES} and an optional remark of at most {@link #REMARK_LIMIT} characters.
 * {@code recordedAt} is an instant; pages show it in Beijing time.
 */
public record Appraisal(
    String account, String roundName, String teamName, Appraiser appraiser, String grade, String remark,
    String recordedBy, Instant recordedAt) {

  /** The four grades of the annual appraisal of civil servants (公务员考核), which offices reuse for inspectors. */
  public static final List<String> GRADES = List.of("优秀", "称职", "基本称职", "不称职");
  public static final int REMARK_LIMIT = 500;

  /** Who appraises. */
  public enum Appraiser {
    LEADER("组长评价"),
    OFFICE("巡察办评价");

    private final String label;

    Appraiser(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}

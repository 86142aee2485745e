package cn.xuncha.round;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of inspection (巡察类型) a round carries out: 常规巡察 and, besides it, the forms county
 * committees use — 专项巡察 on one field, 机动巡察 at short notice, 提级巡察 by the county of a unit
 * normally inspected below it, 交叉巡察 by teams from elsewhere, and 巡察“回头看” of a unit inspected
 * before, whose earlier rectification is verified. The round has one kind; a unit may be inspected in a
 * kind of its own (回头看 units in a 常规 round). Distinct from {@link UnitKind}, the kind of party
 * organisation inspected (办法 第十一条).
 */
public enum RoundKind {
  REGULAR("常规", "巡察"),
  SPECIAL("专项", "专项巡察"),
  MOBILE("机动", "机动巡察"),
  ELEVATED("提级", "提级巡察"),
  CROSS("交叉", "交叉巡察"),
  FOLLOW_UP("回头看", "巡察“回头看”");

  private final String label;
  private final String activity;

  RoundKind(String label, String activity) {
    this.label = label;
    this.activity = activity;
  }

  /** The short name an office picks: 常规, 专项, … 回头看. */
  public String label() {
    return label;
  }

  /** What the documents say the team carries out: “开展专项巡察”, “开展巡察“回头看””, plain “开展巡察” for 常规. */
  public String activity() {
    return activity;
  }

  /** The kind named {@code name} ({@link #name()}), empty for anything else. */
  static Optional<RoundKind> of(String name) {
    return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst();
  }

  /** The kind whose {@link #label()} is {@code label}, empty for anything else. */
  static Optional<RoundKind> ofLabel(String label) {
    return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
  }
}

package cn.xuncha.documents;

import java.util.Arrays;
import java.util.Optional;

/** The documents of one inspected unit, by the name used in their URL. */
public enum DocumentKind {
  /** 巡察通知 */
  NOTICE("notice", "巡察通知", true, false),
  /** 巡察公告 */
  ANNOUNCEMENT("announcement", "巡察公告", false, false),
  /** 进驻工作安排 */
  ARRANGEMENT("arrangement", "进驻工作安排", false, false),
  /** 三报告四清单 */
  REPORT("report", "三报告四清单", false, false),
  /** 反馈意见 */
  FEEDBACK("feedback", "反馈意见", true, false),
  /** 整改台账 */
  RECTIFICATION("rectification", "整改台账", true, true),
  /** 线索移交台账 */
  CLUES("clues", "线索移交台账", false, true),
  /** 公开通报 */
  PUBLICATION("publication", "公开通报", false, false);

  private final String path;
  private final String title;
  private final boolean addressedToUnit;
  private final boolean ledger;

  DocumentKind(String path, String title, boolean addressedToUnit, boolean ledger) {
    this.path = path;
    this.title = title;
    this.addressedToUnit = addressedToUnit;
    this.ledger = ledger;
  }

  static Optional<DocumentKind> byPath(String path) {
    return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
  }

  public String path() {
    return path;
  }

  public String title() {
    return title;
  }

  /** Whether the inspected unit itself may read it (the documents sent to the unit). */
  boolean addressedToUnit() {
    return addressedToUnit;
  }

  /** Whether it also downloads as a spreadsheet. */
  boolean ledger() {
    return ledger;
  }
}

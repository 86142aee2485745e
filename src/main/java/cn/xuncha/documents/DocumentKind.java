package cn.xuncha.documents;

import java.util.Arrays;
import java.util.Optional;

/** The documents of one inspected unit, by the name used in their URL. */
enum DocumentKind {
  /** 巡察通知 */
  NOTICE("notice", true, false),
  /** 巡察公告 */
  ANNOUNCEMENT("announcement", false, false),
  /** 进驻工作安排 */
  ARRANGEMENT("arrangement", false, false),
  /** 三报告四清单 */
  REPORT("report", false, false),
  /** 反馈意见 */
  FEEDBACK("feedback", true, false),
  /** 整改台账 */
  RECTIFICATION("rectification", true, true),
  /** 线索移交台账 */
  CLUES("clues", false, true),
  /** 公开通报 */
  PUBLICATION("publication", false, false);

  private final String path;
  private final boolean addressedToUnit;
  private final boolean ledger;

  DocumentKind(String path, boolean addressedToUnit, boolean ledger) {
    this.path = path;
    this.addressedToUnit = addressedToUnit;
    this.ledger = ledger;
  }

  static Optional<DocumentKind> byPath(String path) {
    return Arrays.stream(values()).filter(kind -> kind.path.equals(path)).findFirst();
  }

  String path() {
    return path;
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

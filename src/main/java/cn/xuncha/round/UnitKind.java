package cn.xuncha.round;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of party organisation a county round inspects (办法 第十一条: 县委工作部门, 县政府部门和人民团体
 * 党组（党委）, 县委管理的国有企业和事业单位党组织, 镇（街道）党（工）委, 重点村（社区）党组织). Only a township
 * has villages under it; the steps that concern villages (the team's choice of villages, mobile
 * inspection, the village lists of the report) apply to townships alone.
 */
public enum UnitKind {
  TOWNSHIP("乡镇（街道）党委", true),
  DEPARTMENT("县直部门（单位）党组（党组织）", false),
  INSTITUTION("事业单位党组织", false),
  ENTERPRISE("国有企业党组织", false),
  VILLAGE("村（社区）党组织", false);

  private final String label;
  private final boolean hasVillages;

  UnitKind(String label, boolean hasVillages) {
    this.label = label;
    this.hasVillages = hasVillages;
  }

  public String label() {
    return label;
  }

  /** Whether units of this kind have villages (村级党组织) under them. */
  public boolean hasVillages() {
    return hasVillages;
  }

  /** The kind named {@code name} ({@link #name()}), empty for anything else. */
  static Optional<UnitKind> of(String name) {
    return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst();
  }
}

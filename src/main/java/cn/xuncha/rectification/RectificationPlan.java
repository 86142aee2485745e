package cn.xuncha.rectification;

import cn.xuncha.round.UnitRecords;
import cn.xuncha.round.UnitRecords.Kind;
import cn.xuncha.system.FormField;

/**
 * The unit's rectification plan (整改方案) as the form rectification-plan records it; the items of
 * its ledger (整改台账) are kept in their own table (xc_rectification_item).
 */
@UnitRecords.Stored(value = Kind.RECTIFICATION_PLAN, version = 1)
public record RectificationPlan(@FormField(value = "整改方案", maxLength = 20000) String plan) {

  /** The field of the form rectification-plan kept in its own table, not in this record: the ledger's items. */
  public static final String ITEMS = "items";
}

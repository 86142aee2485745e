package cn.xuncha.people;

import cn.xuncha.people.Inspector.Conflict;
import cn.xuncha.people.Inspector.PastPost;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The 回避 rules of 实施办法 第八条 for one person and one inspected unit: 任职回避 (works there now,
 * or held a post there within {@code years} before the inspection), 公务回避 (a declared relative
 * or other declared conflict with the unit) and 地域回避 (the unit is in the person's hometown).
 * Units are compared by their place: "赵村镇党委" and a past post at "赵村镇人民政府" are the same
 * township, "县统计局党组" and "县统计局" the same department.
 */
public final class Recusal {

  private static final Pattern PARTY_BODY = Pattern.compile("(机关党组|党工委|党委|党组|党总支|党支部|党组织|人民政府|政府)$");

  private final int years;

  /** @param years how long after leaving a unit a person still may not inspect it */
  public Recusal(int years) {
    this.years = years;
  }

  /** Why {@code person} may not inspect {@code unit} when the inspection starts {@code on}; empty when nothing stands against it. */
  public List<String> reasons(Inspector person, String unit, LocalDate on) {
    List<String> reasons = new ArrayList<>();
    if (samePlace(person.unit(), unit)) {
      reasons.add("任职回避：现在" + person.unit() + "任" + person.post());
    }
    LocalDate since = on.minusYears(years);
    for (PastPost post : person.pastPosts()) {
      if (samePlace(post.unit(), unit) && (post.to() == null || !post.to().isBefore(since))) {
        reasons.add(post.to() == null
            ? "任职回避：" + post.from() + "起在" + post.unit() + "任" + post.post() + "，至今仍在任"
            : "任职回避：" + post.from() + "至" + post.to() + "在" + post.unit() + "任" + post.post() + "，离开未满" + years + "年");
      }
    }
    for (Conflict conflict : person.conflicts()) {
      if (samePlace(conflict.unit(), unit)) {
        reasons.add("公务回避：" + conflict.detail() + "（" + conflict.unit() + "）");
      }
    }
    if (person.hometown() != null && !person.hometown().isBlank() && place(unit).contains(written(person.hometown()))) {
      reasons.add("地域回避：籍贯或家乡为" + person.hometown().strip());
    }
    return reasons;
  }

  private static boolean samePlace(String a, String b) {
    if (a == null || b == null || a.isBlank() || b.isBlank()) {
      return false;
    }
    String x = place(a);
    String y = place(b);
    return x.contains(y) || y.contains(x);
  }

  /** The unit's place without the name of its party body or government: 赵村镇党委 → 赵村镇, 赵村镇　党委 → 赵村镇. */
  static String place(String unit) {
    return PARTY_BODY.matcher(written(unit)).replaceFirst("");
  }

  /**
   * A name as compared: full-width letters, digits and brackets as their half-width forms (NFKC) and
   * no space anywhere, so that a name typed or imported with a space or a full-width character inside
   * still meets the same unit.
   */
  private static String written(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[\\s\\p{Z}]+", "");
  }
}

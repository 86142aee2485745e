package cn.xuncha.people;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xuncha.people.Inspector.Conflict;
import cn.xuncha.people.Inspector.PastPost;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 回避 rules of 实施办法 第八条, one test per rule and its boundary. */
class RecusalTest {

  private static final Recusal FIVE_YEARS = new Recusal(5);
  private static final LocalDate ENTRY = LocalDate.of(2027, 3, 15);

  @Test
  void nothingStandsAgainstSomeoneWithoutTiesToTheUnit() {
    assertThat(FIVE_YEARS.reasons(person("县审计局", List.of(), List.of(), null), "赵村镇党委", ENTRY)).isEmpty();
  }

  @Test
  void whoWorksInTheUnitNowMayNotInspectIt() {
    assertThat(FIVE_YEARS.reasons(person("县统计局", List.of(), List.of(), null), "县统计局党组", ENTRY))
        .containsExactly("任职回避：现在县统计局任科员");
  }

  @Test
  void aPostInTheSamePlaceWithinTheYearsCounts() {
    Inspector person = person("县审计局", List.of(new PastPost("赵村镇人民政府", "副镇长", LocalDate.of(2018, 1, 1), LocalDate.of(2022, 3, 15))),
        List.of(), null);
    assertThat(FIVE_YEARS.reasons(person, "赵村镇党委", ENTRY))
        .containsExactly("任职回避：2018-01-01至2022-03-15在赵村镇人民政府任副镇长，离开未满5年");
    assertThat(FIVE_YEARS.reasons(person, "赵村镇党委", ENTRY.plusDays(1))).isEmpty();
    assertThat(new Recusal(3).reasons(person, "赵村镇党委", ENTRY)).isEmpty();
  }

  @Test
  void aPostStillHeldCountsWhateverItsStart() {
    Inspector person = person("县审计局", List.of(new PastPost("张店乡党委", "兼职委员", LocalDate.of(2001, 1, 1), null)), List.of(), null);
    assertThat(FIVE_YEARS.reasons(person, "张店乡党委", ENTRY)).containsExactly("任职回避：2001-01-01起在张店乡党委任兼职委员，至今仍在任");
  }

  @Test
  void aDeclaredRelativeOrConflictCounts() {
    Inspector person = person("县审计局", List.of(), List.of(new Conflict("辛集乡党委", "配偶在辛集乡任职")), null);
    assertThat(FIVE_YEARS.reasons(person, "辛集乡党委", ENTRY)).containsExactly("公务回避：配偶在辛集乡任职（辛集乡党委）");
    assertThat(FIVE_YEARS.reasons(person, "赵村镇党委", ENTRY)).isEmpty();
  }

  @Test
  void theHometownCounts() {
    assertThat(FIVE_YEARS.reasons(person("县审计局", List.of(), List.of(), "下汤镇"), "下汤镇党委", ENTRY))
        .containsExactly("地域回避：籍贯或家乡为下汤镇");
  }

  @Test
  void villagesAndTownshipsAreComparedByPlace() {
    assertThat(Recusal.place("赵村镇党委")).isEqualTo("赵村镇");
    assertThat(Recusal.place("县人大机关党组")).isEqualTo("县人大");
    assertThat(Recusal.place("河南村党支部")).isEqualTo("河南村");
    Inspector person = person("县审计局", List.of(), List.of(new Conflict("河南村", "兄长任河南村会计")), null);
    assertThat(FIVE_YEARS.reasons(person, "河南村党支部", ENTRY)).hasSize(1);
  }

  @Test
  void spacesAndFullWidthCharactersInsideANameDoNotHideTheUnit() {
    Inspector person = person("县审计局", List.of(new PastPost("赵 村 镇人民政府", "副镇长", LocalDate.of(2018, 1, 1), null)),
        List.of(new Conflict("Ｘ村", "兄长任Ｘ村会计")), "下　汤镇");
    assertThat(FIVE_YEARS.reasons(person, "赵村镇　党委", ENTRY)).hasSize(1);
    assertThat(FIVE_YEARS.reasons(person, "X村 党支部", ENTRY)).hasSize(1);
    assertThat(FIVE_YEARS.reasons(person, "下汤镇党委", ENTRY)).containsExactly("地域回避：籍贯或家乡为下　汤镇");
    assertThat(FIVE_YEARS.reasons(person("县统计局", List.of(), List.of(), null), "县 统计局党组", ENTRY)).hasSize(1);
  }

  private static Inspector person(String unit, List<PastPost> posts, List<Conflict> conflicts, String hometown) {
    return new Inspector("someone", "某人", unit, "科员", "科员", hometown, List.of("审计"), false, true, null, posts, conflicts);
  }
}

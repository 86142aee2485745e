package cn.xuncha.county;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committee a county's teams sign as: its own, else the unnamed 县委, never another county's. */
class CountySettingsTest {

  private final CountySettings settings = new CountySettings(Map.of("home", new CountySettings.Settings(null, null, "甲县县委", null)),
      null, null);

  @Test
  void aCountysTeamsSignAsItsCommittee() {
    assertThat(settings.of("home", "home").teamBody("第二巡察组")).isEqualTo("甲县县委第二巡察组");
    assertThat(settings.of("home", "home").teamCode("第二巡察组")).isEqualTo("甲县县委巡察二组");
    assertThat(settings.of("home", "home").teamCode("专项巡察组")).as("a name without an ordinal").isEqualTo("甲县县委专项巡察组");
  }

  @Test
  void aCountyWithoutItsCommitteeHasItsTeamsSignAsTheUnnamedCountyCommitteeNotTheHomeCountys() {
    assertThat(settings.of("other", "home").teamBody("第二巡察组")).isEqualTo("县委第二巡察组");
    assertThat(settings.of("other", "home").teamCode("第二巡察组")).isEqualTo("县委巡察二组");
  }
}

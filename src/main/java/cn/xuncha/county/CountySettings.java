package cn.xuncha.county;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What is set per county besides its rounds (issue 16 item 2): the issuer of the office's documents, the
 * committee its teams' documents name and the county's units. Each county is configured under
 * {@code xuncha.counties.<code>} (its tenant id): {@code issuer} (发文机关标志 and 落款, e.g.
 * 中共乙县县委巡察工作领导小组办公室), {@code issuer-code} (机关代字 in the 发文字号, e.g. 乙县巡察办), {@code committee}
 * (the county committee whose teams issue the teams' documents, e.g. 乙县县委: 乙县县委第二巡察组) and {@code units}
 * (the units the county committee inspects in a term, 办法 第十三条, besides those its plans name). The home
 * county's values may stay where a single-county installation keeps them — {@code xuncha.documents.issuer},
 * {@code xuncha.documents.issuer-code}, {@code xuncha.documents.committee}, {@code xuncha.county.units} — and
 * are the default of the issuer: a county without an issuer of its own issues under the home county's, so
 * that a document always names one. The committee and the units are a county's own: a county without its
 * committee has its teams sign as {@value #UNNAMED_COMMITTEE} (naming no county rather than another's), a
 * county without its list has no units but its plans'.
 *
 * @param counties the settings by county code; a missing field takes the default described above
 * @param documents the home county's issuer and issuer code ({@code units} unused)
 * @param county the home county's units ({@code issuer} and {@code issuer-code} unused)
 */
@ConfigurationProperties("xuncha")
public record CountySettings(Map<String, Settings> counties, Settings documents, Settings county) {

  /** The committee of a county whose settings name none: its teams sign 县委第二巡察组. */
  public static final String UNNAMED_COMMITTEE = "县委";

  public CountySettings {
    counties = counties == null ? Map.of() : Map.copyOf(counties);
    documents = documents == null ? new Settings(null, null, null, null) : documents;
    county = county == null ? new Settings(null, null, null, null) : county;
  }

  /**
   * One county's settings.
   *
   * @param issuer 发文机关标志 and 落款 of the office's documents
   * @param issuerCode 机关代字 of the 发文字号 (县巡察办〔2022〕1号)
   * @param committee the county committee its teams belong to, as their documents name it (松川县委)
   * @param units the units inspected in a term besides those the plans name (never null)
   */
  public record Settings(String issuer, String issuerCode, String committee, List<String> units) {

    private static final java.util.regex.Pattern TEAM_ORDINAL = java.util.regex.Pattern.compile("第(.+)巡察组");

    public Settings {
      units = units == null ? List.of() : List.copyOf(units);
    }

    /** 发文机关 of one of the county's teams, {@code team} its name in the plan: 第二巡察组 gives 松川县委第二巡察组. */
    public String teamBody(String team) {
      return committee + team;
    }

    /** 机关代字 of one of the county's teams in the 发文字号: 第二巡察组 writes 松川县委巡察二组; another name its body. */
    public String teamCode(String team) {
      java.util.regex.Matcher ordinal = TEAM_ORDINAL.matcher(team);
      return ordinal.matches() ? committee + "巡察" + ordinal.group(1) + "组" : teamBody(team);
    }
  }

  /** The settings of the county {@code code} with the defaults filled in; {@code home} is the home county's code. */
  Settings of(String code, String home) {
    Settings own = counties.get(code);
    Settings homeOwn = counties.getOrDefault(home, new Settings(null, null, null, null));
    String issuer = first(own == null ? null : own.issuer(), homeOwn.issuer(), documents.issuer());
    String issuerCode = first(own == null ? null : own.issuerCode(), homeOwn.issuerCode(), documents.issuerCode());
    boolean isHome = code.equals(home);
    String committee = first(own == null ? null : own.committee(), isHome ? documents.committee() : null, UNNAMED_COMMITTEE);
    List<String> units = own != null && !own.units().isEmpty() ? own.units() : isHome ? county.units() : List.of();
    return new Settings(issuer, issuerCode, committee, units);
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}

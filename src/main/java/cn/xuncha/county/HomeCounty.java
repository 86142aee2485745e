package cn.xuncha.county;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The county an installation was set up for ({@code xuncha.county.code}, {@code xuncha.county.name}):
 * its Camunda tenant is created at start, the rows that were stored before counties existed belong
 * to it (migration V21), and so does every account that is member of no county's tenant. A single-county
 * installation needs nothing else.
 *
 * @param code the county's code, the id of its Camunda tenant, e.g. {@code lushan}
 * @param name the county's name as users read it, e.g. 芦山县
 */
@ConfigurationProperties("xuncha.county")
public record HomeCounty(String code, String name) {

  public HomeCounty {
    code = code == null || code.isBlank() ? "county" : code;
    name = name == null || name.isBlank() ? "本县" : name;
  }
}

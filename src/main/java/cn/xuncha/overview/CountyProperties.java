package cn.xuncha.overview;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param units the units the county committee inspects in a term, besides those approved plans name */
@ConfigurationProperties("xuncha.county")
record CountyProperties(List<String> units) {

  CountyProperties {
    units = units == null ? List.of() : List.copyOf(units);
  }
}

package cn.xuncha.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demo true on the embedded default: demo accounts with the password "demo" are created
 * @param admin the administrator account created on first start
 */
@ConfigurationProperties("xuncha")
public record XunchaProperties(boolean demo, Admin admin) {

  public XunchaProperties {
    admin = admin == null ? new Admin(null) : admin;
  }

  /** @param password from XUNCHA_ADMIN_PASSWORD; required outside demo mode */
  public record Admin(String password) {
  }
}

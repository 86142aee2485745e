package cn.xuncha.system;

/** Thrown at start-up when a real deployment has no administrator password configured. */
class AdminPasswordMissingException extends RuntimeException {

  AdminPasswordMissingException() {
    super("XUNCHA_ADMIN_PASSWORD is not set");
  }
}

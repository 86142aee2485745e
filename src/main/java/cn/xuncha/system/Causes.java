package cn.xuncha.system;

/** Finds an exception of ours, or the engine's, among the causes the engine wrapped it in. */
final class Causes {

  private Causes() {
  }

  /** @return the first exception of this type in the cause chain, starting with {@code exception} itself; null if none */
  static <T extends Throwable> T find(Throwable exception, Class<T> type) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}

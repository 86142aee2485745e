package cn.xuncha.calendar;

/** A schedule file that cannot be used; the message (Chinese) names the file and the line. */
public class ScheduleFileException extends RuntimeException {

  ScheduleFileException(String message, Throwable cause) {
    super(message, cause);
  }

  ScheduleFileException(String message) {
    super(message);
  }
}

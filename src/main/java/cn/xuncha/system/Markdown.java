package cn.xuncha.system;

import java.util.regex.Pattern;

/** Text for the Markdown that form-js renders in a form's text fields: user input never becomes markup. */
public final class Markdown {

  private static final Pattern SPECIAL = Pattern.compile("([\\\\`*_{}\\[\\]()#+\\-.!|<>~])");

  private Markdown() {
  }

  /** One line of literal text: Markdown characters escaped, line breaks folded. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    return SPECIAL.matcher(text.replaceAll("[\\r\\n]+", " ")).replaceAll("\\\\$1");
  }
}

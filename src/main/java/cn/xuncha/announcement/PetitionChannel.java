package cn.xuncha.announcement;

import cn.xuncha.system.FormField;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One way the public reaches the team during its stay (办法 第十五条 受理信访, 方案 四(三)): a row of
 * the announcement's 信访渠道 list, printed in the 巡察公告 exactly as entered. {@code kind} is one of
 * {@link #KINDS}; {@code contact} is the number, address or link; {@code hours} the reception hours
 * (required for a 接待窗口); {@code note} an optional remark such as “码上巡察”小程序.
 */
public record PetitionChannel(
    @FormField(value = "渠道类别", maxLength = 20) String kind,
    @FormField(value = "号码、地址或链接", maxLength = 200) String contact,
    @FormField(value = "接待时间", maxLength = 100, required = false) String hours,
    @FormField(value = "说明", maxLength = 200, required = false) String note) {

  /** The kinds counties announce, each with the words the 公告 puts before its contact. */
  public static final Map<String, String> KINDS = orderedKinds();

  private static final Pattern PHONE = Pattern.compile("^(0\\d{2,3}-?\\d{7,8}|1\\d{10}|1\\d{4,5})$");
  private static final Pattern SMS = Pattern.compile("^1\\d{4,19}$");
  private static final Pattern LINK = Pattern.compile("^https?://\\S+$");

  private static Map<String, String> orderedKinds() {
    Map<String, String> kinds = new java.util.LinkedHashMap<>();
    kinds.put("电话", "举报电话");
    kinds.put("短信", "短信举报号码");
    kinds.put("邮政信箱", "邮政信箱");
    kinds.put("电子邮箱", "电子邮箱");
    kinds.put("意见箱", "意见箱设置地点");
    kinds.put("网络平台", "网络举报平台");
    kinds.put("接待窗口", "来访接待地点");
    return java.util.Collections.unmodifiableMap(kinds);
  }

  /**
   * What is wrong with this channel for its kind, as Chinese messages that start with
   * {@code label} (e.g. “信访渠道第 2 项·”): a telephone is a landline, mobile or short number such
   * as 12388; an SMS number is digits; an e-mail address has one @; a link starts with http(s)://
   * (a platform may also be named without a link); a reception window states its hours.
   */
  List<String> problems(String label) {
    if (kind == null || contact == null) {
      return List.of();
    }
    if (!KINDS.containsKey(kind)) {
      return List.of(label + "渠道类别：“" + kind + "”不是可选项");
    }
    String wrong = switch (kind) {
      case "电话" -> PHONE.matcher(contact).matches() ? null
          : "号码、地址或链接：电话请填写固定电话（如 0375-1234567）、11 位手机号或 12388 这样的短号";
      case "短信" -> SMS.matcher(contact).matches() ? null : "号码、地址或链接：短信请填写接收号码（数字）";
      case "电子邮箱" -> cn.xuncha.system.FormSubmission.EMAIL.matcher(contact).matches() ? null
          : "号码、地址或链接：电子邮箱格式不正确，例如 xcz1@example.cn";
      case "网络平台" -> !contact.contains("://") || LINK.matcher(contact).matches() ? null
          : "号码、地址或链接：网址须以 http:// 或 https:// 开头";
      case "接待窗口" -> hours != null ? null : "接待时间：接待窗口须写明接待时间，例如 工作日 8:30—17:30";
      default -> null;
    };
    return wrong == null ? List.of() : List.of(label + wrong);
  }

  /** The channel as the 公告 prints it: “举报电话：0375-1234567（工作日 8:30—17:30，说明）。” */
  public String announced() {
    String details = java.util.stream.Stream.of(hours, note).filter(java.util.Objects::nonNull)
        .reduce((a, b) -> a + "，" + b).map(text -> "（" + text + "）").orElse("");
    return KINDS.getOrDefault(kind, kind) + "：" + contact + details + "。";
  }
}

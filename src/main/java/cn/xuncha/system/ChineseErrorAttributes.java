package cn.xuncha.system;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What Spring Boot's error answer says (the JSON of {@code BasicErrorController} and the page
 * {@code templates/error.ftlh}): {@code error} is the Chinese name of the status instead of the
 * English reason phrase ("Forbidden", "Bad Request"), and {@code message} is a Chinese reason of ours
 * as it was given, else the Chinese hint for the status; never Spring's or Tomcat's English
 * ("No message available", "No static resource …"), a Java class name or a stack trace. Answers
 * every status that reaches {@code /error}: refusals of Spring Security (401, 403), a missing page
 * (404), an upload over {@code spring.servlet.multipart.max-file-size} (413), and errors (500).
 */
@Component
class ChineseErrorAttributes extends DefaultErrorAttributes {

  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final Map<Integer, String> TITLES = Map.of(400, "请求有误", 401, "请先登录", 403, "没有访问权限", 404, "页面不存在",
      405, "请求方式不正确", 413, "文件过大");
  private static final Map<Integer, String> HINTS = Map.of(
      400, "提交的内容不完整或格式不正确，请返回上一页检查后重试。",
      401, "登录已失效，请重新登录。",
      403, "您的账号无权查看此页面或办理此事项。如确需访问，请联系县委巡察办。",
      404, "您要找的页面不存在或已被删除，请检查地址是否正确。",
      405, "请返回上一页，按页面上的按钮操作。",
      413, "上传的文件超过 10 MB，未导入任何内容。请缩小文件（如删去图片、拆分表格）后重新上传。");
  private static final String ERROR_TITLE = "系统出错";
  private static final String ERROR_HINT = "系统暂时无法完成您的请求，已记录在服务器日志中。请稍后重试；如仍不能办理，请联系系统管理员。";

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> attributes = super.getErrorAttributes(request, options.including(ErrorAttributeOptions.Include.MESSAGE));
    int status = attributes.get("status") instanceof Integer code ? code : 500;
    attributes.put("error", TITLES.getOrDefault(status, ERROR_TITLE));
    Object message = attributes.get("message");
    if (message == null || !CJK.matcher(message.toString()).find()) {
      attributes.put("message", HINTS.getOrDefault(status, ERROR_HINT));
    }
    return attributes;
  }
}

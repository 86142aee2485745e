package cn.xuncha.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Refusals of a task completion or a form submission, as the user reads them: in Chinese, without
 * Camunda's English words. Camunda's REST API ({@code TaskResourceImpl}, {@code
 * ProcessDefinitionResourceImpl}) prefixes the reason with {@code "Cannot submit task form <id>: "},
 * {@code "Cannot complete task <id>: "} or {@code "Cannot instantiate process definition <id>: "} and
 * answers its own refusals in English: no such task, no permission, a value that does not convert,
 * a suspended task, a body that is not JSON. On every prefix the application serves the engine's
 * REST API under ({@code /engine-rest}, {@code /engine-rest/engine/default}, Tasklist's
 * {@code /camunda/api/engine/engine/default}) this filter answers {@code POST …/complete} and
 * {@code POST …/submit-form} with the reason alone — the Chinese message of an
 * {@link InvalidInputException} — or with a Chinese sentence for the engine's own refusals; the
 * status and the other fields of the answer stay as Camunda set them. Successful answers pass
 * unchanged.
 */
@Component
class RefusalMessageFilter extends OncePerRequestFilter {

  private static final Pattern ENDPOINT = Pattern.compile("^(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/"
      + "(?:task/[^/]+/(?:complete|submit-form)|process-definition/(?:[^/]+|key/[^/]+(?:/tenant-id/[^/]+)?)/submit-form)$");
  private static final Pattern CAMUNDA_PREFIX =
      Pattern.compile("^(?:Cannot submit task form|Cannot complete task|Cannot instantiate process definition) \\S+: (.*)$", Pattern.DOTALL);
  private static final Pattern NOT_CONVERTED = Pattern.compile("^Cannot convert value '(.*)' of type '(\\w+)' to java type .*$", Pattern.DOTALL);
  private static final Map<String, String> TYPE_NAMES = Map.of("Integer", "整数", "Long", "整数", "Short", "整数", "Double", "数字",
      "Boolean", "“是”或“否”", "Date", "日期（年-月-日）", "Json", "JSON 内容");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getMethod().equals("POST")
        || !ENDPOINT.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() >= HttpServletResponse.SC_BAD_REQUEST && !answer.isCommitted()) {
      byte[] chinese = inChinese(answer.getContentAsByteArray(), answer.getContentType(), answer.getStatus());
      answer.resetBuffer();
      answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
      answer.getOutputStream().write(chinese);
    }
    answer.copyBodyToResponse();
  }

  /**
   * The error answer with its message in Chinese: Camunda's error object with the message replaced,
   * or, where the answer is no such object (Jersey's plain-text answer to a body that is not JSON),
   * an error object of the same shape.
   */
  private byte[] inChinese(byte[] body, String contentType, int status) throws IOException {
    ObjectNode refusal = null;
    if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
      try {
        refusal = json.readTree(body) instanceof ObjectNode error && error.has("message") ? error : null;
      } catch (JsonProcessingException notJson) {
        refusal = null;
      }
    }
    if (refusal == null) {
      refusal = json.createObjectNode();
      refusal.put("type", status == HttpServletResponse.SC_BAD_REQUEST ? "InvalidRequestException" : "RestException");
      refusal.put("message", "");
    }
    refusal.put("message", reason(refusal.path("type").asText(), refusal.path("message").asText(), status));
    return json.writeValueAsBytes(refusal);
  }

  /**
   * The reason a user reads: a Chinese reason of ours as it is (without Camunda's prefix), else the
   * Chinese sentence for the engine's refusal; never an English word or a Java class name.
   */
  static String reason(String type, String message, int status) {
    Matcher prefixed = CAMUNDA_PREFIX.matcher(message);
    String reason = prefixed.matches() ? prefixed.group(1) : message;
    Matcher notConverted = NOT_CONVERTED.matcher(reason);
    if (notConverted.matches()) {
      return "“" + notConverted.group(1) + "”不是有效的" + TYPE_NAMES.getOrDefault(notConverted.group(2), "值") + "，未保存任何内容";
    }
    // The engine's own messages are English; a Chinese one is ours (InvalidInputException).
    if (CJK.matcher(reason).find()) {
      return reason;
    }
    if (type.equals("AuthorizationException") || status == HttpServletResponse.SC_FORBIDDEN) {
      return "您无权办理此任务，未保存任何内容";
    }
    if (reason.startsWith("Cannot find task") || reason.contains("task is null") || status == HttpServletResponse.SC_NOT_FOUND) {
      return "此任务不存在或已办结，请刷新任务列表";
    }
    if (reason.contains("suspended")) {
      return "此任务所在流程已暂停，暂不能办理";
    }
    if (status == HttpServletResponse.SC_BAD_REQUEST) {
      return "提交的内容格式不正确，未保存任何内容";
    }
    return "系统出错，未保存任何内容，请稍后重试";
  }
}

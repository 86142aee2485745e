package cn.xuncha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Camunda's REST API answers a refused form submission with 400 and prefixes the reason with its
 * own English words and the task's id: {@code "Cannot submit task form 1f3e…: 撤回日期：…"}
 * ({@code TaskResourceImpl.submit}; {@code "Cannot instantiate process definition …: "} for start
 * forms). Tasklist shows that message as it is. This filter keeps only the reason — the Chinese
 * message of an {@link InvalidInputException} — on both REST APIs, {@code /engine-rest} and
 * Tasklist's {@code /camunda/api/engine}; every other answer passes unchanged.
 */
@Component
class RefusalMessageFilter extends OncePerRequestFilter {

  private static final Pattern CAMUNDA_PREFIX =
      Pattern.compile("^(?:Cannot submit task form|Cannot instantiate process definition) \\S+: (.*)$", Pattern.DOTALL);

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().endsWith("/submit-form");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() == HttpServletResponse.SC_BAD_REQUEST && answer.getContentType() != null
        && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(answer.getContentType()))) {
      byte[] reason = reasonOnly(answer.getContentAsByteArray());
      if (reason != null) {
        answer.resetBuffer();
        answer.getOutputStream().write(reason);
      }
    }
    answer.copyBodyToResponse();
  }

  /** The error body with the message cut to its reason; null when it does not carry Camunda's prefix. */
  private byte[] reasonOnly(byte[] body) throws IOException {
    JsonNode error = json.readTree(body);
    if (error == null || !error.path("message").isTextual()) {
      return null;
    }
    Matcher prefixed = CAMUNDA_PREFIX.matcher(error.path("message").asText());
    if (!prefixed.matches()) {
      return null;
    }
    ((ObjectNode) error).put("message", prefixed.group(1));
    return json.writeValueAsBytes(error);
  }
}

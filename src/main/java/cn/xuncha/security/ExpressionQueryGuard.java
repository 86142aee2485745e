package cn.xuncha.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7.24.0 evaluates expressions inside a task query's {@code orQueries} even with
 * expressions in ad-hoc queries switched off, and Community gets no patch. Task and filter queries
 * from the REST API and from the webapps' internal API are therefore refused here when any
 * parameter or any JSON string holds {@code ${...}} or {@code #{...}}. Stored filters keep their
 * expressions: those are read from the database, not from the request.
 */
class ExpressionQueryGuard extends OncePerRequestFilter {

  static final String REFUSED = "查询条件中不允许使用表达式（${…} 或 #{…}）";
  private static final Pattern TASK_QUERY = Pattern.compile(
      "^(/engine-rest|/camunda/api/engine/engine/[^/]+)/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");
  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final int MAX_BODY = 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !TASK_QUERY.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY || inParameters(request.getParameterMap()) || inBody(body)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException", "message", REFUSED)));
      return;
    }
    chain.doFilter(new ReplayedBody(request, body), response);
  }

  private static boolean inParameters(Map<String, String[]> parameters) {
    return parameters.entrySet().stream()
        .anyMatch(entry -> hasExpression(entry.getKey()) || Arrays.stream(entry.getValue()).anyMatch(ExpressionQueryGuard::hasExpression));
  }

  /** Parsed, so that JSON escapes such as {@code \u0024{} cannot hide an expression; unreadable bodies are refused. */
  private boolean inBody(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      return inJson(json.readTree(body));
    } catch (IOException unreadable) {
      return true;
    }
  }

  private static boolean inJson(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isTextual()) {
      return hasExpression(node.textValue());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (hasExpression(field.getKey()) || inJson(field.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (inJson(element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasExpression(String value) {
    return value != null && EXPRESSION.matcher(value).find();
  }

  /** The body was read for the check; Camunda reads it again. */
  private static final class ReplayedBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(),
          encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
    }
  }
}

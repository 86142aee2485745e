package cn.xuncha.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refusals of the engine's REST API as the user reads them: in Chinese, without Camunda's English
 * words. On every prefix the application serves the API under ({@code /engine-rest},
 * {@code /engine-rest/engine/<name>}, the webapps' {@code /camunda/api/…}, Tasklist's and Cockpit's
 * {@code /camunda/api/engine/engine/<name>}) every error answer is rewritten to {@code type},
 * {@code message} and {@code code} alone — no {@code userId}, {@code missingAuthorizations} with
 * permission names, schema {@code details}, or any other technical field beside the message — and
 * the message is Chinese: the reason of an {@link InvalidInputException} as it is (without Camunda's
 * prefix {@code "Cannot submit task form <id>: "}, {@code "Cannot complete task <id>: "},
 * {@code "Cannot instantiate process definition <id>: "}), the message of a record not found that
 * {@link InvalidInputPlugin} noted on the request (whatever Camunda's resource made of it), a
 * deployment's schema errors by file and line, or a Chinese sentence for the engine's own English
 * refusals: no such task, no permission ("The user with id … does not have …"), a query without a
 * page size ("An unbound number of results is forbidden!"), a value that does not convert, a model
 * that does not parse, a suspended task, a body that is not JSON. The status stays as Camunda set
 * it, except that a record that does not exist (any more) answers 404 and a refusal of ours that
 * Camunda wrapped in a 500 answers 400 ({@link #status}).
 *
 * <p>A HEAD request is served as the GET it asks about (Jersey answered it 500 where GET finds
 * nothing); Tomcat sends no body for it. A value in Java's serialization format is refused here,
 * 400, before the engine sees it: the engine refuses it anyway ({@code javaSerializationFormatEnabled}
 * is off, ENGINE-17007), but as a 500 with two stack traces in the log. A JSON body is read whole
 * for that check; {@link UploadSizeLimit} has refused one over its limit before. Only an error
 * answer's body is held in memory to be rewritten ({@link ErrorHeld}); every other answer (a
 * variable's file, a deployment's resource, a page of results) streams through as the engine
 * writes it, whatever its size. The webapps' plugin scripts and styles
 * ({@code …/plugin/<name>/static/…}) bypass this filter altogether.
 */
@Component
class RefusalMessageFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(RefusalMessageFilter.class);
  private static final Pattern API = Pattern.compile("^(?:/engine-rest|/camunda/api)/.*");
  private static final Pattern PLUGIN_ASSET = Pattern.compile("^/camunda/api/[^/]+/plugin/[^/]+/static/.*");
  /** One task, or a command on it (complete, submit-form, claim, …), as opposed to a query. */
  private static final Pattern TASK_COMMAND = Pattern.compile("^.*/task/[^/]+(?:/[^/]+)*$");
  private static final Pattern CAMUNDA_PREFIX =
      Pattern.compile("^(?:Cannot submit task form|Cannot complete task|Cannot instantiate process definition) \\S+: (.*)$", Pattern.DOTALL);
  private static final Pattern NOT_CONVERTED = Pattern.compile("^Cannot convert value '(.*)' of type '(\\w+)' to java type .*$", Pattern.DOTALL);
  private static final Pattern MAX_RESULTS = Pattern.compile("^Max results limit of (\\d+) exceeded!?$");
  private static final Map<String, String> TYPE_NAMES = Map.of("Integer", "整数", "Long", "整数", "Short", "整数", "Double", "数字",
      "Boolean", "“是”或“否”", "Date", "日期（年-月-日）", "Json", "JSON 内容");
  /**
   * A deployment whose file does not parse: ENGINE-09003 not XML, ENGINE-09005 not a valid BPMN, ENGINE-09033 not a
   * form, ENGINE-22004 not a DMN.
   */
  private static final Pattern PARSE_FAILED = Pattern.compile("^ENGINE-\\d+ (?:Could not parse|Unable to transform) ");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  /** Camunda's English words before a reason of ours it passes on ("Cannot delete task variable x: …"). */
  private static final Pattern ENGLISH_BEFORE = Pattern.compile("^(?:[A-Za-z][\\x20-\\x7E]*?: )+(.*)$", Pattern.DOTALL);
  static final String SERIALIZED_REFUSED = "不接受以序列化对象提交的值，未保存任何内容";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = path(request);
    return !API.matcher(path).matches() || PLUGIN_ASSET.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getMethod().equals("HEAD")) {
      // Jersey answers a HEAD itself, without the entity our message is made from, and a 500 where GET finds nothing:
      // asked as a GET, the answer is GET's; Tomcat sends no body for the HEAD request it really is.
      request = new AsGetRequest(request);
    }
    if (hasJsonBody(request)) {
      byte[] body = request.getInputStream().readAllBytes();
      if (javaSerialized(body)) {
        LOG.info("Input refused ({} {}): a value in Java's serialization format", request.getMethod(), path(request));
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(Map.of("type", "InvalidRequestException", "message", SERIALIZED_REFUSED)));
        return;
      }
      request = new ReadBody(request, body);
    }
    ErrorHeld answer = new ErrorHeld(response);
    chain.doFilter(request, answer);
    byte[] held = answer.held();
    if (held != null && !response.isCommitted()) {
      ObjectNode engine = refusal(held, answer.getContentType(), answer.getStatus());
      String type = engine.path("type").asText();
      String message = engine.path("message").asText();
      Object notFound = request.getAttribute(InvalidInputPlugin.NOT_FOUND_NOTED);
      String reason = notFound != null ? notFound.toString()
          : engine.has("details") && type.equals("ParseException") ? unparsed(engine.path("details"))
          : reason(request.getMethod(), path(request), type, message, answer.getStatus());
      ObjectNode refusal = json.createObjectNode();
      refusal.put("type", shownType(type, answer.getStatus()));
      refusal.put("message", reason);
      refusal.set("code", engine.path("code").isMissingNode() ? null : engine.get("code"));
      byte[] body = json.writeValueAsBytes(refusal);
      response.resetBuffer();
      response.setStatus(status(answer.getStatus(), message, reason));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      // no Content-Length: Tomcat sets it at the end, and a filter before this one may still replace the answer
      response.getOutputStream().write(body);
    }
  }

  /**
   * The {@code type} of a rewritten error answer: Camunda's, except that a 5xx names no Java class
   * ("NullPointerException"), and a refused authorization is no longer typed {@code AuthorizationException}: the
   * webapps build their own message from that type's technical fields ({@code missingAuthorizations}: "'READ'
   * Tasks"), which the answer no longer carries; under another type they show their Chinese
   * "服务器拒绝执行该操作" for a page and our message for an action.
   */
  static String shownType(String type, int status) {
    return status >= HttpServletResponse.SC_INTERNAL_SERVER_ERROR || type.equals("AuthorizationException") ? "RestException" : type;
  }

  /**
   * The status of a rewritten error answer: 404 for a record that does not exist; 400 for a refusal
   * of ours (a Chinese message) that Camunda's resource wrapped in a 500; else Camunda's.
   */
  static int status(int status, String engineMessage, String reason) {
    if (reason.equals(InvalidInputPlugin.TASK_GONE) || reason.equals(InvalidInputPlugin.NOT_FOUND)) {
      return HttpServletResponse.SC_NOT_FOUND;
    }
    if (status >= HttpServletResponse.SC_INTERNAL_SERVER_ERROR && CJK.matcher(engineMessage).find()) {
      return HttpServletResponse.SC_BAD_REQUEST;
    }
    return status;
  }

  /**
   * A deployment whose model breaks the BPMN schema or Camunda's rules, named by file and line (the engine's
   * {@code details}: per resource its errors with line numbers); the English detail ("cvc-complex-type.2.4.a …") stays
   * in the operator's log ({@link InvalidInputPlugin}).
   */
  static String unparsed(JsonNode details) {
    List<String> places = new ArrayList<>();
    details.fields().forEachRemaining(resource -> {
      Set<String> lines = new LinkedHashSet<>();
      resource.getValue().path("errors").forEach(error -> lines.add("第 " + error.path("line").asInt() + " 行"));
      if (!lines.isEmpty()) {
        places.add("“" + resource.getKey() + "”" + String.join("、", lines));
      }
    });
    return places.isEmpty()
        ? "上传的模型或表单文件无法解析，请用 Camunda Modeler 检查后重新部署，未部署任何内容"
        : "模型文件" + String.join("；", places) + "不符合 BPMN 规范，请用 Camunda Modeler 检查后重新部署，未部署任何内容";
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static boolean hasJsonBody(HttpServletRequest request) {
    String type = request.getContentType();
    return (request.getMethod().equals("POST") || request.getMethod().equals("PUT")) && type != null
        && type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE);
  }

  /** Whether any value of the body names Java's serialization as its format ({@code valueInfo.serializationDataFormat}). */
  private boolean javaSerialized(byte[] body) {
    try {
      return json.readTree(body).findValues("serializationDataFormat").stream()
          .anyMatch(format -> SerializationDataFormats.JAVA.getName().equals(format.asText()));
    } catch (IOException notJson) {
      return false;
    }
  }

  /**
   * Camunda's error object, or, where the answer is no such object (Jersey's plain-text answer to a
   * body that is not JSON), an error object of the same shape.
   */
  private ObjectNode refusal(byte[] body, String contentType, int status) {
    if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
      try {
        if (json.readTree(body) instanceof ObjectNode error && error.has("message")) {
          return error;
        }
      } catch (IOException notJson) {
        // answered below
      }
    }
    ObjectNode refusal = json.createObjectNode();
    refusal.put("type", status == HttpServletResponse.SC_BAD_REQUEST ? "InvalidRequestException" : "RestException");
    refusal.put("message", "");
    return refusal;
  }

  /**
   * The reason a user reads: a Chinese reason of ours as it is (without Camunda's prefix), else the
   * Chinese sentence for the engine's refusal, worded for a command on a task, another change, or a
   * read; never an English word or a Java class name.
   */
  static String reason(String method, String path, String type, String message, int status) {
    Matcher prefixed = CAMUNDA_PREFIX.matcher(message);
    String reason = prefixed.matches() ? prefixed.group(1) : message;
    Matcher notConverted = NOT_CONVERTED.matcher(reason);
    if (notConverted.matches()) {
      return "“" + notConverted.group(1) + "”不是有效的" + TYPE_NAMES.getOrDefault(notConverted.group(2), "值") + "，未保存任何内容";
    }
    // The engine's own messages are English; a Chinese one is ours (InvalidInputException).
    if (CJK.matcher(reason).find()) {
      Matcher english = ENGLISH_BEFORE.matcher(reason);
      return english.matches() ? english.group(1) : reason;
    }
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean taskCommand = !read && TASK_COMMAND.matcher(path).matches();
    if (type.equals("AuthorizationException") || status == HttpServletResponse.SC_FORBIDDEN) {
      return read ? "您无权查看此项内容" : taskCommand ? "您无权办理此任务，未保存任何内容" : "您无权进行此项操作，未保存任何内容";
    }
    if (reason.startsWith("Cannot find task") || reason.contains("task is null")) {
      return InvalidInputPlugin.TASK_GONE;
    }
    if (status == HttpServletResponse.SC_NOT_FOUND || reason.contains("does not exist") || reason.startsWith("No matching")) {
      return TASK_COMMAND.matcher(path).matches() ? InvalidInputPlugin.TASK_GONE : InvalidInputPlugin.NOT_FOUND;
    }
    Matcher maxResults = MAX_RESULTS.matcher(reason);
    if (maxResults.matches()) {
      return "一次最多查询 " + maxResults.group(1) + " 条，请分页查询";
    }
    if (reason.startsWith("An unbound number of results is forbidden")) {
      return "查询须指定每页条数，请分页查询";
    }
    if (PARSE_FAILED.matcher(reason).find()) {
      return "上传的模型或表单文件无法解析，请用 Camunda Modeler 检查后重新部署，未部署任何内容";
    }
    if (reason.contains("suspended")) {
      return "此任务所在流程已暂停，暂不能办理";
    }
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      return "请先登录";
    }
    if (status == HttpServletResponse.SC_METHOD_NOT_ALLOWED) {
      return "请求方式不正确";
    }
    if (status < HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
      return read ? "查询条件不正确，请检查后重试" : "提交的内容格式不正确，未保存任何内容";
    }
    return read ? "系统出错，请稍后重试" : "系统出错，未保存任何内容，请稍后重试";
  }

  /**
   * The response, holding back the body of an error answer only: whether it holds is decided when
   * the body starts, by the status then set (Jersey sets status and headers before it writes the
   * entity); a declared length waits until then and is dropped for a held answer, whose rewritten
   * body Tomcat measures. {@link #held()} gives the held body, or null where the answer streamed
   * through, which then is left as it is.
   */
  private static final class ErrorHeld extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Boolean holding;
    private Long declaredLength;
    private ServletOutputStream stream;
    private PrintWriter writer;

    ErrorHeld(HttpServletResponse response) {
      super(response);
    }

    private boolean holding() {
      if (holding == null) {
        holding = getStatus() >= HttpServletResponse.SC_BAD_REQUEST;
        if (!holding && declaredLength != null) {
          super.setContentLengthLong(declaredLength);
        }
      }
      return holding;
    }

    /** The held body of an error answer (empty if it wrote none); null if the answer was not held back. */
    byte[] held() {
      if (writer != null) {
        writer.flush();
      }
      return holding() ? body.toByteArray() : null;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (!holding()) {
        return super.getOutputStream();
      }
      if (stream == null) {
        stream = new ServletOutputStream() {
          @Override
          public void write(int b) {
            body.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("an error answer is written at once");
          }
        };
      }
      return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      if (!holding()) {
        return super.getWriter();
      }
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
      }
      return writer;
    }

    /** A length declared before the body starts waits for it: Jersey declares it before it sets the status. */
    private boolean contentLength(String header, String value) {
      if (!header.equalsIgnoreCase("Content-Length")) {
        return false;
      }
      setContentLengthLong(Long.parseLong(value));
      return true;
    }

    @Override
    public void setContentLength(int length) {
      setContentLengthLong(length);
    }

    @Override
    public void setContentLengthLong(long length) {
      if (holding == null) {
        declaredLength = length;
      } else if (!holding) {
        super.setContentLengthLong(length);
      }
    }

    @Override
    public void setHeader(String name, String value) {
      if (!contentLength(name, value)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!contentLength(name, value)) {
        super.addHeader(name, value);
      }
    }

    @Override
    public void setIntHeader(String name, int value) {
      if (!contentLength(name, String.valueOf(value))) {
        super.setIntHeader(name, value);
      }
    }

    @Override
    public void addIntHeader(String name, int value) {
      if (!contentLength(name, String.valueOf(value))) {
        super.addIntHeader(name, value);
      }
    }

    @Override
    public void flushBuffer() throws IOException {
      if (!holding()) {
        super.flushBuffer();
      }
    }

    @Override
    public void resetBuffer() {
      body.reset();
      super.resetBuffer();
    }

    @Override
    public void reset() {
      body.reset();
      super.reset();
    }
  }

  /** The request with its body read already, for the engine to read again. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream bytes = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return bytes.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is read already");
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

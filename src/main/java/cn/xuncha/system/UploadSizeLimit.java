package cn.xuncha.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A request body larger than its limit answers 413 with the Chinese error page or JSON
 * ({@link ChineseErrorAttributes}), before anything reads it: an upload ({@code multipart/…})
 * over {@code spring.servlet.multipart.max-request-size} (10 MB), any other body (the JSON of the
 * engine's REST API and of the application's own API) over {@code xuncha.max-body-size} (2 MB),
 * which the engine's REST API and Spring would otherwise read whole into memory. Without this, for
 * an upload, Spring Security's CSRF check reads the form's token from the upload, Tomcat refuses to
 * parse the oversized body, the token reads as missing, and the user was sent to the login page as
 * if the session had expired. Runs before Spring Security.
 *
 * <p>A body without a declared length (chunked) is counted as it streams — whatever the spelling of its
 * {@code Transfer-Encoding} ("chunked,", ", chunked"): Tomcat answers 501 to any coding but chunked, so a body
 * it lets through with that header is a chunked one: the engine's REST API
 * (which parses uploads itself, without any limit) and every JSON reader read it through
 * {@link Capped}, which fails past the limit; an upload to the application's own pages and API is
 * parsed here by Tomcat, whose multipart limit is the same. Either way the answer is the same 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UploadSizeLimit extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(UploadSizeLimit.class);
  /** The engine's REST API under every prefix: it reads uploads from the raw body, not through Tomcat. */
  private static final Pattern ENGINE_API = Pattern.compile("^(?:/engine-rest|/camunda/api)/.*");

  private final long uploadLimit;
  private final long bodyLimit;
  private final String errorPath;

  UploadSizeLimit(MultipartProperties multipart, ServerProperties server,
      @Value("${xuncha.max-body-size:2MB}") DataSize bodyLimit) {
    this.uploadLimit = multipart.getMaxRequestSize().toBytes();
    this.bodyLimit = bodyLimit.toBytes();
    this.errorPath = server.getError().getPath();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getContentType() == null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean upload = request.getContentType().toLowerCase().startsWith("multipart/");
    long limit = upload ? uploadLimit : bodyLimit;
    if (limit < 0) {
      chain.doFilter(request, response);
    } else if (request.getContentLengthLong() > limit) {
      LOG.info("Body refused ({} {}): {} bytes, more than {}", request.getMethod(), request.getRequestURI(),
          request.getContentLengthLong(), limit);
      refuse(request, response, upload, limit);
    } else if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
    } else if (upload && !ENGINE_API.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
      if (tooLarge(request)) {
        LOG.info("Body refused ({} {}): an upload of more than {} bytes, sent without its length", request.getMethod(),
            request.getRequestURI(), limit);
        refuse(request, response, true, limit);
      } else {
        chain.doFilter(request, response);
      }
    } else {
      Capped capped = new Capped(request, limit);
      try {
        chain.doFilter(capped, response);
      } catch (IOException | ServletException | RuntimeException e) {
        if (!capped.exceeded) {
          throw e;
        }
      }
      if (capped.exceeded && !response.isCommitted()) {
        LOG.info("Body refused ({} {}): more than {} bytes, sent without its length", request.getMethod(), request.getRequestURI(),
            limit);
        response.reset();
        refuse(request, response, upload, limit);
      }
    }
  }

  /**
   * Whether Tomcat, parsing the upload now (it keeps the parts for Spring's multipart resolver and
   * Spring Security's CSRF check), finds it larger than its multipart limit, which is
   * {@code max-request-size}; any other fault of the upload is left to those who read it.
   */
  private static boolean tooLarge(HttpServletRequest request) throws ServletException {
    try {
      request.getParts();
      return false;
    } catch (IOException | IllegalStateException e) {
      return Causes.find(e, SizeException.class) != null;
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, boolean upload, long limit)
      throws ServletException, IOException {
    // Spring Boot's error page or JSON, reached as a GET without the upload: an error dispatch of the POST would
    // read the upload again (Spring Security's CSRF check, Spring's multipart resolver) and answer an empty body.
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
    if (upload) {
      request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(limit));
    } else {
      request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "提交的内容超过 " + DataSize.ofBytes(limit).toMegabytes() + " MB，未保存任何内容");
    }
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    request.getRequestDispatcher(errorPath).forward(new AsGetRequest(request), response);
  }

  /**
   * A body sent without its length (chunked): read through a stream that fails past the limit. The
   * engine's REST API parses uploads itself (Camunda's {@code MultipartPayloadProvider}, without any
   * limit) through this stream, and JSON readers read JSON through it.
   */
  private static final class Capped extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;
    private boolean exceeded;

    Capped(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream body = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = body.read();
            count(b < 0 ? 0 : 1);
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
          }

          private void count(int bytes) throws IOException {
            read += bytes;
            if (read > limit) {
              exceeded = true;
              throw new IOException("body larger than " + limit + " bytes");
            }
          }

          @Override
          public boolean isFinished() {
            return body.isFinished();
          }

          @Override
          public boolean isReady() {
            return body.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload larger than {@code spring.servlet.multipart.max-request-size} answers 413 with the
 * Chinese error page or JSON ({@link ChineseErrorAttributes}), before anything reads it. Without
 * this, Spring Security's CSRF check reads the form's token from the upload, Tomcat refuses to
 * parse the oversized body, the token reads as missing, and the user was sent to the login page as
 * if the session had expired. Runs before Spring Security. An upload without a declared length
 * (chunked) is read through {@link Capped}: past the limit the read fails and the answer is the
 * same 413, for the engine's REST API too, which parses uploads itself without a limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UploadSizeLimit extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(UploadSizeLimit.class);

  private final long limit;
  private final String errorPath;

  UploadSizeLimit(MultipartProperties multipart, ServerProperties server) {
    this.limit = multipart.getMaxRequestSize().toBytes();
    this.errorPath = server.getError().getPath();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null || !type.toLowerCase().startsWith("multipart/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (limit < 0) {
      chain.doFilter(request, response);
    } else if (request.getContentLengthLong() > limit) {
      LOG.info("Upload refused ({} {}): {} bytes, more than {}", request.getMethod(), request.getRequestURI(),
          request.getContentLengthLong(), limit);
      refuse(request, response);
    } else if (request.getContentLengthLong() < 0) {
      Capped capped = new Capped(request, limit);
      chain.doFilter(capped, response);
      if (capped.exceeded && !response.isCommitted()) {
        LOG.info("Upload refused ({} {}): more than {} bytes, sent without its length", request.getMethod(), request.getRequestURI(),
            limit);
        response.reset();
        refuse(request, response);
      }
    } else {
      chain.doFilter(request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    // Spring Boot's error page or JSON, reached as a GET without the upload: an error dispatch of the POST would
    // read the upload again (Spring Security's CSRF check, Spring's multipart resolver) and answer an empty body.
    request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
    request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(limit));
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    request.getRequestDispatcher(errorPath).forward(new WithoutUpload(request), response);
  }

  /**
   * An upload sent without its length (chunked): its body read through a stream that fails past the
   * limit. Spring's multipart resolver has its own limit, but the engine's REST API parses uploads
   * itself (Camunda's {@code MultipartPayloadProvider}, without any limit) through this stream.
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
              throw new IOException("upload larger than " + limit + " bytes");
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

  /** The request as a GET without a body, for the error page. */
  private static final class WithoutUpload extends HttpServletRequestWrapper {

    WithoutUpload(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public String getHeader(String name) {
      return "Content-Type".equalsIgnoreCase(name) ? null : super.getHeader(name);
    }
  }
}

package cn.xuncha.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
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
 * if the session had expired. Runs before Spring Security; uploads without a declared length pass on
 * to Spring's own limit.
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
    if (limit >= 0 && request.getContentLengthLong() > limit) {
      LOG.info("Upload refused ({} {}): {} bytes, more than {}", request.getMethod(), request.getRequestURI(),
          request.getContentLengthLong(), limit);
      // Spring Boot's error page or JSON, reached as a GET without the upload: an error dispatch of the POST would
      // read the upload again (Spring Security's CSRF check, Spring's multipart resolver) and answer an empty body.
      request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, request.getRequestURI());
      request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(limit));
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      request.getRequestDispatcher(errorPath).forward(new WithoutUpload(request), response);
      return;
    }
    chain.doFilter(request, response);
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

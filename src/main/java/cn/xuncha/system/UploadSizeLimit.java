package cn.xuncha.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  UploadSizeLimit(MultipartProperties multipart) {
    this.limit = multipart.getMaxRequestSize().toBytes();
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
      // Spring renders the error of a multipart request only when it knows of an exception; else it would parse the upload again
      request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new MaxUploadSizeExceededException(limit));
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    chain.doFilter(request, response);
  }
}

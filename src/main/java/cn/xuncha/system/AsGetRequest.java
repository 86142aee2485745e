package cn.xuncha.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request presented as a GET without a body: a HEAD answered as the GET whose headers it asks for
 * ({@link RefusalMessageFilter}), or a refused upload forwarded to the error page ({@link UploadSizeLimit}).
 * Hides the method and the body's content type only; every other header, the path and the session are the
 * original request's.
 */
final class AsGetRequest extends HttpServletRequestWrapper {

  AsGetRequest(HttpServletRequest request) {
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

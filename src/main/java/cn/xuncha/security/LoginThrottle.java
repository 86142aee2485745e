package cn.xuncha.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Slows down password guessing without handing anyone a way to lock somebody else out (issue 10,
 * item 5). Failures are counted per client address and account: after {@value #MAX_FAILURES}
 * failures within {@link #WINDOW}, that client is refused for that account until the window after
 * its last failure has passed; the same account still works from any other client. A client that
 * fails {@value #MAX_CLIENT_FAILURES} times over any accounts (password spraying) is refused for
 * all of them for the same time. Nothing is permanent: every refusal ends by itself, a restart
 * forgets them all, and an administrator lifts those of an account with Admin's 解锁用户
 * ({@link GuardedIdentityProvider#unlockUser(String)}).
 *
 * <p>The client is the request's remote address as the servlet container reports it, so a client
 * cannot choose it by sending a header; behind a reverse proxy, configure the proxy's address
 * as trusted ({@code server.forward-headers-strategy}) so that each user's own address is used.
 * Checks outside any request (the application's own calls) count as one local client.
 */
@Component
public class LoginThrottle {

  static final int MAX_FAILURES = 5;
  static final int MAX_CLIENT_FAILURES = 20;
  static final Duration WINDOW = Duration.ofMinutes(15);
  private static final String ANY_ACCOUNT = "";
  private static final String LOCAL = "local";
  /** Above this many tracked keys, expired ones are dropped before a new one is added. */
  private static final int PURGE_THRESHOLD = 10_000;

  private final Clock clock;
  private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** @return true if the current client may not try a password for this account now */
  boolean refuses(String userId) {
    String client = currentClient();
    return exhausted(new Key(client, userId), MAX_FAILURES) || exhausted(new Key(client, ANY_ACCOUNT), MAX_CLIENT_FAILURES);
  }

  /** Counts a wrong password of the current client for this account. */
  void failed(String userId) {
    Instant now = clock.instant();
    if (failures.size() > PURGE_THRESHOLD) {
      failures.values().removeIf(recorded -> recorded.expired(now));
    }
    String client = currentClient();
    failures.merge(new Key(client, userId), Failures.first(now), (old, ignored) -> old.plusOne(now));
    failures.merge(new Key(client, ANY_ACCOUNT), Failures.first(now), (old, ignored) -> old.plusOne(now));
  }

  /** A right password forgets the current client's failures for this account. */
  void succeeded(String userId) {
    failures.remove(new Key(currentClient(), userId));
  }

  /** An administrator's unlock: every client may try this account again. */
  void unlock(String userId) {
    failures.keySet().removeIf(key -> key.userId().equals(userId));
  }

  private boolean exhausted(Key key, int limit) {
    Failures recorded = failures.get(key);
    if (recorded == null) {
      return false;
    }
    if (recorded.expired(clock.instant())) {
      failures.remove(key, recorded);
      return false;
    }
    return recorded.count() >= limit;
  }

  private static String currentClient() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return clientOf(request.getRemoteAddr());
    }
    return LOCAL;
  }

  /**
   * The client an address stands for: an IPv6 address is its /64 network, which a subscriber or site holds as a
   * whole and could otherwise rotate through, five wrong passwords per address; an IPv4 address written as IPv6
   * ({@code ::ffff:a.b.c.d}) is that IPv4 address. The address is a numeric literal from the container, so
   * parsing it looks nothing up.
   */
  static String clientOf(String address) {
    if (address == null || address.indexOf(':') < 0) {
      return address;
    }
    try {
      InetAddress parsed = InetAddress.getByName(address);
      return parsed instanceof Inet6Address ? HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64" : parsed.getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private record Key(String client, String userId) {
  }

  /** {@code count} failures, the latest at {@code last}; all are forgotten {@link #WINDOW} after the latest. */
  private record Failures(int count, Instant last) {

    static Failures first(Instant now) {
      return new Failures(1, now);
    }

    Failures plusOne(Instant now) {
      return expired(now) ? first(now) : new Failures(count + 1, now);
    }

    boolean expired(Instant now) {
      return !now.isBefore(last.plus(WINDOW));
    }
  }
}

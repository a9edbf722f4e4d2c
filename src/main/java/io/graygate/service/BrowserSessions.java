package io.graygate.service;

import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's logins, in memory: a browser holds a random session id (256 bits) in an HttpOnly cookie, the
 * server keeps only its SHA-256 with the token it was opened with and when it ends. A restart signs everyone out.
 */
final class BrowserSessions {
    /** Bounds the memory a flood of logins can take; the oldest session goes first. */
    private static final int MAX_SESSIONS = 1000;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Clock clock;

    private record Session(ServiceToken token, Instant ends) {
    }

    BrowserSessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** Opens a session for the token; @return the id for the cookie (only its hash is kept) */
    String open(ServiceToken token) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !s.ends().isAfter(now));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.entrySet().stream().min(Map.Entry.comparingByValue(java.util.Comparator.comparing(Session::ends)))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(ServiceConfigLoader.sha256(id), new Session(token, now.plus(lifetime)));
        return id;
    }

    /** The token of a live session, if the id names one. */
    Optional<ServiceToken> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        String key = ServiceConfigLoader.sha256(id);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (!session.ends().isAfter(clock.instant())) {
            sessions.remove(key);
            return Optional.empty();
        }
        return Optional.of(session.token());
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(ServiceConfigLoader.sha256(id));
        }
    }

    Duration lifetime() {
        return lifetime;
    }
}

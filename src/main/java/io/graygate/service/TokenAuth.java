package io.graygate.service;

import io.graygate.platform.config.ServiceConfigLoader;
import io.graygate.platform.config.ServiceToken;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens checked against their stored SHA-256: a missing or unknown token is 401, a known token
 * without the endpoint's role is 403. The token's name is kept on the request for the audit trail.
 */
final class TokenAuth {
    static final String TOKEN_ATTRIBUTE = "graygate.token";
    private static final String BEARER = "Bearer ";

    private final List<ServiceToken> tokens;

    TokenAuth(List<ServiceToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    void check(Context ctx) {
        Access required = ctx.routeRoles().stream().filter(Access.class::isInstance).map(Access.class::cast)
                .findFirst().orElse(Access.PUBLIC);
        if (required.role() == null) {
            return;
        }
        ServiceToken token = authenticate(ctx.header("Authorization"))
                .orElseThrow(() -> new ApiException(401, "a valid bearer token is required (Authorization: Bearer TOKEN)"));
        if (!token.role().permits(required.role())) {
            throw new ApiException(403, "token '" + token.name() + "' has role " + token.role().name().toLowerCase()
                    + "; this call needs " + required.role().name().toLowerCase());
        }
        ctx.attribute(TOKEN_ATTRIBUTE, token);
    }

    private Optional<ServiceToken> authenticate(String header) {
        if (header == null || !header.startsWith(BEARER)) {
            return Optional.empty();
        }
        return bySecret(header.substring(BEARER.length()));
    }

    /** The token whose secret this is (the web page's login form sends it), if any. */
    Optional<ServiceToken> bySecret(String secret) {
        byte[] offered = ServiceConfigLoader.sha256(secret.strip()).getBytes(StandardCharsets.US_ASCII);
        ServiceToken match = null;
        for (ServiceToken token : tokens) {   // compare against every token, in constant time each
            if (MessageDigest.isEqual(offered, token.sha256().getBytes(StandardCharsets.US_ASCII))) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    /** The audit name of the caller: "token:NAME". */
    static String actor(Context ctx) {
        ServiceToken token = ctx.attribute(TOKEN_ATTRIBUTE);
        return token == null ? "anonymous" : "token:" + token.name();
    }
}

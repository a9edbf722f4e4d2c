package io.graygate.platform.config;

import java.util.Locale;
import java.util.Set;

/**
 * What a service token may do. viewer reads; analyst reads and runs rule checks; operator reads and
 * starts stages, decides and rolls back; ingest only pushes metric samples; agent (the {@code graygate agent} of a
 * strategy instance) only reads the desired state of its symbols and posts its reports.
 */
public enum Role {
    VIEWER, ANALYST, OPERATOR, INGEST, AGENT;

    /** Whether a token with this role may call an endpoint that requires {@code required}. */
    public boolean permits(Role required) {
        return this == required || (required == VIEWER && Set.of(ANALYST, OPERATOR).contains(this));
    }

    public static Role parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

package io.graygate.audit;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.Map;

/**
 * Recomputes the canonical content of stored entities of one kind, for the chain's append and verify.
 * Entities that no longer exist are absent from the result.
 */
@FunctionalInterface
public interface ContentSource {
    Map<String, String> canonical(Handle handle, Collection<String> entityIds);
}

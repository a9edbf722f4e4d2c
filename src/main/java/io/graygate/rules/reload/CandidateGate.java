package io.graygate.rules.reload;

import io.graygate.rules.RuleSet;
import io.graygate.rules.RuleSetSignature;
import io.graygate.rules.RuleSignatureException;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * A check a compiled, lint-clean candidate rule set must pass before it goes live; an empty list passes.
 * Each problem is one line a person can act on (a failing scenario, a missing signature).
 */
@FunctionalInterface
public interface CandidateGate {
    List<String> problems(RuleSet candidate);

    /** With a public key configured, only a rule set signed for it may go live (as for {@code evaluate}). */
    static CandidateGate signedFor(Path rulesDir, PublicKey key) {
        return candidate -> {
            try {
                RuleSetSignature.verify(candidate, rulesDir, key);
                return List.of();
            } catch (RuleSignatureException e) {
                return List.of(e.getMessage());
            }
        };
    }
}

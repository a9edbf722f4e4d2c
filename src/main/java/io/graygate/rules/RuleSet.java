package io.graygate.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled, verified, immutable set of rule files, identified by the SHA-256 of their names and contents.
 * Sessions are opened through {@link VerifiedKieBase}, which only the verifying {@link RuleLoader} creates.
 */
public record RuleSet(String sha256, List<RuleFile> files, Map<String, RuleInfo> rules, VerifiedKieBase kieBase) {

    public RuleSet {
        files = List.copyOf(files);
        rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
    }

    public Optional<RuleInfo> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }
}

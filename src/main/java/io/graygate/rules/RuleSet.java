package io.graygate.rules;

import org.kie.api.KieBase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A compiled, immutable set of rule files, identified by the SHA-256 of their names and contents. */
public record RuleSet(String sha256, List<RuleFile> files, Map<String, RuleInfo> rules, KieBase kieBase) {

    public RuleSet {
        files = List.copyOf(files);
        rules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rules));
    }

    public Optional<RuleInfo> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }
}

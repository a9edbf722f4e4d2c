package io.graygate.modeswitch;

import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hysteresis rules in a knowledge base of their own. {@code rules check} and stage evaluations still
 * compile every file together (so names stay unique and the evaluation's SHA-256 covers this file too), but
 * replays use {@code hysteresis.drl} alone: an analyst's evaluation rule that matches on the absence of a
 * fact could otherwise fire in a replay, and a smaller network is faster per window.
 */
public final class HysteresisRules {
    public static final String FILE = "hysteresis.drl";
    /** Compiled once per content: an evaluation a day must not recompile the same file each time. */
    private static final Map<String, RuleSet> COMPILED = new ConcurrentHashMap<>();

    private HysteresisRules() {
    }

    public static RuleSet load(Path rulesDir) {
        List<RuleFile> files = RuleLoader.read(rulesDir).stream().filter(f -> f.name().equals(FILE)).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + FILE + " in " + rulesDir + ": the mode switch's rules are missing");
        }
        return compiled(files);
    }

    /** The hysteresis rules of an already loaded rule set, in a knowledge base of their own. */
    public static Optional<RuleSet> within(RuleSet ruleSet) {
        List<RuleFile> files = ruleSet.files().stream().filter(f -> f.name().equals(FILE)).toList();
        return files.isEmpty() ? Optional.empty() : Optional.of(compiled(files));
    }

    private static RuleSet compiled(List<RuleFile> files) {
        return COMPILED.computeIfAbsent(RuleLoader.ruleSetSha256(files), sha -> RuleLoader.compile(files));
    }
}

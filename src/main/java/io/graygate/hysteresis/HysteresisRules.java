package io.graygate.hysteresis;

import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleSet;

import java.nio.file.Path;
import java.util.List;

/**
 * The hysteresis rules in a knowledge base of their own. {@code rules check} and stage evaluations still
 * compile every file together (so names stay unique and the evaluation's SHA-256 covers this file too), but
 * replays use {@code hysteresis.drl} alone: an analyst's evaluation rule that matches on the absence of a
 * fact could otherwise fire in a replay, and a smaller network is faster per window.
 */
public final class HysteresisRules {
    public static final String FILE = "hysteresis.drl";

    private HysteresisRules() {
    }

    public static RuleSet load(Path rulesDir) {
        List<RuleFile> files = RuleLoader.read(rulesDir).stream().filter(f -> f.name().equals(FILE)).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + FILE + " in " + rulesDir + ": the mode switch's rules are missing");
        }
        return RuleLoader.compile(files);
    }
}

package io.graygate.release;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which symbols a stage covers. Deterministic and monotone: a stage's members include every earlier
 * stage's members. A stage that lists its symbols (a whitelist) takes exactly those; a stage configured
 * with {@code symbols: all} below 100% takes an exact quota of the universe, ranked by SHA-256 of
 * "release:symbol", topped up from the earlier stages' members first.
 */
public final class Membership {
    private final ReleaseConfig release;

    public Membership(ReleaseConfig release) {
        this.release = release;
    }

    public Set<String> members(int stageNumber) {
        Set<String> members = new LinkedHashSet<>();
        for (StageConfig stage : release.stages().subList(0, stageNumber)) {
            members = membersOf(stage, members);
        }
        return members;
    }

    private Set<String> membersOf(StageConfig stage, Set<String> earlier) {
        Set<String> members = new LinkedHashSet<>(earlier);
        if (stage.trafficPercent() >= 100) {
            members.addAll(release.universe());
        } else if (!stage.symbols().equals(release.universe())) {
            members.addAll(stage.symbols());
        } else {
            int quota = quota(stage.trafficPercent(), release.universe().size());
            for (String symbol : ranked()) {
                if (members.size() >= quota) {
                    break;
                }
                members.add(symbol);
            }
        }
        return members;
    }

    static int quota(int percent, int universe) {
        return Math.max(1, (int) Math.ceil(percent * universe / 100.0));
    }

    List<String> ranked() {
        return release.universe().stream()
                .sorted(Comparator.comparing((String s) -> hash(release.name() + ":" + s)).thenComparing(s -> s))
                .toList();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

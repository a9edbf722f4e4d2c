package io.graygate.decision;

import java.util.List;

/**
 * One rule firing and what it matched: {@code {"fact": id}} for facts, the value itself otherwise
 * (for example the list a {@code collect} produced, as a list of fact references).
 */
public record Firing(int seq, String rule, String file, String kind, List<Object> matched) {

    public Firing {
        matched = List.copyOf(matched);
    }
}

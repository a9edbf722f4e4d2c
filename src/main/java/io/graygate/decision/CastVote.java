package io.graygate.decision;

import io.graygate.facts.Vote;

import java.util.List;

/**
 * A vote with who cast it and the facts behind it.
 *
 * @param firingSeq the firing that inserted the vote, or null for graygate's own checks
 * @param factIds   the facts the rule matched (or, for graygate's own checks, the facts the check read)
 */
public record CastVote(int seq, Integer firingSeq, String rule, Vote vote, List<Integer> factIds) {

    public CastVote {
        factIds = List.copyOf(factIds);
    }
}

package io.graygate.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the chain with checkpoints kept outside the database. A checkpoint at seq S with hash H holds
 * when the chain still has link S with hash H; since every hash covers its predecessor, that also vouches
 * for every link before S. A chain shorter than S was truncated; another hash at S means the links up to S
 * were rewritten, reordered or rechained. A checkpoint with a MAC that does not hold under the key is forged.
 */
final class CheckpointCheck {
    private CheckpointCheck() {
    }

    static List<ChainBreak> against(List<ChainLink> links, List<Checkpoint> checkpoints, Optional<ChainKey> key) {
        List<ChainBreak> found = new ArrayList<>();
        long length = links.isEmpty() ? 0 : links.get(links.size() - 1).seq();
        for (Checkpoint c : checkpoints) {
            if (c.authentic(key).map(ok -> !ok).orElse(false)) {
                found.add(new ChainBreak(c.seq(), BreakKind.FORGED_CHECKPOINT, "checkpoint " + c
                        + ": its MAC does not hold under the audit key " + key.map(ChainKey::id).orElse("")));
                continue;
            }
            if (c.seq() == 0) {
                continue;
            }
            Optional<ChainLink> at = links.stream().filter(l -> l.seq() == c.seq()).findFirst();
            if (at.isEmpty() && c.seq() > length) {
                found.add(new ChainBreak(c.seq(), BreakKind.TRUNCATED, "the chain ends at seq " + length
                        + " but checkpoint " + c + " holds seq " + c.seq() + ": its newest links were removed"));
            } else if (at.isEmpty()) {
                found.add(new ChainBreak(c.seq(), BreakKind.REWRITTEN, "link " + c.seq() + " of checkpoint " + c
                        + " is missing"));
            } else if (!at.get().hash().equals(c.hash())) {
                found.add(new ChainBreak(c.seq(), BreakKind.REWRITTEN, "link " + c.seq() + " (" + ChainWalk.describe(at.get())
                        + ") has hash " + ChainWalk.abbrev(at.get().hash()) + " but checkpoint " + c
                        + " says " + ChainWalk.abbrev(c.hash()) + ": the chain up to it was rewritten, reordered or rechained"));
            }
        }
        return found;
    }
}

package io.graygate.facts;

import java.util.Comparator;
import java.util.List;

/** The votes entry rules cast: each one an unmet entry condition with a reason in plain words. */
public final class EntryVotes {
    private EntryVotes() {
    }

    /**
     * A required statement that is not a yes: nobody stated it, or the statement in force says no.
     *
     * @param said the {@link Attestation} facts for the check (the latest per check: none or one)
     */
    public static Vote statement(RequiredStatement required, List<?> said) {
        Attestation latest = said.isEmpty() ? null : (Attestation) said.get(said.size() - 1);
        String why = latest == null
                ? "nobody has stated it; graygate attest --stage " + required.stage() + " --check " + required.check()
                        + " --value yes --by NAME"
                : "stated no by " + latest.by() + " at " + latest.at() + (latest.note().isBlank() ? "" : ": " + latest.note());
        return Vote.unmetEntry("statement: " + required.check(),
                "not stated yes: " + required.check() + " (" + required.meaning() + "): " + why);
    }

    public static Vote notAtBaseline(StageEntry entry) {
        return Vote.unmetEntry("release not at baseline", "the release is not at baseline: " + entry.state()
                + " (roll back first to restart stage 1)");
    }

    public static Vote previousNotRunning(StageEntry entry) {
        return Vote.unmetEntry("previous stage not running", "stage " + (entry.number() - 1) + " ("
                + entry.previousStage() + ") is not the running stage: " + entry.state());
    }

    /** @param decisions the {@link StageDecision} facts of the previous stage since it started */
    public static Vote noApprovedAdvance(StageEntry entry, List<?> decisions) {
        String latest = decisions.stream().map(StageDecision.class::cast)
                .max(Comparator.comparing(StageDecision::at)).map(d -> "; latest decision: " + d.describe())
                .orElse("; no decision since it started");
        return Vote.unmetEntry("previous stage ADVANCE not approved", "no approved ADVANCE decision for stage "
                + (entry.number() - 1) + " (" + entry.previousStage() + ") since it started" + latest
                + " (graygate decide ID --approve)");
    }

    public static Vote openProblem(OpenProblem problem) {
        String where = problem.symbol().isEmpty() ? "" : " on " + problem.symbol();
        return Vote.unmetEntry("open problem #" + problem.id(), problem.severity() + " problem #" + problem.id()
                + " of stage " + problem.stage() + where + " is not fixed (" + problem.title()
                + "); graygate problem resolve " + problem.id() + " --solution TEXT --by NAME");
    }

    /** A start asked for inside the rolled-back stage's cool-down: names the rollback and the time left. */
    public static Vote coolDown(LastRollback rollback) {
        return Vote.unmetEntry("cool-down", "cool-down: stage " + rollback.stage() + " was rolled back at "
                + rollback.at() + " (" + rollback.reason() + "); its gate.cool_down is "
                + LastRollback.describe(rollback.coolDown()) + ", " + LastRollback.describe(rollback.left())
                + " left (until " + rollback.coolDownEnds() + ")");
    }
}

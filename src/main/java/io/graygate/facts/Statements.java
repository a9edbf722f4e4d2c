package io.graygate.facts;

import java.util.List;

/** Helpers for rules that judge a condition on a person's statement ({@link Attestation}) instead of data. */
public final class Statements {
    private Statements() {
    }

    /**
     * The vote on a condition a person states: met when the statement in force says yes, not met when it
     * says no or nobody has stated it yet.
     *
     * @param statements the {@link Attestation} facts for the check (the latest per check: none or one)
     */
    public static Vote condition(String code, String check, List<?> statements) {
        Attestation said = statements.isEmpty() ? null : (Attestation) statements.get(statements.size() - 1);
        boolean met = said != null && said.value();
        String why = said == null
                ? "nobody has stated it yet: graygate attest --check " + check + " --value yes|no --by NAME"
                : "stated " + (said.value() ? "yes" : "no") + " by " + said.by() + " at " + said.at()
                        + (said.note().isBlank() ? "" : ": " + said.note());
        return new Vote(VoteKind.GATE, met ? Verdict.ADVANCE : Verdict.HOLD, met ? Severity.INFO : Severity.WARNING,
                code, (met ? "met: " : "not met: ") + code + " (" + why + ")", "statement:" + check,
                said == null ? null : (said.value() ? 1.0 : 0.0), "stated yes", null, met);
    }

    /** The hold an unresolved critical problem casts. */
    public static Vote openProblem(OpenProblem problem) {
        String where = problem.symbol().isEmpty() ? "" : " on " + problem.symbol();
        return new Vote(VoteKind.GATE, Verdict.HOLD, Severity.CRITICAL, "UNRESOLVED_CRITICAL_PROBLEM",
                "critical problem #" + problem.id() + " of stage " + problem.stage() + where + " is not resolved ("
                        + problem.title() + "); resolve it with graygate problem resolve " + problem.id()
                        + " --solution ... --by NAME",
                problem.metric(), null, "no unresolved critical problem", null, false);
    }
}

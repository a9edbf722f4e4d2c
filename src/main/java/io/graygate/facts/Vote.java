package io.graygate.facts;

/**
 * What a rule concluded. Rules insert votes; graygate attributes each vote to the rule that inserted it
 * and picks the decision from all of them (ROLLBACK over HOLD over ADVANCE). No vote is ever retracted.
 *
 * @param code      short, stable name of the condition or trigger (e.g. "no crash", "INSUFFICIENT_DATA: zscore")
 * @param metric    the metric the vote is about, or "" when it is about several
 * @param value     the observed value, or null when there is none
 * @param threshold the limit in words, e.g. "<= 100 ms"
 * @param baseline  the baseline value compared against, or null
 * @param met       for gate conditions: whether it holds; otherwise false
 */
public record Vote(
        VoteKind kind,
        Verdict verdict,
        Severity severity,
        String code,
        String message,
        String metric,
        Double value,
        String threshold,
        Double baseline,
        boolean met) {

    /** An advance condition: ADVANCE when met, HOLD when not. */
    public static Vote condition(String code, boolean met, String metric, double value, String threshold) {
        return condition(code, met, metric, value, threshold, null);
    }

    public static Vote condition(String code, boolean met, String metric, double value, String threshold, Double baseline) {
        String message = (met ? "met: " : "not met: ") + code + " (" + metric + " = " + format(value)
                + (baseline == null ? "" : ", baseline " + format(baseline)) + ", required " + threshold + ")";
        return new Vote(VoteKind.GATE, met ? Verdict.ADVANCE : Verdict.HOLD, met ? Severity.INFO : Severity.WARNING,
                code, message, metric, value, threshold, baseline, met);
    }

    /** A rollback trigger that fired. */
    public static Vote rollback(String code, String message, String metric, double value, String threshold) {
        return new Vote(VoteKind.ROLLBACK, Verdict.ROLLBACK, Severity.CRITICAL, code, message, metric, value, threshold,
                null, false);
    }

    /** A monitoring threshold crossed: a critical alert holds the stage, a warning is only reported. */
    public static Vote alert(Severity severity, String code, String message, String metric, double value, String threshold) {
        Verdict verdict = severity == Severity.CRITICAL ? Verdict.HOLD : Verdict.ADVANCE;
        return new Vote(VoteKind.ALERT, verdict, severity, code, message, metric, value, threshold, null, false);
    }

    /** Holds the stage for a reason that is not a single threshold. */
    public static Vote hold(String code, String message) {
        return new Vote(VoteKind.GATE, Verdict.HOLD, Severity.WARNING, code, message, "", null, "", null, false);
    }

    /** A condition for starting a stage that does not hold; any such vote refuses the start. */
    public static Vote unmetEntry(String code, String message) {
        return new Vote(VoteKind.ENTRY, Verdict.HOLD, Severity.WARNING, code, message, "", null, "", null, false);
    }

    /**
     * The gate's pass streak: ADVANCE once enough healthy evaluations came in a row, HOLD before
     * (code PASS_STREAK, message "PASS_STREAK 1/2: ...").
     */
    public static Vote passStreak(int passes, int required, boolean met) {
        String message = "PASS_STREAK " + passes + "/" + required + (met
                ? ": " + passes + " healthy evaluation(s) in a row"
                : ": " + (required - passes) + " more healthy evaluation(s) in a row needed before ADVANCE");
        return new Vote(VoteKind.GATE, met ? Verdict.ADVANCE : Verdict.HOLD, met ? Severity.INFO : Severity.WARNING,
                "PASS_STREAK", message, "", (double) passes, ">= " + required + " healthy evaluations in a row", null, met);
    }

    /**
     * A soft rollback trigger counted against the stage's failure limit: HOLD below it
     * ("SOFT_FAILURE_STREAK 1/2: ..."), ROLLBACK at it ("SOFT_FAILURE_LIMIT 2/2: ..."). The code stays the
     * trigger's own, so the problem log keeps one problem per trigger.
     */
    public static Vote softTrigger(SoftTrigger trigger, int streak, int limit, boolean rollBack) {
        String message = (rollBack ? "SOFT_FAILURE_LIMIT " : "SOFT_FAILURE_STREAK ") + streak + "/" + limit + ": "
                + trigger.message();
        return new Vote(VoteKind.ROLLBACK, rollBack ? Verdict.ROLLBACK : Verdict.HOLD, Severity.CRITICAL, trigger.code(),
                message, trigger.metric(), trigger.value(), trigger.threshold(), null, false);
    }

    /** graygate's own checks, cast without a rule. */
    public static Vote engine(String code, String message, String metric) {
        return new Vote(VoteKind.ENGINE, Verdict.HOLD, Severity.WARNING, code, message, metric, null, "", null, false);
    }

    /** Whether this vote speaks against advancing; informational alerts do not. */
    public boolean blocksAdvance() {
        return verdict != Verdict.ADVANCE;
    }

    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}

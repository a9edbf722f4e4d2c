package io.graygate.reporting;

import io.graygate.facts.Vote;

/** Number and outcome wording shared by every format. */
public final class ReportText {
    private ReportText() {
    }

    public static String number(Double value) {
        return value == null ? "" : Vote.format(value);
    }

    public static String outcome(ConditionRow row) {
        if (row == null) {
            return "not judged";
        }
        return (row.met() ? "met" : "not met") + (row.value() == null ? "" : " " + number(row.value()));
    }

    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}

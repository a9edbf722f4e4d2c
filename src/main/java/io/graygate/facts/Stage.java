package io.graygate.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The stage being evaluated and its observation window, as the rules see it.
 *
 * @param number         1-based position of the stage in the release (rules match on it)
 * @param windowStart    first day of the observation window (UTC, inclusive)
 * @param windowEnd      the as-of day (UTC, inclusive)
 * @param daysObserved   days from the window start to the as-of day, inclusive
 */
public record Stage(
        String release,
        String name,
        int number,
        int trafficPercent,
        List<String> symbols,
        List<String> controlSymbols,
        LocalDate windowStart,
        LocalDate windowEnd,
        int observationDays,
        int daysObserved,
        boolean throttleInQuiet) {

    public Stage {
        symbols = List.copyOf(symbols);
        controlSymbols = List.copyOf(controlSymbols);
    }

    public boolean observationComplete() {
        return daysObserved >= observationDays;
    }

    public int symbolCount() {
        return symbols.size();
    }
}

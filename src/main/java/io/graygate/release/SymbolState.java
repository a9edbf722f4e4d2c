package io.graygate.release;

import io.graygate.platform.config.Hysteresis;

import java.util.Map;

/**
 * What the trading system should run for one symbol. Outside the stage (or at baseline) dynamic switching
 * is off and the mode is forced to quiet, with no hysteresis or active-mode parameters. Inside the stage the
 * mode starts quiet and the trading system switches it with the hysteresis given here.
 *
 * @param stage the stage the symbol is in, null when it runs the baseline
 */
public record SymbolState(String symbol, boolean dynamicModeEnabled, String strategyMode, String stage,
                          int stageNumber, Hysteresis hysteresis, Map<String, Object> activeMode, boolean throttleInQuiet) {

    public static final String QUIET = "quiet";

    public SymbolState {
        activeMode = activeMode == null ? Map.of() : Map.copyOf(activeMode);
    }

    public static SymbolState baseline(String symbol) {
        return new SymbolState(symbol, false, QUIET, null, 0, null, Map.of(), false);
    }
}

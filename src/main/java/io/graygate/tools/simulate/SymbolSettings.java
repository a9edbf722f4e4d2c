package io.graygate.tools.simulate;

import io.graygate.modeswitch.HysteresisParams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the env file tells the strategy for one symbol, read the way {@code graygate state --format env} writes it:
 * bare names for a file of one symbol, names prefixed with the symbol otherwise.
 *
 * @param params the mode switch's hysteresis; null when dynamic mode is off (the mode is then fixed)
 */
record SymbolSettings(boolean dynamic, String fixedMode, HysteresisParams params, boolean throttleInQuiet) {

    static SymbolSettings read(Path file, Map<String, String> env, String symbol, boolean bare, Duration window) {
        String prefix = bare ? "" : symbol + "_";
        boolean dynamic = Boolean.parseBoolean(require(file, env, prefix + "DYNAMIC_MODE_ENABLED"));
        String mode = require(file, env, prefix + "STRATEGY_MODE");
        if (!dynamic) {
            return new SymbolSettings(false, mode, null, false);
        }
        try {
            HysteresisParams params = new HysteresisParams(
                    Integer.parseInt(require(file, env, prefix + "MIN_ACTIVE_WINDOWS")),
                    Integer.parseInt(require(file, env, prefix + "MIN_QUIET_WINDOWS")),
                    Double.parseDouble(require(file, env, prefix + "ACTIVE_THRESHOLD")),
                    Double.parseDouble(require(file, env, prefix + "QUIET_THRESHOLD")), window);
            return new SymbolSettings(true, mode, params,
                    Boolean.parseBoolean(env.getOrDefault(prefix + "THROTTLE_IN_QUIET", "false")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + symbol + ": " + e.getMessage(), e);
        }
    }

    private static String require(Path file, Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new IllegalArgumentException(file + ": " + name + " is missing");
        }
        return value;
    }
}

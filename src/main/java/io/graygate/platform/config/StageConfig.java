package io.graygate.platform.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One stage of the release as configured in its YAML file.
 *
 * @param number          1-based position in the release's stage order
 * @param symbols         the symbols under the stage (the whole universe for "all")
 * @param activeMode      active-mode parameters handed to the trading system, as written
 * @param requiredMetrics metrics that must have enough data, else the decision is HOLD (INSUFFICIENT_DATA)
 * @param gate            the gate hysteresis; {@link GateConfig#DEFAULT} when absent (stage configs recorded
 *                        before the gate section existed)
 */
public record StageConfig(
        Path file,
        String name,
        int number,
        int trafficPercent,
        List<String> symbols,
        int observationDays,
        Hysteresis hysteresis,
        Map<String, Object> activeMode,
        boolean throttleInQuiet,
        BaselineConfig baseline,
        List<String> requiredMetrics,
        GateConfig gate) {

    public StageConfig {
        gate = gate == null ? GateConfig.DEFAULT : gate;
        symbols = List.copyOf(symbols);
        activeMode = Map.copyOf(activeMode);
        requiredMetrics = List.copyOf(requiredMetrics);
    }
}

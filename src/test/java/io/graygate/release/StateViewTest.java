package io.graygate.release;

import com.fasterxml.jackson.databind.JsonNode;
import io.graygate.platform.config.Hysteresis;
import io.graygate.platform.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The desired state as the trading system reads it: both thresholds of the mode switch in every format. */
class StateViewTest {
    private static final ReleaseState RUNNING = new ReleaseState("r", Phase.STAGE_RUNNING, "gray_10pct", 1,
            java.time.Instant.parse("2026-03-02T10:00:00Z"), null, null);

    private static SymbolState inStage(String symbol, Hysteresis hysteresis) {
        return new SymbolState(symbol, true, SymbolState.QUIET, "gray_10pct", 1, hysteresis, Map.of(), false);
    }

    @Test
    void envExportsTheQuietThresholdBesideTheActiveOne() {
        List<String> env = StateView.env(List.of(inStage("ETHUSDT", new Hysteresis(5, 10, 0.6, 0.4, 300))));

        assertThat(env).containsSubsequence("ACTIVE_THRESHOLD=0.6", "QUIET_THRESHOLD=0.4");
    }

    @Test
    void withOneThresholdTheQuietThresholdEqualsTheActiveOne() {
        List<String> env = StateView.env(List.of(inStage("ETHUSDT", new Hysteresis(5, 10, 0.7, 0.7, 300)),
                inStage("BTCUSDT", new Hysteresis(5, 10, 0.6, 0.4, 300)), SymbolState.baseline("SOLUSDT")));

        assertThat(env).contains("ETHUSDT_ACTIVE_THRESHOLD=0.7", "ETHUSDT_QUIET_THRESHOLD=0.7",
                "BTCUSDT_QUIET_THRESHOLD=0.4");
        assertThat(env).noneMatch(l -> l.startsWith("SOLUSDT_QUIET_THRESHOLD"));
    }

    @Test
    void jsonCarriesBothThresholdsInTheHysteresis() throws Exception {
        SymbolState eth = inStage("ETHUSDT", new Hysteresis(5, 10, 0.6, 0.4, 300));
        DesiredState state = new DesiredState(RUNNING, List.of(eth));

        JsonNode json = Json.MAPPER.readTree(Json.writePretty(StateView.json(state, state.symbols())));

        assertThat(json.at("/symbols/0/hysteresis/activeThreshold").asDouble()).isEqualTo(0.6);
        assertThat(json.at("/symbols/0/hysteresis/quietThreshold").asDouble()).isEqualTo(0.4);
    }
}

package io.graygate.release;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired state as plain maps for JSON, and as environment assignments for the trading system. */
public final class StateView {
    private StateView() {
    }

    public static Map<String, Object> json(DesiredState state, List<SymbolState> symbols) {
        ReleaseState r = state.release();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("release", r.release());
        root.put("phase", r.phase().name());
        root.put("stage", r.stage());
        root.put("stageNumber", r.stageNumber());
        root.put("since", r.since());
        root.put("awaitingEvaluationId", r.awaitingEvaluationId());
        root.put("description", r.describe());
        root.put("symbols", symbols.stream().map(StateView::symbol).toList());
        return root;
    }

    private static Map<String, Object> symbol(SymbolState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("dynamicModeEnabled", s.dynamicModeEnabled());
        m.put("strategyMode", s.strategyMode());
        m.put("stage", s.stage());
        m.put("stageNumber", s.stageNumber());
        m.put("hysteresis", s.hysteresis());
        m.put("activeMode", s.activeMode());
        m.put("throttleInQuiet", s.throttleInQuiet());
        return m;
    }

    /**
     * {@code STRATEGY_MODE} and {@code DYNAMIC_MODE_ENABLED} as on the card, plus the stage's parameters (both
     * thresholds: {@code QUIET_THRESHOLD}, the exit threshold, equals {@code ACTIVE_THRESHOLD} unless the stage
     * sets {@code hysteresis.quiet_threshold}). With one symbol the names are bare; with several each is prefixed
     * with the symbol ({@code ETHUSDT_STRATEGY_MODE}).
     */
    public static List<String> env(List<SymbolState> symbols) {
        boolean bare = symbols.size() == 1;
        return symbols.stream().flatMap(s -> envOf(s, bare ? "" : s.symbol() + "_").stream()).toList();
    }

    private static List<String> envOf(SymbolState s, String prefix) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(prefix + "STRATEGY_MODE=" + s.strategyMode());
        lines.add(prefix + "DYNAMIC_MODE_ENABLED=" + s.dynamicModeEnabled());
        if (s.hysteresis() != null) {
            lines.add(prefix + "MIN_ACTIVE_WINDOWS=" + s.hysteresis().minActiveWindows());
            lines.add(prefix + "MIN_QUIET_WINDOWS=" + s.hysteresis().minQuietWindows());
            lines.add(prefix + "ACTIVE_THRESHOLD=" + s.hysteresis().activeThreshold());
            lines.add(prefix + "QUIET_THRESHOLD=" + s.hysteresis().quietThreshold());
            lines.add(prefix + "THROTTLE_IN_QUIET=" + s.throttleInQuiet());
            lines.add(prefix + "GRAY_STAGE=" + s.stage());
        }
        return lines;
    }

    /** The env file's content for these lines: one assignment a line, each ending in a newline. */
    public static String envFile(List<String> envLines) {
        StringBuilder text = new StringBuilder();
        envLines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * The SHA-256 (hex) of the env file for these lines: what an agent reports it applied and what the service
     * compares with the desired state. {@code sha256sum} of the file an agent wrote gives the same value.
     */
    public static String envHash(List<String> envLines) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(envFile(envLines).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The baseline (quiet, dynamic mode off) of these symbols, in their order. */
    public static List<SymbolState> baseline(List<String> symbols) {
        return symbols.stream().map(SymbolState::baseline).toList();
    }

    /** The symbols to show: all, or the one asked for. */
    public static List<SymbolState> select(DesiredState state, String symbol) {
        if (symbol == null) {
            return state.symbols();
        }
        List<SymbolState> one = state.symbols().stream().filter(s -> s.symbol().equals(symbol)).toList();
        if (one.isEmpty()) {
            throw new LifecycleException("symbol " + symbol + " is not in the release universe");
        }
        return one;
    }
}

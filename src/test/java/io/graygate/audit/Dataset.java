package io.graygate.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a healthy CSV dataset covering every metric that stage gray_10pct (config/production_gray_10pct.yaml)
 * requires, for the stage symbol ETHUSDT, the control symbols BTCUSDT and BNBUSDT, and the system metrics
 * (no symbol), on each day of a range. Every day looks the same, and the stage symbol looks exactly like
 * the control symbols, so every gate is met and no alert or rollback trigger fires:
 * <ul>
 *   <li>uptime 1.0; crash, severe error, critical alert, anomaly, fund-risk and timeout counts 0; data loss 0</li>
 *   <li>8 parameter-update latencies a day, 20..55 ms (P99 about 55 ms; 24 samples in 3 days, min_samples 20)</li>
 *   <li>per symbol: 6 mode switches a day, OFI 0.8 and CVD 0.7 twice a day, 8 z-scores a day (-1.5..1.5)</li>
 * </ul>
 */
public final class Dataset {
    public static final String HEADER = "ts,metric,value,symbol,source";
    static final List<String> SYMBOLS = List.of("ETHUSDT", "BTCUSDT", "BNBUSDT");
    private static final double[] ZSCORES = {-1.5, -1.0, -0.5, 0.0, 0.0, 0.5, 1.0, 1.5};
    private static final List<String> ZERO_COUNTS = List.of("crash_count", "severe_error_count", "critical_alert_count",
            "unexplained_anomaly_count", "fund_risk_event_count", "param_update_timeout_count");

    private Dataset() {
    }

    /** Header plus healthy lines for every day from {@code first} to {@code last}, inclusive. */
    public static List<String> healthy(LocalDate first, LocalDate last) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            lines.add(line(midnight, "uptime_ratio", 1.0, ""));
            for (String count : ZERO_COUNTS) {
                lines.add(line(midnight, count, 0, ""));
            }
            lines.add(line(midnight, "data_loss_ratio", 0, ""));
            for (int i = 0; i < 8; i++) {
                lines.add(line(midnight.plusSeconds(3 * 3600L * i), "param_update_latency_ms", 20 + 5 * i, ""));
            }
            for (String symbol : SYMBOLS) {
                lines.add(line(midnight.plusSeconds(12 * 3600L), "mode_switch_count", 6, symbol));
                for (int half = 0; half < 2; half++) {
                    Instant at = midnight.plusSeconds(12 * 3600L * half);
                    lines.add(line(at, "ofi_signal_quality", 0.8, symbol));
                    lines.add(line(at, "cvd_signal_quality", 0.7, symbol));
                }
                for (int i = 0; i < ZSCORES.length; i++) {
                    lines.add(line(midnight.plusSeconds(3 * 3600L * i), "zscore", ZSCORES[i], symbol));
                }
            }
        }
        return lines;
    }

    public static String line(Instant ts, String metric, double value, String symbol) {
        return ts + "," + metric + "," + value + "," + symbol + ",test";
    }

    /** One data line at noon-plus-one-hour of a day (a timestamp the healthy dataset does not use). */
    public static String eventLine(LocalDate day, String metric, double value) {
        return line(day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(13 * 3600L), metric, value, "");
    }
}

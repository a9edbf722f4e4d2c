package io.graygate.tools.demo;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.platform.config.StageConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a realistic metric history for the demo release, one CSV (per-symbol and system samples) and
 * one JSON Lines file (daily counters) per day, from a fixed seed so every run tells the same story.
 * Symbols under a stage run the dynamic mode switch: active bursts in their activity, 4-8 mode switches
 * a day and slightly better signals; the others stay in quiet mode. The incident day brings a crash,
 * parameter-update time-outs and slow updates, and two malformed lines from a buggy exporter.
 */
public final class SyntheticHistory {
    private static final int WINDOWS_PER_DAY = 288;   // five-minute windows
    private static final double GB = 1024.0 * 1024 * 1024;

    private final ReleaseConfig release;
    private final DemoSchedule schedule;
    private final SplittableRandom random;

    public SyntheticHistory(ReleaseConfig release, DemoSchedule schedule, long seed) {
        this.release = release;
        this.schedule = schedule;
        this.random = new SplittableRandom(seed);
    }

    /** Writes every day's files into {@code dir} and returns them in day order. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (LocalDate day = schedule.first(); !day.isAfter(schedule.last()); day = day.plusDays(1)) {
            files.add(writeSamples(dir.resolve("metrics-" + day + ".csv"), day));
            files.add(writeCounters(dir.resolve("events-" + day + ".jsonl"), day));
        }
        return files;
    }

    private Set<String> graySymbols(LocalDate day) {
        return schedule.phaseOn(day).filter(DemoPhase::isStage)
                .map(p -> Set.copyOf(release.requireStage(p.stage()).symbols())).orElse(Set.of());
    }

    private boolean throttled(LocalDate day) {
        return schedule.phaseOn(day).filter(DemoPhase::isStage)
                .map(p -> release.requireStage(p.stage())).map(StageConfig::throttleInQuiet).orElse(false);
    }

    private Path writeSamples(Path file, LocalDate day) throws IOException {
        Set<String> gray = graySymbols(day);
        boolean incident = day.equals(schedule.incidentDay());
        Instant midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("ts,metric,value,symbol,source\n");
            for (String symbol : release.universe()) {
                writeSymbolDay(out, midnight, symbol, gray.contains(symbol));
            }
            writeSystemDay(out, midnight, throttled(day), incident);
            if (incident) {
                // a typo from a hand-patched exporter: rejected with its line number, the rest still lands
                out.write(midnight.plusSeconds(43_200) + ",mode_swich_count,6,ETHUSDT,exporter\n");
            }
        }
        return file;
    }

    private void writeSymbolDay(BufferedWriter out, Instant midnight, String symbol, boolean gray) throws IOException {
        int bursts = 2 + random.nextInt(3);   // 2-4 active bursts: 4-8 switches with hysteresis
        boolean[] active = activeWindows(bursts);
        for (int w = 0; w < WINDOWS_PER_DAY; w++) {
            Instant ts = midnight.plusSeconds(300L * w);
            double activity = active[w] ? 0.65 + 0.3 * random.nextDouble() : 0.05 + 0.4 * random.nextDouble();
            row(out, ts, "activity", activity, symbol);
            row(out, ts, "zscore", normal() * (gray ? 1.01 : 1.0), symbol);
        }
        for (int h = 0; h < 24; h++) {
            Instant ts = midnight.plusSeconds(3600L * h);
            row(out, ts, "ofi_signal_quality", (gray ? 0.81 : 0.80) + 0.01 * normal(), symbol);
            row(out, ts, "cvd_signal_quality", (gray ? 0.78 : 0.77) + 0.01 * normal(), symbol);
        }
        Instant close = midnight.plusSeconds(86_399);
        row(out, close, "mode_switch_count", gray ? 2.0 * bursts : 0, symbol);
        row(out, close, "strategy_return", (gray ? 0.00206 : 0.0020) + 0.00003 * normal(), symbol);
        row(out, close, "active_strategy_return", (gray ? 0.00318 : 0.0030) + 0.00003 * normal(), symbol);
    }

    /** Active bursts of 20-60 windows, each alone in its share of the day with quiet gaps around it. */
    private boolean[] activeWindows(int bursts) {
        boolean[] active = new boolean[WINDOWS_PER_DAY];
        int slot = WINDOWS_PER_DAY / bursts;
        for (int b = 0; b < bursts; b++) {
            int length = 20 + random.nextInt(Math.min(41, slot - 44));
            int start = b * slot + 12 + random.nextInt(slot - length - 24);
            for (int w = start; w < start + length; w++) {
                active[w] = true;
            }
        }
        return active;
    }

    private void writeSystemDay(BufferedWriter out, Instant midnight, boolean throttled, boolean incident)
            throws IOException {
        for (int h = 0; h < 24; h++) {
            Instant ts = midnight.plusSeconds(3600L * h);
            double uptime = incident && h == 9 ? 0.97 : random.nextDouble() < 0.05 ? 0.9995 : 1.0;
            row(out, ts, "uptime_ratio", uptime, "");
            row(out, ts, "cpu_ratio", clamp(0.35 + 0.03 * normal()), "");
            row(out, ts, "quiet_cpu_ratio", clamp((throttled ? 0.18 : 0.30) + 0.02 * normal()), "");
            row(out, ts, "memory_bytes", Math.round((1.2 + 0.05 * normal()) * GB), "");
            row(out, ts, "data_loss_ratio", 0, "");
        }
        int updates = 200;
        for (int i = 0; i < updates; i++) {
            Instant ts = midnight.plusSeconds(86_400L * i / updates + random.nextInt(60));
            double latency = 30 * Math.exp(0.45 * normal());
            row(out, ts, "param_update_latency_ms", round(latency), "");
        }
        if (incident) {
            for (int i = 0; i < 25; i++) {
                Instant ts = midnight.plusSeconds(9 * 3600L + 60L * i + 7);
                row(out, ts, "param_update_latency_ms", round(250 + 150 * random.nextDouble()), "");
            }
        }
    }

    private Path writeCounters(Path file, LocalDate day) throws IOException {
        boolean incident = day.equals(schedule.incidentDay());
        Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(86_000);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            counter(out, at, "crash_count", incident ? 1 : 0);
            counter(out, at, "severe_error_count", incident ? 2 : 0);
            counter(out, at, "critical_alert_count", incident ? 1 : 0);
            counter(out, at, "unexplained_anomaly_count", 0);
            counter(out, at, "fund_risk_event_count", 0);
            counter(out, at, "param_update_timeout_count", incident ? 7 : 0);
            if (incident) {
                // the exporter wrote NaN while the service was down: rejected, nothing else lost
                out.write("{\"ts\":\"" + at.plusSeconds(1) + "\",\"metric\":\"param_update_latency_ms\",\"value\":\"NaN\"}\n");
            }
        }
        return file;
    }

    private static void counter(BufferedWriter out, Instant ts, String metric, int value) throws IOException {
        out.write("{\"ts\":\"" + ts + "\",\"metric\":\"" + metric + "\",\"value\":" + value + ",\"source\":\"ops\"}\n");
    }

    private static void row(BufferedWriter out, Instant ts, String metric, double value, String symbol) throws IOException {
        out.write(ts + "," + metric + "," + format(value) + "," + symbol + ",\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6g", value);
    }

    private double normal() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clamp(double ratio) {
        return Math.max(0, Math.min(1, ratio));
    }

    private static double round(double ms) {
        return Math.round(ms * 10) / 10.0;
    }
}

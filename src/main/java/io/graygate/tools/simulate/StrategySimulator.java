package io.graygate.tools.simulate;

import io.graygate.tools.agent.EnvFile;
import io.graygate.modeswitch.HysteresisParams;
import io.graygate.modeswitch.Mode;
import io.graygate.modeswitch.ModeSwitch;
import io.graygate.modeswitch.PlainHysteresis;
import io.graygate.evaluation.Percentile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reference strategy: each window it reads the env file its agent keeps, runs the mode switch per symbol with
 * the hysteresis the file gives ({@link PlainHysteresis}, the project's own state machine) over a synthetic
 * activity feed, and pushes what a real strategy reports: activity and switches per symbol, the time each
 * parameter update took, data loss, CPU and memory. Dynamic mode off means the mode the file fixes, no switching.
 */
public final class StrategySimulator {
    /**
     * @param iterations windows to run (the run is bounded)
     * @param interval   wall-clock pause between windows; at least the window length means real time (window
     *                   timestamps from now on), shorter means the windows are back-dated to end now
     */
    public record Settings(Path envFile, URI service, String ingestToken, List<String> symbols, Duration window,
                           int iterations, Duration interval, long seed, double lossRatio, String source) {
        public Settings {
            symbols = List.copyOf(symbols);
            if (symbols.isEmpty() || iterations < 1 || window.isNegative() || window.isZero() || interval.isNegative()
                    || lossRatio < 0 || lossRatio > 1) {
                throw new IllegalArgumentException("simulate needs symbols, --iterations >= 1, a positive window, "
                        + "--interval-ms >= 0 and --loss-ratio in 0..1");
            }
        }
    }

    /** What a run did. */
    public record Result(int windows, Map<String, Integer> switches, Map<String, Mode> finalModes, long accepted,
                         long rejected, int pushProblems, int envProblems, double paramUpdateP99Ms) {
    }

    private final Settings settings;
    private final Consumer<String> log;

    public StrategySimulator(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run() throws InterruptedException {
        Map<String, MarketFeed> feeds = new LinkedHashMap<>();
        Map<String, SymbolSettings> current = new LinkedHashMap<>();
        Map<String, PlainHysteresis> machines = new LinkedHashMap<>();
        Map<String, Integer> switches = new LinkedHashMap<>();
        for (String symbol : settings.symbols()) {
            feeds.put(symbol, new MarketFeed(settings.seed() * 31 + symbol.hashCode(), settings.lossRatio()));
            switches.put(symbol, 0);
        }
        boolean realTime = settings.interval().compareTo(settings.window()) >= 0;
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant first = realTime ? now : now.minus(settings.window().multipliedBy(settings.iterations() - 1L));
        SamplePusher pusher = new SamplePusher(settings.service(), settings.ingestToken(), settings.source());
        List<Double> updateMillis = new ArrayList<>();
        long accepted = 0;
        long rejected = 0;
        int pushProblems = 0;
        int envProblems = 0;
        Map<String, Mode> modes = new LinkedHashMap<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < settings.iterations(); i++) {
            Instant ts = first.plus(settings.window().multipliedBy(i));
            long started = System.nanoTime();
            Optional<Map<String, SymbolSettings>> read = readEnv();
            if (read.isEmpty()) {
                envProblems++;
            }
            for (Map.Entry<String, SymbolSettings> e : read.orElse(current).entrySet()) {
                if (!Objects.equals(e.getValue(), current.get(e.getKey()))) {
                    // A parameter update: the mode switch restarts from quiet with the new hysteresis.
                    current.put(e.getKey(), e.getValue());
                    machines.remove(e.getKey());
                    if (e.getValue().dynamic()) {
                        machines.put(e.getKey(), new PlainHysteresis(e.getKey(), e.getValue().params()));
                    }
                }
            }
            double updated = (System.nanoTime() - started) / 1e6;
            updateMillis.add(updated);
            pusher.add(ts, "param_update_latency_ms", updated, null);
            int lost = 0;
            boolean allQuiet = true;
            for (String symbol : settings.symbols()) {
                MarketFeed feed = feeds.get(symbol);
                double activity = feed.nextActivity();
                lost += feed.lostMessages();
                PlainHysteresis machine = machines.get(symbol);
                int switched = 0;
                Mode mode;
                if (machine != null) {
                    Optional<ModeSwitch> change = machine.step(ts, activity);
                    switched = change.isPresent() ? 1 : 0;
                    mode = machine.mode();
                } else {
                    SymbolSettings s = current.get(symbol);
                    mode = s != null && "active".equals(s.fixedMode()) ? Mode.ACTIVE : Mode.QUIET;
                }
                Mode before = modes.put(symbol, mode);
                if (machine == null && before != null && before != mode) {
                    switched = 1;
                }
                switches.merge(symbol, switched, Integer::sum);
                allQuiet &= mode == Mode.QUIET;
                pusher.add(ts, "activity", activity, symbol);
                pusher.add(ts, "mode_switch_count", switched, symbol);
            }
            double cpu = Math.max(0, Math.min(1, os instanceof com.sun.management.OperatingSystemMXBean sun
                    ? sun.getProcessCpuLoad() : 0));
            pusher.add(ts, "data_loss_ratio", (double) lost / (MarketFeed.MESSAGES_PER_WINDOW * settings.symbols().size()), null);
            pusher.add(ts, "cpu_ratio", cpu, null);
            if (allQuiet) {
                pusher.add(ts, "quiet_cpu_ratio", cpu, null);
            }
            Runtime rt = Runtime.getRuntime();
            pusher.add(ts, "memory_bytes", rt.totalMemory() - rt.freeMemory(), null);
            SamplePusher.Pushed pushed = pusher.flush();
            accepted += pushed.accepted();
            rejected += pushed.rejected();
            if (!pushed.problem().isEmpty()) {
                pushProblems++;
                log.accept("window " + ts + ": " + pushed.problem());
            }
            if (i + 1 < settings.iterations() && !settings.interval().isZero()) {
                Thread.sleep(settings.interval().toMillis());
            }
        }
        double[] sorted = updateMillis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(settings.iterations(), switches, modes, accepted, rejected, pushProblems, envProblems,
                Percentile.cont(sorted, 0.99));
    }

    /** Every symbol's settings, or empty (the last ones stay) when the file is missing or unreadable. */
    private Optional<Map<String, SymbolSettings>> readEnv() {
        try {
            Map<String, String> env = EnvFile.read(settings.envFile());
            Map<String, SymbolSettings> all = new LinkedHashMap<>();
            boolean bare = settings.symbols().size() == 1;
            for (String symbol : settings.symbols()) {
                all.put(symbol, SymbolSettings.read(settings.envFile(), env, symbol, bare, settings.window()));
            }
            return Optional.of(all);
        } catch (IOException | IllegalArgumentException e) {
            log.accept("env file not usable, keeping the last settings: " + e.getMessage());
            return Optional.empty();
        }
    }
}

package io.graygate.tools.cli;

import io.graygate.tools.simulate.StrategySimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "simulate", description = {"The reference strategy: reads the env file an agent keeps, runs the mode",
        "switch with the hysteresis it gives over a synthetic market-activity feed and pushes its metrics (activity,",
        "mode switches, parameter-update latency, data loss, CPU, memory) to graygate serve's /api/samples.",
        "The token comes from GRAYGATE_INGEST_TOKEN (a token with role ingest). The run is bounded by --iterations."})
final class SimulateCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "GRAYGATE_INGEST_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--env-file", required = true, paramLabel = "FILE", description = "the env file the agent keeps")
    Path envFile;

    @Option(names = "--service-url", required = true, paramLabel = "URL", description = "graygate serve, e.g. http://127.0.0.1:8080")
    URI serviceUrl;

    @Option(names = "--symbols", required = true, split = ",", paramLabel = "SYMBOL",
            description = "the symbols the env file covers, in the agent's order")
    List<String> symbols;

    @Option(names = "--iterations", defaultValue = "60", description = "windows to run (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--window-seconds", defaultValue = "60", description = "length of one window (default: ${DEFAULT-VALUE})")
    int windowSeconds;

    @Option(names = "--interval-ms", defaultValue = "0", description = {"pause between windows (default: ${DEFAULT-VALUE}: "
            + "back-dated windows, as fast as possible);", "the window length or more runs in real time"})
    long intervalMs;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the synthetic feed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--loss-ratio", defaultValue = "0", description = "share of market-data messages the feed loses (default: ${DEFAULT-VALUE})")
    double lossRatio;

    @Option(names = "--source", defaultValue = "simulator", description = "the samples' source (default: ${DEFAULT-VALUE})")
    String source;

    @Override
    public Integer call() throws InterruptedException {
        String token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_ENV + " is not set: give the simulator a token with role ingest");
        }
        if (windowSeconds < 1) {
            throw new IllegalArgumentException("--window-seconds must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        StrategySimulator.Result result = new StrategySimulator(new StrategySimulator.Settings(envFile, serviceUrl,
                token.strip(), symbols, Duration.ofSeconds(windowSeconds), iterations, Duration.ofMillis(intervalMs), seed,
                lossRatio, source), line -> {
            out.println(line);
            out.flush();
        }).run();
        out.printf(Locale.ROOT, "simulated %d windows of %s: switches %s; final modes %s; parameter update P99 %.3f ms%n",
                result.windows(), symbols, result.switches(), result.finalModes(), result.paramUpdateP99Ms());
        out.printf(Locale.ROOT, "pushed: %d samples stored, %d rejected, %d failed pushes, %d unusable env reads%n",
                result.accepted(), result.rejected(), result.pushProblems(), result.envProblems());
        out.flush();
        return result.rejected() > 0 || result.pushProblems() > 0 ? 1 : 0;
    }
}

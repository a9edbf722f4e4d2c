package io.graygate.tools.cli;

import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import io.graygate.release.DesiredState;
import io.graygate.release.Lifecycle;
import io.graygate.release.LifecycleException;
import io.graygate.release.ReleaseStore;
import io.graygate.release.StateView;
import io.graygate.release.SymbolState;
import io.graygate.platform.Database;
import io.graygate.platform.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "state", description = {"The desired state for the trading system: the release's stage and, per symbol,",
        "dynamic mode on/off, hysteresis, active-mode parameters and throttle_in_quiet."})
final class StateCommand implements Callable<Integer> {
    enum Format { text, json, env }

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "one symbol only")
    String symbol;

    @Option(names = "--format", defaultValue = "text", description = "text, json or env (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var release = common.release();
        try (Database db = common.openDatabase()) {
            Lifecycle lifecycle = Lifecycle.standard(release, new ReleaseStore(db.jdbi()), common.rulesDir());
            DesiredState state = lifecycle.desiredState();
            List<SymbolState> symbols = StateView.select(state, symbol);
            switch (format) {
                case json -> {
                    Map<String, Object> body = StateView.json(state, symbols);
                    body.put("agents", agents(db, release).stream().map(AgentStatus::toJson).toList());
                    out.println(Json.writePretty(body));
                }
                case env -> StateView.env(symbols).forEach(out::println);
                case text -> text(out, state, symbols, agents(db, release));
            }
            out.flush();
            return 0;
        } catch (LifecycleException e) {
            spec.commandLine().getErr().println("graygate: refused: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return LifecycleCommands.EXIT_REFUSED;
        }
    }

    private static List<AgentStatus> agents(Database db, io.graygate.platform.config.ReleaseConfig release) {
        return new Fleet(release, db.jdbi(), AgentPolicy.DEFAULT, Clock.systemUTC()).statuses();
    }

    private static void text(PrintWriter out, DesiredState state, List<SymbolState> symbols, List<AgentStatus> agents) {
        out.println(state.release().release() + ": " + state.release().describe());
        for (SymbolState s : symbols) {
            out.printf("%-10s %-8s dynamic=%-5s %s%n", s.symbol(), s.strategyMode(), s.dynamicModeEnabled(),
                    s.stage() == null ? "baseline" : s.stage() + " " + s.hysteresis() + " throttle_in_quiet=" + s.throttleInQuiet());
        }
        out.println(agents.isEmpty() ? "agents: none has asked for the desired state yet" : "agents (desired vs applied):");
        agents.forEach(a -> out.println("  " + a.describe()));
    }
}

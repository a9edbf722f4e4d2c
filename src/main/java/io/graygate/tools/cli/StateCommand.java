package io.graygate.tools.cli;

import io.graygate.release.DesiredState;
import io.graygate.release.StateView;
import io.graygate.release.SymbolState;
import io.graygate.platform.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "state", description = {"The desired state for the trading system: the release's stage and, per symbol,",
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
        return LifecycleCommands.run(common, spec.commandLine().getErr(), lifecycle -> {
            DesiredState state = lifecycle.desiredState();
            List<SymbolState> symbols = StateView.select(state, symbol);
            switch (format) {
                case json -> out.println(Json.writePretty(StateView.json(state, symbols)));
                case env -> StateView.env(symbols).forEach(out::println);
                case text -> text(out, state, symbols);
            }
            out.flush();
            return 0;
        });
    }

    private static void text(PrintWriter out, DesiredState state, List<SymbolState> symbols) {
        out.println(state.release().release() + ": " + state.release().describe());
        for (SymbolState s : symbols) {
            out.printf("%-10s %-8s dynamic=%-5s %s%n", s.symbol(), s.strategyMode(), s.dynamicModeEnabled(),
                    s.stage() == null ? "baseline" : s.stage() + " " + s.hysteresis() + " throttle_in_quiet=" + s.throttleInQuiet());
        }
    }
}

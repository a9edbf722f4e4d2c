package io.graygate.tools.cli;

import io.graygate.tools.agent.Agent;
import io.graygate.tools.agent.AgentSettings;
import io.graygate.tools.agent.ApplyCommand;
import io.graygate.tools.agent.EnvFile;
import io.graygate.tools.agent.ServiceClient;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "agent", description = {"Keep one strategy instance's env file at the desired state of graygate serve:",
        "long-poll it, write the file atomically, run the apply command, report what was applied. With the service",
        "silent longer than --fail-safe-after, write and apply the baseline (quiet, dynamic mode off) by itself.",
        "The token comes from GRAYGATE_AGENT_TOKEN (a token with role agent). Runs until stopped.",
        "The apply command runs without a shell: --apply-command splits on blanks; for quoting or shell syntax put",
        "the command after --, e.g. -- sh -c 'systemctl reload strategy && sleep 1'."})
final class AgentCommand implements Callable<Integer> {
    static final String TOKEN_ENV = "GRAYGATE_AGENT_TOKEN";

    @Spec
    CommandSpec spec;

    @Option(names = "--service-url", required = true, paramLabel = "URL", description = "graygate serve, e.g. http://127.0.0.1:8080")
    URI serviceUrl;

    @Option(names = "--instance", required = true, paramLabel = "NAME",
            description = "this strategy instance's name (letters, digits, . _ -, at most 63)")
    String instance;

    @Option(names = "--env-file", required = true, paramLabel = "FILE", description = "the env file the strategy reads")
    Path envFile;

    @Option(names = "--apply-command", paramLabel = "CMD", description = "run after each write, e.g. 'systemctl restart strategy@btc'")
    String applyCommand;

    @Parameters(paramLabel = "ARGV", arity = "0..*", description = "the apply command as separate arguments (after --)")
    List<String> applyArgv;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", description = "the symbols this strategy trades (default: all)")
    List<String> symbols;

    @Option(names = "--fail-safe-after", defaultValue = "120", paramLabel = "SECONDS",
            description = "silence of the service after which the baseline is applied (default: ${DEFAULT-VALUE})")
    long failSafeAfter;

    @Option(names = "--apply-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "the apply command is stopped after this long and the apply reported FAILED (default: ${DEFAULT-VALUE})")
    long applyTimeout;

    @Option(names = "--max-backoff", defaultValue = "30", paramLabel = "SECONDS",
            description = "longest pause between reconnection attempts (default: ${DEFAULT-VALUE})")
    long maxBackoff;

    @Override
    public Integer call() {
        String token = System.getenv(TOKEN_ENV);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(TOKEN_ENV + " is not set: give the agent a token with role agent");
        }
        if (applyCommand != null && applyArgv != null && !applyArgv.isEmpty()) {
            throw new IllegalArgumentException("give the apply command either with --apply-command or after --, not both");
        }
        if (failSafeAfter < 1 || applyTimeout < 1 || maxBackoff < 1) {
            throw new IllegalArgumentException("--fail-safe-after, --apply-timeout and --max-backoff must be at least 1 second");
        }
        List<String> argv = applyCommand != null ? Arrays.stream(applyCommand.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList()
                : applyArgv == null ? List.of() : applyArgv;
        Optional<ApplyCommand> command = argv.isEmpty() ? Optional.empty()
                : Optional.of(new ApplyCommand(argv, Duration.ofSeconds(applyTimeout)));
        AgentSettings settings = new AgentSettings(InstanceName.require(instance), symbols == null ? List.of() : symbols,
                new EnvFile(envFile), command, Duration.ofSeconds(failSafeAfter), AgentPolicy.LONG_POLL,
                Duration.ofSeconds(maxBackoff));
        PrintWriter out = spec.commandLine().getOut();
        new Agent(settings, new ServiceClient(serviceUrl, token.strip()), line -> {
            out.println(java.time.Instant.now() + " " + line);
            out.flush();
        }).run();
        return 0;
    }
}

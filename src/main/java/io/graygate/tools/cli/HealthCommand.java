package io.graygate.tools.cli;

import io.graygate.service.HealthCheck;
import io.graygate.service.HealthReport;
import io.graygate.release.agents.AgentPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "health", description = {"Check the database, the rules, the age of the running stage's last evaluation",
        "and (with --service-url) the service. One line per check; exit 1 when any fails."})
final class HealthCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--max-evaluation-age-hours", defaultValue = "26",
            description = "the running stage's last evaluation may be at most this old (default: ${DEFAULT-VALUE})")
    int maxAgeHours;

    @Option(names = "--service-url", paramLabel = "URL", description = "base URL of graygate serve, e.g. http://127.0.0.1:8080")
    URI serviceUrl;

    @Option(names = "--agent-liveness", paramLabel = "SECONDS",
            description = "an agent seen within this long is live and must be in sync (default: 90)")
    Integer livenessSeconds;

    @Option(names = "--apply-limit", paramLabel = "SECONDS",
            description = "a live agent must apply the desired state within this long (default: 60)")
    Integer applyLimitSeconds;

    @Override
    public Integer call() {
        HealthReport report = new HealthCheck(Clock.systemUTC()).run(common.databaseSettings(), common.release(),
                common.rulesDir(), Duration.ofHours(maxAgeHours), serviceUrl,
                AgentPolicy.of(livenessSeconds, applyLimitSeconds));
        PrintWriter out = spec.commandLine().getOut();
        for (HealthReport.Check check : report.checks()) {
            out.printf("%-4s %-10s %s%n", check.ok() ? "ok" : "FAIL", check.name(), check.detail());
        }
        out.flush();
        return report.healthy() ? 0 : 1;
    }
}

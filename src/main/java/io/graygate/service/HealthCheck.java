package io.graygate.service;

import io.graygate.audit.EvaluationDao;
import io.graygate.platform.config.ReleaseConfig;
import io.graygate.release.agents.AgentPolicy;
import io.graygate.release.agents.AgentStatus;
import io.graygate.release.agents.Fleet;
import io.graygate.release.Lifecycle;
import io.graygate.release.ReleaseState;
import io.graygate.release.ReleaseStore;
import io.graygate.rules.RuleCheck;
import io.graygate.rules.RuleLoader;
import io.graygate.platform.Database;
import io.graygate.platform.DatabaseSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's health check: the database answers, the rules compile, the running stage's last
 * evaluation is recent enough, and (when a URL is given) the service answers on /health.
 */
public final class HealthCheck {
    private final Clock clock;

    public HealthCheck(Clock clock) {
        this.clock = clock;
    }

    public HealthReport run(DatabaseSettings settings, ReleaseConfig release, Path rulesDir, Duration maxEvaluationAge,
                            URI serviceUrl) {
        return run(settings, release, rulesDir, maxEvaluationAge, serviceUrl, AgentPolicy.DEFAULT);
    }

    /** @param agents which agents are live and how long one may take to apply the desired state */
    public HealthReport run(DatabaseSettings settings, ReleaseConfig release, Path rulesDir, Duration maxEvaluationAge,
                            URI serviceUrl, AgentPolicy agents) {
        List<HealthReport.Check> checks = new ArrayList<>();
        checks.add(rules(rulesDir));
        try (Database db = Database.openWithoutMigrating(settings)) {
            checks.add(new HealthReport.Check("database", true, db.description() + " answers"));
            checks.add(lastEvaluation(new ReleaseStore(db.jdbi()), release, rulesDir, maxEvaluationAge));
            checks.add(agents(new Fleet(release, db.jdbi(), agents, clock)));
        } catch (RuntimeException e) {
            checks.add(new HealthReport.Check("database", false, "unreachable: " + e.getMessage()));
        }
        if (serviceUrl != null) {
            checks.add(service(serviceUrl));
        }
        return new HealthReport(checks);
    }

    private static HealthReport.Check rules(Path dir) {
        RuleCheck check = RuleLoader.check(dir);
        return check.ruleSet().isPresent()
                ? new HealthReport.Check("rules", true, "compile (" + check.ruleSet().get().rules().size() + " rules)")
                : new HealthReport.Check("rules", false, "do not compile: " + check.problems().get(0));
    }

    private HealthReport.Check lastEvaluation(ReleaseStore store, ReleaseConfig release, Path rulesDir, Duration maxAge) {
        ReleaseState state = Lifecycle.standard(release, store, rulesDir).state();
        if (!state.stageActive() || state.stage() == null) {
            return new HealthReport.Check("evaluation", true, "no stage running (" + state.describe() + ")");
        }
        Optional<Instant> last = new EvaluationDao(store.jdbi()).lastStoredAt(release.name(), state.stage());
        Instant now = clock.instant();
        Instant reference = last.orElse(state.since());
        boolean fresh = Duration.between(reference, now).compareTo(maxAge) <= 0;
        String what = last.map(t -> "last evaluation of " + state.stage() + " at " + t)
                .orElse("no evaluation of " + state.stage() + " since it started at " + state.since());
        return new HealthReport.Check("evaluation", fresh, what + (fresh ? "" : ", older than " + maxAge));
    }

    /** Fails naming every live agent that has not applied the desired state within the policy's apply limit. */
    private static HealthReport.Check agents(Fleet fleet) {
        List<AgentStatus> statuses = fleet.statuses();
        List<AgentStatus> live = statuses.stream().filter(AgentStatus::live).toList();
        List<AgentStatus> overdue = live.stream().filter(AgentStatus::overdue).toList();
        if (!overdue.isEmpty()) {
            return new HealthReport.Check("agents", false, overdue.size() + " live agent(s) have not applied the desired "
                    + "state within " + fleet.policy().applyLimit().toSeconds() + " s: "
                    + String.join("; ", overdue.stream().map(AgentStatus::describe).toList()));
        }
        long syncing = live.stream().filter(a -> !a.inSync()).count();
        return new HealthReport.Check("agents", true, live.size() + " live agent(s) of " + statuses.size()
                + (syncing == 0 ? ", all applied the desired state" : ", " + syncing + " applying it (within "
                + fleet.policy().applyLimit().toSeconds() + " s)"));
    }

    private static HealthReport.Check service(URI url) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(url.resolve("/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() == 200;
            return new HealthReport.Check("service", ok, url + " answered " + response.statusCode());
        } catch (java.io.IOException e) {
            return new HealthReport.Check("service", false, url + " does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthReport.Check("service", false, "interrupted");
        }
    }
}

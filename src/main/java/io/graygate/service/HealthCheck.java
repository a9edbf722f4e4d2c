package io.graygate.service;

import io.graygate.platform.config.ReleaseConfig;
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
        List<HealthReport.Check> checks = new ArrayList<>();
        checks.add(rules(rulesDir));
        try (Database db = Database.openWithoutMigrating(settings)) {
            checks.add(new HealthReport.Check("database", true, db.description() + " answers"));
            checks.add(lastEvaluation(new ReleaseStore(db.jdbi()), release, rulesDir, maxEvaluationAge));
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
        Optional<Instant> last = store.jdbi().withHandle(h -> h.createQuery(
                        "SELECT max(created_at) FROM evaluation WHERE release = :release AND stage = :stage")
                .bind("release", release.name()).bind("stage", state.stage())
                .mapTo(java.time.OffsetDateTime.class).findOne().map(java.time.OffsetDateTime::toInstant));
        Instant now = clock.instant();
        Instant reference = last.orElse(state.since());
        boolean fresh = Duration.between(reference, now).compareTo(maxAge) <= 0;
        String what = last.map(t -> "last evaluation of " + state.stage() + " at " + t)
                .orElse("no evaluation of " + state.stage() + " since it started at " + state.since());
        return new HealthReport.Check("evaluation", fresh, what + (fresh ? "" : ", older than " + maxAge));
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

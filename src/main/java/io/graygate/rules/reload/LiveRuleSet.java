package io.graygate.rules.reload;

import io.graygate.platform.config.ReleaseConfig;
import io.graygate.rules.RuleCatalogue;
import io.graygate.rules.RuleCheck;
import io.graygate.rules.RuleCompileException;
import io.graygate.rules.RuleFile;
import io.graygate.rules.RuleLoader;
import io.graygate.rules.RuleProblem;
import io.graygate.rules.RuleSet;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The rule set a long-running service evaluates with. A candidate read from the rules directory goes live
 * only after it compiles, passes the linter (the check that gates every load) and every gate (scenarios,
 * signature); it is then stored as a rule-set version and swapped in with one reference write. An
 * evaluation calls {@link #get()} once and keeps that set to its end, so it never mixes two sets.
 * A refused candidate is logged and remembered; the live set stays.
 */
public final class LiveRuleSet implements Supplier<RuleSet> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRuleSet.class);

    private final Path rulesDir;
    private final List<CandidateGate> gates;
    private final RuleSetRecorder recorder;
    private final Clock clock;
    private final RuleCatalogue catalogue;
    private final AtomicReference<LiveRules> live = new AtomicReference<>();
    private final AtomicReference<RefusedCandidate> lastRefused = new AtomicReference<>();

    public LiveRuleSet(Path rulesDir, List<CandidateGate> gates, RuleSetRecorder recorder, Clock clock) {
        this(rulesDir, gates, recorder, clock, RuleCatalogue.UNKNOWN);
    }

    /** @param catalogue the metric and stage names a candidate's rules may match on */
    public LiveRuleSet(Path rulesDir, List<CandidateGate> gates, RuleSetRecorder recorder, Clock clock,
                       RuleCatalogue catalogue) {
        this.rulesDir = rulesDir;
        this.gates = List.copyOf(gates);
        this.recorder = recorder;
        this.clock = clock;
        this.catalogue = catalogue;
    }

    /**
     * The service's standard set: scenarios from {@code <rules>/tests} must pass, versions go to the database,
     * plus any extra gates (e.g. a signature check); the first candidate is loaded at once.
     */
    public static LiveRuleSet load(Path rulesDir, ReleaseConfig release, Jdbi jdbi, List<CandidateGate> extraGates,
                                   String loadedBy) {
        List<CandidateGate> gates = new ArrayList<>(extraGates);
        gates.add(new ScenarioGate(release, rulesDir.resolve("tests")));
        LiveRuleSet rules = new LiveRuleSet(rulesDir, gates, RuleSetRecorder.inDatabase(jdbi), Clock.systemUTC(),
                RuleCatalogue.of(release));
        rules.reload(loadedBy);
        return rules;
    }

    /** The live rule set; take it once per evaluation. */
    @Override
    public RuleSet get() {
        LiveRules current = live.get();
        if (current == null) {
            throw new IllegalStateException("no rule set is live: " + lastRefused().map(r -> String.join("; ", r.problems()))
                    .orElse("none loaded yet"));
        }
        return current.ruleSet();
    }

    public Optional<LiveRules> live() {
        return Optional.ofNullable(live.get());
    }

    public Optional<RefusedCandidate> lastRefused() {
        return Optional.ofNullable(lastRefused.get());
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /**
     * Reads the rules directory and lets the candidate live if it passes every check. Reloads run one at a
     * time (watcher and HTTP may ask together); readers are never blocked.
     */
    public synchronized ReloadResult reload(String requestedBy) {
        List<RuleFile> files;
        try {
            files = RuleLoader.read(rulesDir);
        } catch (RuleCompileException e) {
            return refuse(null, requestedBy, e.problems().stream().map(RuleProblem::toString).toList());
        } catch (UncheckedIOException e) {
            return refuse(null, requestedBy, List.of(e.getMessage()));
        }
        String sha = RuleLoader.ruleSetSha256(files);
        LiveRules current = live.get();
        if (current != null && current.ruleSet().sha256().equals(sha)) {
            return new ReloadResult(ReloadResult.Outcome.UNCHANGED, sha, sha, List.of());
        }
        // Verified before the gates: the scenario gate runs the candidate's rules, so it sees only a verified set.
        RuleCheck check = RuleLoader.check(files, catalogue);
        if (check.ruleSet().isEmpty()) {
            return refuse(sha, requestedBy, check.problems().stream().filter(RuleProblem::isError).map(RuleProblem::toString).toList());
        }
        RuleSet candidate = check.ruleSet().get();
        List<String> problems = new ArrayList<>();
        for (CandidateGate gate : gates) {
            problems.addAll(gate.problems(candidate));
        }
        if (!problems.isEmpty()) {
            return refuse(sha, requestedBy, problems);
        }
        try {
            recorder.record(candidate, requestedBy);
        } catch (RuntimeException e) {
            return refuse(sha, requestedBy, List.of("cannot store the rule-set version: " + e.getMessage()));
        }
        live.set(new LiveRules(candidate, now(), requestedBy));
        LOG.info("rule set {} is live (was {}), loaded by {}", abbrev(sha),
                current == null ? "none" : abbrev(current.ruleSet().sha256()), requestedBy);
        return new ReloadResult(ReloadResult.Outcome.SWAPPED, sha, sha, List.of());
    }

    private ReloadResult refuse(String sha, String requestedBy, List<String> problems) {
        lastRefused.set(new RefusedCandidate(sha, now(), requestedBy, problems));
        String liveSha = live().map(l -> l.ruleSet().sha256()).orElse(null);
        LOG.warn("rule set candidate {} from {} refused; the live set {} stays:\n  {}", sha == null ? "(unreadable)" : abbrev(sha),
                rulesDir, liveSha == null ? "(none)" : abbrev(liveSha), String.join("\n  ", problems));
        return new ReloadResult(ReloadResult.Outcome.REFUSED, sha, liveSha, problems);
    }

    private Instant now() {
        return clock.instant();
    }

    private static String abbrev(String sha) {
        return sha.substring(0, 12);
    }
}
